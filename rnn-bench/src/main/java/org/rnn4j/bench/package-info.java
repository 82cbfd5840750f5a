/**
 * The benchmark workloads (W1-W6 of docs/BENCHMARKS.md) on the synthetic text, the JMH benchmarks
 * that time them in float32 and float64 and the peak dgemm and sgemm, and the report that relates
 * each precision's rows to its own peak.
 */
package org.rnn4j.bench;
