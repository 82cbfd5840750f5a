/**
 * Synchronous, exact data-parallel training on Apache Spark: each step, every worker computes the
 * gradients of its shard of the global batch on its own replica of the network, the driver sums
 * them in a fixed order, clips and applies one optimizer step, and the next step's replicas start
 * from those parameters. See {@link org.rnn4j.spark.SparkTrainer}.
 */
package org.rnn4j.spark;
