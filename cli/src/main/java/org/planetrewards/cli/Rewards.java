package org.planetrewards.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code rewards} command line: a thin client of the engine's public API. Each command writes to
 * the writers it is given and returns an exit code, so tests call {@link #execute} directly.
 */
@Command(name = "rewards", mixinStandardHelpOptions = true, version = "rewards 0.1.0",
        description = "Replays community fact histories through the Planet Rewards engine.",
        subcommands = {ReplayCommand.class, CheckCommand.class, DiffCommand.class, TestCommand.class,
                ExplainCommand.class, ReportCommand.class, GenerateCommand.class, BenchCommand.class})
public final class Rewards implements Runnable {
    /** Exit code for invalid input: a bad history line, unusable rules, a missing file. */
    static final int INVALID_INPUT = 2;
    /** Exit code for a rule that fails at run time (it throws, or keeps firing past the engine's cap). */
    static final int RULE_FAILURE = 3;

    private final PrintWriter out;
    private final PrintWriter err;

    Rewards(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; returns its exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Rewards root = new Rewards(out, err);
        CommandLine cl = new CommandLine(root, new Factory(root));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("rewards: " + e);
            return 1;
        });
        return cl.execute(args);
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    /** Gives every subcommand the root's writers. */
    private record Factory(Rewards root) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Rewards.class).newInstance(root);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
