/**
 * The standard rnn4j optimizers, found through {@link java.util.ServiceLoader} as
 * {@link org.rnn4j.api.OptimizerProvider}s named {@code sgd}, {@code adagrad}, {@code rmsprop},
 * {@code adam} and {@code adamw}.
 *
 * <p>Each follows the algorithm box and the defaults of its PyTorch 2.x namesake
 * ({@code torch.optim.SGD}, {@code Adagrad}, {@code RMSprop}, {@code Adam}, {@code AdamW}) and
 * takes its hyperparameters by the PyTorch argument names ({@code lr}, {@code momentum},
 * {@code weight_decay}, ...; Adam's {@code betas} pair is split into {@code beta1} and
 * {@code beta2}). The module exports nothing: use the optimizers through the
 * {@link org.rnn4j.api.Optimizer} interface.
 */
module org.rnn4j.optim {
    requires org.rnn4j.api;

    provides org.rnn4j.api.OptimizerProvider with
            org.rnn4j.optim.SgdProvider,
            org.rnn4j.optim.AdagradProvider,
            org.rnn4j.optim.RmsPropProvider,
            org.rnn4j.optim.AdamProvider,
            org.rnn4j.optim.AdamWProvider;
}
