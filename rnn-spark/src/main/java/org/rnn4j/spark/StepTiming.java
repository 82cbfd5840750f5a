package org.rnn4j.spark;

/**
 * Where the steps of a run on Spark spent their time: the workers' forward and backward against
 * everything around them (scheduling, shipping shards and parameters, collecting and summing
 * gradients).
 *
 * @param steps the steps computed
 * @param computeSeconds per step, the slowest worker's forward and backward, summed over steps
 * @param totalSeconds the steps' gradient time on the driver, from cutting the batch to the sum
 */
public record StepTiming(long steps, double computeSeconds, double totalSeconds) {
}
