package org.rnn4j.spark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.TruncatedBptt;
import org.rnn4j.io.model.ModelFile;

/**
 * A worker's half of a step, run by Spark on an executor: load this step's parameters into the
 * worker's replica, run (truncated) BPTT over its part of the batch exactly as {@code Trainer}
 * does for a whole batch ({@link TruncatedBptt} with k = the config's truncation, or k = T when
 * there is none, which its javadoc shows is the full BPTT bit for bit), and return the weighted
 * gradient:
 *
 * <pre>
 *   sum:   G_w = dL_w/dtheta,                    L_w = the shard's summed loss
 *   mean:  G_w = (n_w / n) dL_w/dtheta,          L_w = (n_w / n) (the shard's mean loss)
 * </pre>
 *
 * where n_w is the shard's loss rows (real, unmasked steps; sequences for per-sequence targets)
 * and n the global batch's. Every loss here is a
 * sum over real steps of per-step terms (divided by the real-step count for a mean, chunk by
 * chunk under truncation, see {@link TruncatedBptt}), so sum_w G_w is the gradient of the whole
 * batch: the global mean divides by the global count n, it is not the average of the shards'
 * means (which would weigh a shard with fewer real steps, from padding, too much).
 *
 * <p>Dropout: the replica draws the masks of the driver's step for its rows of the global batch
 * ({@code Network.setDropoutRows}, {@code setDropoutPosition}), which are the masks one process
 * draws for those rows: each mask element is a function of (seed, step, batch step, global row,
 * feature) only.
 *
 * <p>Replicas: each executor keeps one network per (run, shard), built once from the model
 * bytes broadcast at the start of the run, and overwrites its parameters from this step's
 * broadcast; a task on another executor builds its own, so a task depends only on its inputs.
 */
final class ShardWorker implements Function<ShardBatch, ShardGradient> {

    private static final long serialVersionUID = 1L;

    /** (run id + "/" + shard) to the replica: one network per concurrently running task. */
    private static final Map<String, Network> REPLICAS = new ConcurrentHashMap<>();

    private final String run;
    private final Broadcast<byte[]> model;
    private final Broadcast<double[][]> parameters;
    private final int truncation;
    private final long dropoutStep;

    /**
     * @param run a name unique to the training run (replicas of other runs are dropped)
     * @param model the network as {@link ModelFile} bytes
     * @param parameters this step's parameter values, in {@code Network.parameters()} order
     * @param truncation the config's truncation k, or 0 for none
     * @param dropoutStep the step whose dropout masks the batch draws (the driver network's
     *     {@code dropoutStep()}, which the trainer set)
     */
    ShardWorker(String run, Broadcast<byte[]> model, Broadcast<double[][]> parameters, int truncation,
            long dropoutStep) {
        this.run = run;
        this.model = model;
        this.parameters = parameters;
        this.truncation = truncation;
        this.dropoutStep = dropoutStep;
    }

    @Override
    public ShardGradient call(ShardBatch part) {
        long started = System.nanoTime();
        int real = part.lossRows();
        if (real == 0) {
            // nothing real: no gradient, the states pass unchanged (as TruncatedBptt skips a chunk of padding)
            return new ShardGradient(part.shard, null, 0, part.initial, System.nanoTime() - started);
        }
        String key = run + "/" + part.shard;
        Network net = checkOut(key);
        try {
            List<Parameter> ps = net.parameters();
            double[][] values = parameters.value();
            for (int p = 0; p < ps.size(); p++) {
                ps.get(p).set(values[p]); // a float32 parameter takes its own floats back exactly
            }
            // dropout: the masks one process draws for these rows of the global batch at this step
            net.setDropoutRows(part.globalRows);
            net.setDropoutPosition(dropoutStep, 0);
            TruncatedBptt bptt = new TruncatedBptt(truncation > 0 ? truncation : Math.max(1, part.steps));
            List<State> initial = Rows.toStates(part.initial);
            double loss = bptt.gradients(net, part.input(), part.target(), initial);
            double w = net.reduction() == Reduction.MEAN ? (double) real / part.globalReal : 1.0;
            double[][] g = new double[ps.size()][];
            for (int p = 0; p < ps.size(); p++) {
                g[p] = gradient(ps.get(p));
                if (w != 1.0) {
                    for (int i = 0; i < g[p].length; i++) {
                        g[p][i] *= w;
                    }
                }
            }
            double[][][] states = Rows.raw(bptt.finalStates());
            return new ShardGradient(part.shard, g, w * loss, states, System.nanoTime() - started);
        } finally {
            REPLICAS.put(key, net);
        }
    }

    /**
     * Takes the replica out of the cache while a task uses it, so that two tasks of one shard
     * at once (a speculative or retried copy) never share a network: the second builds its own.
     */
    private Network checkOut(String key) {
        Network net = REPLICAS.remove(key);
        if (net == null) {
            REPLICAS.keySet().removeIf(k -> !k.startsWith(run + "/"));
            net = ModelFile.fromBytes(model.value(), Registry.installed()).network();
            net.setTraining(true);
        }
        return net;
    }

    /** A copy of p's gradient as doubles: a float32 parameter's floats widened (no staging array). */
    private static double[] gradient(Parameter p) {
        if (p.precision() != Precision.FLOAT32) {
            return p.grad().clone();
        }
        float[] f = p.floatGrad();
        double[] g = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            g[i] = f[i];
        }
        return g;
    }
}
