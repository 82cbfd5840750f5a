/**
 * The built-in activation functions of rnn4j, provided as {@link org.rnn4j.api.Activation}
 * services: {@code sigmoid}, {@code tanh}, {@code identity}, {@code relu}, {@code leaky_relu},
 * {@code elu}, {@code softplus}, {@code softsign} and {@code hard_sigmoid}.
 *
 * <p>The module exports nothing; users reach the functions by name through
 * {@link java.util.ServiceLoader}.
 */
module org.rnn4j.activations {
    requires org.rnn4j.api;

    provides org.rnn4j.api.Activation with
        org.rnn4j.activations.Sigmoid,
        org.rnn4j.activations.Tanh,
        org.rnn4j.activations.Identity,
        org.rnn4j.activations.Relu,
        org.rnn4j.activations.LeakyRelu,
        org.rnn4j.activations.Elu,
        org.rnn4j.activations.Softplus,
        org.rnn4j.activations.Softsign,
        org.rnn4j.activations.HardSigmoid;
}
