package org.rnn4j.examples.cli;

import java.util.ServiceLoader;
import org.rnn4j.core.train.GradientCluster;

/**
 * {@code train --spark MASTER [--workers N]}: the cluster that computes the gradients, found
 * through {@link ServiceLoader} so that this module never depends on Spark (rnn-spark provides
 * it on the class path, where {@code ./rnn4j} puts it for {@code --spark}).
 */
final class Clusters {

    private Clusters() {
    }

    /**
     * Checks the options and finds the cluster, before anything else of the run.
     *
     * @param master {@code --spark}, or null
     * @param workers {@code --workers}, or null for the cluster's default
     * @return the cluster, or null without {@code --spark}
     * @throws IllegalArgumentException on {@code --workers} without {@code --spark} or below 1, or
     *     no rnn-spark on the path
     */
    static GradientCluster find(String master, Integer workers) {
        if (master == null) {
            if (workers != null) {
                throw new IllegalArgumentException("--workers applies to --spark only: give --spark MASTER (local[N] "
                        + "or spark://host:port) too, or drop --workers");
            }
            return null;
        }
        if (workers != null && workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        }
        for (GradientCluster c : ServiceLoader.load(GradientCluster.class)) {
            if (c.name().equals("spark")) {
                return c;
            }
        }
        throw new IllegalArgumentException("--spark needs the rnn-spark module and Spark's jars on the class path, and "
                + "this java has neither: run it through ./rnn4j train --spark " + master + " from an rnn4j clone, "
                + "which adds them");
    }

    /**
     * @param cluster from {@link #find}, or null
     * @param master {@code --spark}
     * @param workers {@code --workers}, or null for the cluster's default
     * @return the connected cluster, or null without one
     * @throws IllegalArgumentException on a master the cluster rejects or cannot reach
     */
    static GradientCluster.Session connect(GradientCluster cluster, String master, Integer workers) {
        return cluster == null ? null : cluster.connect(master, workers == null ? 0 : workers);
    }
}
