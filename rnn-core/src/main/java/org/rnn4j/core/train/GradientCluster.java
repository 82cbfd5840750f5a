package org.rnn4j.core.train;

import org.rnn4j.core.Network;

/**
 * A cluster that computes a {@link Trainer}'s gradients ({@link BatchGradients}) on its workers,
 * found at run time through {@link java.util.ServiceLoader}: {@code ./rnn4j train --spark MASTER}
 * looks one up by {@link #name()}, so that the command line never depends on the cluster's
 * software (rnn-spark provides {@code "spark"} on the class path).
 */
public interface GradientCluster {

    /** @return the cluster's kind, as the command line names it (for example {@code "spark"}) */
    String name();

    /**
     * Connects to the cluster.
     *
     * @param master where it runs, in the cluster's own notation (for Spark {@code local[2]} or
     *     {@code spark://host:port})
     * @param workers how many shards each step's batch is cut into, or 0 for the cluster's default
     * @return the connection, to close when training is done
     * @throws IllegalArgumentException if the address or the worker count is not one the cluster
     *     accepts, or it cannot be reached
     */
    Session connect(String master, int workers);

    /** A connection to a cluster: one or more runs' gradients, then {@link #close()}. */
    interface Session extends AutoCloseable {

        /**
         * @param net the network the trainer trains (the driver's copy)
         * @param config the trainer's settings (their truncation and seed decide the workers' BPTT
         *     and how rows are dealt to them)
         * @return the gradients of each step, computed by the workers, for
         *     {@link Trainer#gradientsFrom}; released by {@link #close()}
         * @throws IllegalArgumentException if the cluster cannot train this network
         */
        BatchGradients gradients(Network net, TrainingConfig config);

        /**
         * As {@link #gradients(Network, TrainingConfig)}, for a trainer that trains on
         * {@code train}: a cluster may spread the data over its workers once instead of shipping
         * each batch's rows with the step. The default ignores {@code train}.
         *
         * @param net the network the trainer trains (the driver's copy)
         * @param config the trainer's settings
         * @param train the dataset the trainer is given to train on (as {@code fit(train, validation)} takes it)
         * @return the gradients of each step, for {@link Trainer#gradientsFrom}; released by {@link #close()}
         * @throws IllegalArgumentException if the cluster cannot train this network
         */
        default BatchGradients gradients(Network net, TrainingConfig config, Dataset train) {
            return gradients(net, config);
        }

        /** @return one line saying where the gradients are computed (master, workers) */
        String describe();

        /** Releases the cluster's resources (for Spark, stops its context). */
        @Override
        void close();
    }
}
