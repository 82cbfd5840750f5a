/**
 * The benchmark workloads (W1-W4 of docs/BENCHMARKS.md) on the synthetic text, the JMH benchmarks
 * that time them and the peak dgemm, and the report that relates the two.
 */
package org.rnn4j.bench;
