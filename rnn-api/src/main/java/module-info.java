/**
 * The rnn4j service-provider interfaces and the value types they speak in.
 *
 * <p>Every other rnn4j module depends on this one and this one depends on nothing. Plug-in
 * authors implement {@link org.rnn4j.api.Activation}, {@link org.rnn4j.api.Loss},
 * {@link org.rnn4j.api.LayerProvider} or {@link org.rnn4j.api.OptimizerProvider} and declare
 * them with {@code provides} in their own {@code module-info.java} (and a
 * {@code META-INF/services} line for class-path users).
 */
module org.rnn4j.api {
    exports org.rnn4j.api;
}
