import org.rnn4j.api.Activation;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.Loss;
import org.rnn4j.api.OptimizerProvider;

/**
 * The rnn4j engine: the plug-in registry, the built-in layers ({@code elman}, {@code lstm},
 * {@code gru}, {@code dense}, {@code embedding}, a bidirectional wrapper for any recurrent one, and the sequence heads
 * {@code last_step}, {@code mean_pool}, {@code max_pool})
 * and losses ({@code half_sse}, {@code mse}, {@code mae}, {@code huber}, {@code softmax_cross_entropy},
 * {@code sparse_softmax_cross_entropy}), stacked
 * networks trained with backpropagation through time, initialisers ({@code org.rnn4j.core.init}),
 * and the training loop ({@code org.rnn4j.core.train}). Model and checkpoint files are rnn-io's
 * ({@code org.rnn4j.io.model}); this module needs nothing but the API and the BLAS.
 *
 * @uses Activation found by name through {@link org.rnn4j.core.Registry}
 * @uses Loss found by name through {@link org.rnn4j.core.Registry}
 * @uses LayerProvider found by name through {@link org.rnn4j.core.Registry}
 * @uses OptimizerProvider found by name through {@link org.rnn4j.core.Registry}
 * @provides LayerProvider elman, lstm, gru, dense, embedding, and the sequence heads last_step, mean_pool and
 *     max_pool
 * @provides Loss half_sse, mse, mae, huber, softmax_cross_entropy and sparse_softmax_cross_entropy
 */
@SuppressWarnings("requires-automatic")
module org.rnn4j.core {
    requires transitive org.rnn4j.api;
    // netlib's BLAS (an automatic module) behind org.rnn4j.core.math.Kernels; its f2j
    // dependency arpack_combined_all must be on the path too (see Kernels).
    requires dev.ludovic.netlib.blas;

    exports org.rnn4j.core;
    exports org.rnn4j.core.init;
    exports org.rnn4j.core.train;

    uses Activation;
    uses Loss;
    uses LayerProvider;
    uses OptimizerProvider;

    provides LayerProvider with
            org.rnn4j.core.layers.ElmanProvider,
            org.rnn4j.core.layers.LstmProvider,
            org.rnn4j.core.layers.GruProvider,
            org.rnn4j.core.layers.DenseProvider,
            org.rnn4j.core.layers.EmbeddingProvider,
            org.rnn4j.core.layers.LastStepProvider,
            org.rnn4j.core.layers.MeanPoolProvider,
            org.rnn4j.core.layers.MaxPoolProvider;
    provides Loss with
            org.rnn4j.core.losses.HalfSquaredError,
            org.rnn4j.core.losses.MeanSquaredError,
            org.rnn4j.core.losses.SoftmaxCrossEntropy,
            org.rnn4j.core.losses.SparseSoftmaxCrossEntropy,
            org.rnn4j.core.losses.MeanAbsoluteError,
            org.rnn4j.core.losses.Huber;
}
