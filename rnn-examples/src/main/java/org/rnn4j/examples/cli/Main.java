package org.rnn4j.examples.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rnn4j.core.Version;
import org.rnn4j.examples.training.StopOnSignal;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rnn4j} command line. Every subcommand's {@code --json} output is a contract read by
 * other tools: keep its names and keys.
 */
@Command(name = "rnn4j", mixinStandardHelpOptions = true, versionProvider = Main.Versions.class,
        description = "Recurrent neural networks on the JVM.",
        subcommands = {TutorialCommand.class, PluginsCommand.class, GradcheckCommand.class, InspectCommand.class,
            TrainCommand.class, SampleCommand.class, ExportCommand.class,
            EvaluateCommand.class, PredictCommand.class},
        footer = {"  bench     Time the workloads of docs/BENCHMARKS.md under JMH (run by",
            "              the launcher from rnn-bench: ./rnn4j bench --help)."})
public final class Main implements Runnable {

    /**
     * netlib's logger: it announces the BLAS it loaded at INFO on every start, which the commands
     * that care about it print themselves; its warnings (a BLAS that failed to load) still show.
     * Held here so that the level set on it is not collected with it.
     */
    private static final Logger NETLIB = Logger.getLogger("dev.ludovic.netlib");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** For picocli. */
    public Main() {
    }

    /**
     * Runs a subcommand and exits with its code: 0 on success, 1 when a check fails, 2 on bad
     * input (printed as one line, without a stack trace).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        NETLIB.setLevel(Level.WARNING);
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (StopOnSignal.signalled()) {
            // The JVM is already shutting down for SIGTERM or SIGINT and ends with that signal's
            // status (143 or 130) once the hooks return. A System.exit(code) here could overtake it:
            // once the hooks have run, a nonzero exit halts at once with its own status.
            StopOnSignal.awaitHalt();
        }
        System.exit(code);
    }

    /**
     * Runs a command line with the given output streams.
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getParent() == null ? "rnn4j" : "rnn4j " + cmd.getCommandName();
            boolean repeated = ex instanceof CommandLine.OverwrittenOptionException
                    || ex instanceof CommandLine.MaxValuesExceededException;
            String message = (repeated ? RepeatedOption.describe(cmd.getCommandSpec(), a) : Optional.<String>empty())
                    .orElse(ex.getMessage() + " (see ./" + name + " --help)");
            cmd.getErr().println(name + ": " + message);
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
                cmd.getErr().println("rnn4j " + cmd.getCommandName() + ": " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --version}: the version model files record, {@link Version#current()}. */
    static final class Versions implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rnn4j " + Version.current()};
        }
    }
}
