/**
 * JMH benchmarks of the workloads W1-W6 of docs/BENCHMARKS.md in float32 and float64, dgemm and
 * sgemm benchmarks for the machine's peaks, and {@code org.rnn4j.bench.BenchMain}, which runs them
 * and prints the report behind
 * {@code ./rnn4j bench}.
 *
 * <p>Compiled as a module, so that the benchmarks can only use what rnn4j exports (the layers,
 * losses and optimizers come through the registry, as for any user). It runs from
 * {@code target/benchmarks.jar} on the class path: JMH forks every benchmark into a new JVM
 * given {@code -cp}, and its annotation processor's generated classes and its own jars are
 * made for that. The descriptor is then ignored, and the {@code META-INF/services} files
 * (merged by the shade plugin) supply the plug-ins.
 */
@SuppressWarnings("requires-automatic")
module org.rnn4j.bench {
    requires java.management;
    requires org.rnn4j.core;
    requires org.rnn4j.examples;
    requires jmh.core;
    requires info.picocli;
    requires com.fasterxml.jackson.jr.ob;

    // Nothing is exported: the benchmarks are run, not called.
    opens org.rnn4j.bench to info.picocli;
}
