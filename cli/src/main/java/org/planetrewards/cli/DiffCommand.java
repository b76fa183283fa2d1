package org.planetrewards.cli;

import org.planetrewards.Decision;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = Rewards.Version.class, description = {
        "Replays one fact history under two configurations, OLD and NEW, and prints which reward decisions appear, "
                + "disappear or move (a different decidedAt), one per line, by member then campaign, then a summary line.",
        "Give --rules and/or --settings twice: the first is OLD, the second NEW; one given once is then the same on both "
                + "sides, and one not given is the default pack on both sides, or each side's rules folder's settings.json "
                + "(the default settings when it has none).",
        "When neither is given twice, what is given once is NEW and OLD is the defaults: "
                + "'rewards diff H.jsonl --settings ten-in-twenty.json' compares the default settings with ten-in-twenty.json.",
        "Exit 0 when both replays ran (whatever the differences); 2 on invalid input, naming file and line."})
final class DiffCommand implements Callable<Integer> {
    private final Rewards root;

    @Parameters(index = "0", paramLabel = "HISTORY.jsonl", description = "the fact history to replay on both sides; - for standard input")
    Path history;

    @Mixin
    InputOptions inputOptions = new InputOptions();

    @Option(names = "--allow-unsafe-code", description = "run rule code that reaches outside the fact model: only after "
            + "the rule files were reviewed like code, as they run inside the engine with no sandbox")
    boolean allowUnsafeCode;

    @Option(names = "--rules", paramLabel = "DIR", description = "a folder of .drl files: twice for OLD then NEW; once, for both sides "
            + "when --settings is given twice, else NEW against the default pack")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--settings", paramLabel = "FILE", description = "a settings file: twice for OLD then NEW; once, for both sides "
            + "when --rules is given twice, else NEW against the default settings")
    List<Path> settings = new ArrayList<>();

    DiffCommand(Rewards root) {
        this.root = root;
    }

    /** One side of the comparison. */
    private record Side(String name, Path rules, Path settings) {
        String describe() {
            return name + " = " + (rules == null ? "default pack" : rules.toString())
                    + " + " + (settings == null ? "default settings" : settings.toString());
        }
    }

    /** What happened to one member's campaign between OLD and NEW. */
    enum Change {
        APPEARS("appears"), DISAPPEARS("disappears"), MOVES("moves"), REWARD("reward");

        final String word;

        Change(String word) {
            this.word = word;
        }
    }

    /** One line of the diff; {@code before} or {@code after} is null when the decision is on one side only. */
    record Line(Change change, String member, String campaign, Decision before, Decision after) {
    }

    @Override
    public Integer call() {
        PrintWriter out = root.out();
        PrintWriter err = root.err();
        if (rules.size() > 2 || settings.size() > 2) {
            err.println("rewards: give --rules and --settings at most twice each: first for OLD, then for NEW");
            return Rewards.INVALID_INPUT;
        }
        // Nothing given twice: comparing a configuration with itself says nothing, so a single one is NEW against the defaults.
        boolean againstDefaults = rules.size() < 2 && settings.size() < 2;
        Side old = againstDefaults ? new Side("old", null, null) : new Side("old", pick(rules, 0), pick(settings, 0));
        Side now = new Side("new", pick(rules, 1), pick(settings, 1));
        List<Decision> before;
        List<Decision> after;
        try {
            HistoryInput input = HistoryInput.reusable(history, root);
            before = replay(old, input, true);
            after = replay(now, input, false);
        } catch (Exception e) {
            return Failures.report(e, err);
        }
        err.println("rewards diff: " + old.describe() + "; " + now.describe());
        List<Line> lines = compare(before, after);
        print(lines, out);
        Map<List<String>, Decision> afterKeys = keys(after);
        long onBothSides = keys(before).keySet().stream().filter(afterKeys::containsKey).count();
        long unchanged = onBothSides - lines.stream().filter(l -> l.before() != null && l.after() != null).count();
        out.println(summary(lines, unchanged, before.size(), after.size()));
        out.flush();
        return 0;
    }

    private static Path pick(List<Path> given, int side) {
        if (given.isEmpty()) {
            return null;
        }
        return given.get(Math.min(side, given.size() - 1));
    }

    /** One side's decisions; the first side also reports what the reading skipped or ignored (the same on both). */
    private List<Decision> replay(Side side, HistoryInput input, boolean first) throws IOException {
        List<Decision> decided = new ArrayList<>();
        PrintWriter err = root.err();
        try (RewardsEngine engine = EngineOptions.engine(side.rules(), side.settings(), allowUnsafeCode, decided::add);
             HistoryReader reader = input.open();
             Rejects rejects = first ? inputOptions.attach(reader, input, err) : null) {
            if (!first && inputOptions.lenient()) {
                reader.skipInvalid(r -> { });
            }
            engine.replay(reader);
            if (first) {
                InputOptions.afterReading(reader, rejects, err);
            }
        }
        return decided;
    }

    private static Map<List<String>, Decision> keys(List<Decision> decisions) {
        Map<List<String>, Decision> byKey = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        for (Decision d : decisions) {
            byKey.put(List.of(d.member(), d.campaign()), d); // at most one decision per member and campaign
        }
        return byKey;
    }

    /** The differences, by member, then campaign. */
    static List<Line> compare(List<Decision> before, List<Decision> after) {
        Map<List<String>, Decision> old = keys(before);
        Map<List<String>, Decision> now = keys(after);
        TreeSet<List<String>> all = new TreeSet<>(Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        all.addAll(old.keySet());
        all.addAll(now.keySet());
        List<Line> lines = new ArrayList<>();
        for (List<String> key : all) {
            Decision b = old.get(key);
            Decision a = now.get(key);
            Change change;
            if (b == null) {
                change = Change.APPEARS;
            } else if (a == null) {
                change = Change.DISAPPEARS;
            } else if (!b.decidedAt().toInstant().equals(a.decidedAt().toInstant())) {
                change = Change.MOVES;
            } else if (!Objects.equals(b.reward(), a.reward())) {
                change = Change.REWARD;
            } else {
                continue;
            }
            lines.add(new Line(change, key.get(0), key.get(1), b, a));
        }
        return lines;
    }

    private static void print(List<Line> lines, PrintWriter out) {
        int member = lines.stream().mapToInt(l -> l.member().length()).max().orElse(0);
        int campaign = lines.stream().mapToInt(l -> l.campaign().length()).max().orElse(0);
        int change = lines.stream().mapToInt(l -> l.change().word.length()).max().orElse(0);
        int when = "2026-03-01T00:00:00+08:00".length();
        for (Line l : lines) {
            String reward = l.before() == null ? l.after().reward() : l.after() == null ? l.before().reward()
                    : l.before().reward().equals(l.after().reward()) ? l.before().reward()
                    : l.before().reward() + " -> " + l.after().reward();
            out.println(String.format("%-" + change + "s  %-" + member + "s  %-" + campaign + "s  %-" + when + "s -> %-" + when + "s  %s",
                    l.change().word, l.member(), l.campaign(), at(l.before()), at(l.after()), reward).stripTrailing());
        }
    }

    private static String at(Decision d) {
        return d == null ? "-" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(d.decidedAt());
    }

    private static String summary(List<Line> lines, long unchanged, int before, int after) {
        Map<Change, Long> counts = new TreeMap<>();
        for (Change c : Change.values()) {
            counts.put(c, lines.stream().filter(l -> l.change() == c).count());
        }
        return counts.get(Change.APPEARS) + " appeared, " + counts.get(Change.DISAPPEARS) + " disappeared, "
                + counts.get(Change.MOVES) + " moved, "
                + (counts.get(Change.REWARD) > 0 ? counts.get(Change.REWARD) + " changed reward, " : "")
                + unchanged + " unchanged (old: " + Plural.of(before, "decision") + ", new: " + Plural.of(after, "decision") + ")";
    }
}
