package org.planetrewards.cli;

import org.planetrewards.RewardsEngine;

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
                        + "docs/scenario-format.md, docs/settings.md."})
public final class Rewards implements Runnable {
    /**
     * The commands, in the order the usage lists them. Added by {@link #commandLine(Rewards, String[])}, not
     * by the annotation: picocli builds every command it is given (reading each one's options, mixins and
     * help), a tenth of a short replay's start, so a command line that names its command gets only that one.
     */
    private static final java.util.List<Class<?>> COMMANDS = java.util.List.of(ReplayCommand.class, CheckCommand.class,
            DiffCommand.class, TestCommand.class, ExplainCommand.class, ReportCommand.class, RankingsCommand.class,
            GenerateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class);

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
        if (buildsDefaultEngine(args)) {
            // The default rule base is made on another thread while picocli loads and parses (its classes are
            // not in a Java 17 class-data archive): the two took turns on one core before.
            RewardsEngine.prepareDefaults();
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = execute(args, out, err, System.in);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The commands that build an engine with the default pack unless told otherwise. */
    private static final java.util.Set<String> DEFAULT_ENGINE_COMMANDS = java.util.Set.of("replay", "explain", "diff",
            "report", "rankings");

    /**
     * Whether these arguments will, in all likelihood, build an engine with the default pack: a guess made
     * before parsing, so wrong at worst in spending a background thread's work for nothing.
     */
    static boolean buildsDefaultEngine(String[] args) {
        if (args.length == 0 || !DEFAULT_ENGINE_COMMANDS.contains(args[0])) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--rules") || a.startsWith("--rules=") || a.equals("--allow-unsafe-code") || a.equals("--help")
                    || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
                return false;
            }
        }
        return true;
    }

    /** Runs one command line with no standard input; returns its exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, InputStream.nullInputStream());
    }

    /** Runs one command line; {@code in} is what "-" reads. Returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, InputStream in) {
        return commandLine(new Rewards(out, err, in), args).execute(args);
    }

    /** The whole command tree, every command with --help and --version, and the messages a user should see. */
    static CommandLine commandLine(Rewards root) {
        return commandLine(root, new String[0]);
    }

    /**
     * The command tree for these arguments: when the first names a command (not {@code help} or
     * {@code generate-completion}, which read the whole tree), only that command; otherwise every one.
     * A command's parsing, help and errors are its own, so they read the same either way.
     */
    static CommandLine commandLine(Rewards root, String[] args) {
        Factory factory = new Factory(root);
        CommandLine cl = new CommandLine(root, factory);
        String first = args.length > 0 ? args[0] : "";
        Class<?> named = COMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(first) && !first.equals("help")
                        && c != AutoComplete.GenerateCompletion.class)
                .findFirst().orElse(null);
        for (Class<?> command : named != null ? java.util.List.<Class<?>>of(named) : COMMANDS) {
            cl.addSubcommand(new CommandLine(command, factory));
        }
        CommandLine completion = cl.getSubcommands().get("generate-completion");
        if (completion != null) {
            // Hidden by picocli; here it is a documented command like the others.
            completion.getCommandSpec().usageMessage().hidden(false)
                    .description("Prints a bash/zsh completion script for rewards: source <(./rewards generate-completion)");
            completion.getCommandSpec().versionProvider(new Version());
        }
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
