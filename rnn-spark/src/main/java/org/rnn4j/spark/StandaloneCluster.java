package org.rnn4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;

/**
 * A real standalone Spark cluster on this machine, from the Maven artifacts on this JVM's class
 * path (no Spark distribution), for {@code StandaloneClusterTest} and {@link StepTimingMain}: one {@code org.apache.spark.deploy.master.Master} JVM and
 * {@code n} {@code org.apache.spark.deploy.worker.Worker} JVMs of one core each, every one bound to
 * 127.0.0.1. Each worker starts the application's executors as JVMs of its own, with the
 * class path of the JVM that started the cluster (spark.executor.extraClassPath); SPARK_HOME is an empty directory with an
 * empty {@code jars/}, which is all a worker's launch command needs from a distribution.
 */
final class StandaloneCluster implements AutoCloseable {

    /** Spark's own JVM flags for Java 17 (org.apache.spark.launcher.JavaModuleOptions), as in the pom. */
    static final List<String> OPENS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true");

    private final Path home;
    private final String classPath = System.getProperty("java.class.path");
    private final int port = freePort();
    private final Process master;
    private final List<Process> workers = new ArrayList<>();

    /**
     * Starts the master and the workers and waits until the master listens.
     *
     * @param n the workers
     * @throws IOException if a JVM cannot be started
     */
    StandaloneCluster(int n) throws IOException {
        home = Files.createTempDirectory("rnn4j-spark-cluster");
        Files.createDirectories(home.resolve("jars"));
        master = start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        awaitListening(port, 60);
        for (int w = 0; w < n; w++) {
            workers.add(start("worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores",
                    "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()), "--work-dir",
                    home.resolve("work" + w).toString(), masterUrl()));
        }
    }

    /** @return spark://127.0.0.1:port */
    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** @return a driver's settings for this cluster: loopback, this JVM's class path on the executors */
    SparkConf conf() {
        return new SparkConf().setMaster(masterUrl()).setAppName("rnn4j-spark-cluster-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.executor.extraClassPath", classPath)
                .set("spark.executor.memory", "512m")
                .set("spark.executor.cores", "1");
    }

    /**
     * @param appId the application
     * @param executorId one of its Spark executor ids
     * @return its JVM: the child of a worker whose working directory is the one the worker made
     *     for it, {@code <work dir>/<app id>/<executor id>} (read from /proc: Linux)
     */
    Optional<ProcessHandle> executor(String appId, String executorId) {
        return workers.stream().flatMap(Process::descendants).filter(p -> {
            try {
                Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"));
                return cwd.endsWith(Path.of(appId, executorId));
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }).findFirst();
    }

    /** @return the command lines of the workers' child processes, for a failure's message */
    String executors() {
        StringBuilder b = new StringBuilder();
        workers.stream().flatMap(Process::descendants).forEach(p -> b.append(p.pid()).append(": ")
                .append(p.info().command().orElse("?")).append('\n'));
        return b.toString();
    }

    /** @return the logs of every JVM started, for a failure's message */
    String logs() {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(home)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                b.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            b.append(e);
        }
        return b.toString();
    }

    /** Stops the workers (and any executor they left), then the master, and deletes their files. */
    @Override
    public void close() {
        for (Process w : workers) {
            List<ProcessHandle> children = w.descendants().toList();
            stop(w.toHandle());
            children.forEach(StandaloneCluster::stop);
        }
        stop(master.toHandle());
        try (var all = Files.walk(home)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + home, e);
        }
    }

    private static void stop(ProcessHandle p) {
        p.destroy();
        try {
            p.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
        }
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(OPENS);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitListening(int port, int seconds) throws IOException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > until) {
                    throw new IOException("the Spark master did not listen on 127.0.0.1:" + port + " within "
                            + seconds + " s", e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", i);
                }
            }
        }
    }
}
