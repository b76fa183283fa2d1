package org.planetrewards.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The {@code rewards} command line: a thin client of the engine's public API. Each command writes to
 * the writers it is given, reads standard input from the stream it is given, and returns an exit code,
 * so tests call {@link #execute} directly.
 */
@Command(name = "rewards", mixinStandardHelpOptions = true, versionProvider = Rewards.Version.class,
        description = {"Replays community fact histories through the Planet Rewards engine.",
                "A HISTORY.jsonl argument may be - for standard input. Formats: docs/history-format.md, "
                        + "docs/scenario-format.md, docs/settings.md."},
        subcommands = {ReplayCommand.class, CheckCommand.class, DiffCommand.class, TestCommand.class,
                ExplainCommand.class, ReportCommand.class, RankingsCommand.class, GenerateCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class})
public final class Rewards implements Runnable {
    /** Exit code for invalid input: a bad history line, unusable rules, a missing file. */
    static final int INVALID_INPUT = 2;
    /** Exit code for a rule that fails at run time (it throws, or keeps firing past the engine's cap). */
    static final int RULE_FAILURE = 3;

    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;

    @Spec
    CommandSpec spec;

    Rewards(PrintWriter out, PrintWriter err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = execute(args, out, err, System.in);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with no standard input; returns its exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, InputStream.nullInputStream());
    }

    /** Runs one command line; {@code in} is what "-" reads. Returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, InputStream in) {
        return commandLine(new Rewards(out, err, in)).execute(args);
    }

    /** The command tree, every command with --help and --version, and the messages a user should see. */
    static CommandLine commandLine(Rewards root) {
        CommandLine cl = new CommandLine(root, new Factory(root));
        // The completion script command is hidden by picocli; here it is a documented command like the others.
        CommandLine completion = cl.getSubcommands().get("generate-completion");
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("Prints a bash/zsh completion script for rewards: source <(./rewards generate-completion)");
        completion.getCommandSpec().versionProvider(new Version());
        // A date is typed by people: say what is wrong in their words, not with a Java exception name.
        cl.registerConverter(LocalDate.class, s -> {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + s + "' is not a date; write it like 2026-03-14");
            }
        });
        cl.setOut(root.out);
        cl.setErr(root.err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Failures.report handles every failure a user can cause; what reaches here is a bug.
            root.err.println("rewards: unexpected failure in '" + cmd.getCommandName() + "': "
                    + (e.getMessage() == null ? "no message" : e.getMessage())
                    + " (this is a bug; REWARDS_DEBUG=1 shows where)");
            if (System.getenv("REWARDS_DEBUG") != null) {
                e.printStackTrace(root.err);
            }
            return 1;
        });
        return cl;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    InputStream in() {
        return in;
    }

    /** No command: the usage, as a first-time user expects; it is not an error. */
    @Override
    public void run() {
        spec.commandLine().usage(out);
        out.flush();
    }

    /** The version every command's --version prints. */
    static final class Version implements CommandLine.IVersionProvider {
        static final String TEXT = "rewards 0.1.0";

        @Override
        public String[] getVersion() {
            return new String[]{TEXT};
        }
    }

    /** Gives every subcommand the root. */
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
