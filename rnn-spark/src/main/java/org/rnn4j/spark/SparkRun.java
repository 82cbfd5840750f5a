package org.rnn4j.spark;

/**
 * How a run on Spark ended, with where its time went.
 *
 * @param reason why it ended ({@code COMPLETED}, {@code STEP_LIMIT} or {@code NON_FINITE})
 * @param message one line for the user
 * @param steps the optimizer steps taken
 * @param stepLosses each step's loss as a mean per real step (what {@code StepEvent.loss()} gives)
 * @param computeSeconds per step, the slowest worker's forward and backward, summed over steps
 * @param stepSeconds the steps' wall-clock time on the driver (job, transfer, sum, clip, optimizer)
 */
public record SparkRun(org.rnn4j.core.train.StopReason reason, String message, long steps, double[] stepLosses,
        double computeSeconds, double stepSeconds) {
}
