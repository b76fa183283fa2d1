package org.planetrewards.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.planetrewards.CheckIn;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.InvalidInputException;
import org.planetrewards.Post;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Settings;
import org.planetrewards.reference.ReferenceModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code rewards bench HISTORY.jsonl}: how fast and how big, measured in one JVM so that the ratios
 * hold on a noisy machine. Three modes read the same file: parse only (the history read and turned
 * into facts), parse + the reference model, parse + the Drools engine. Each is warmed up, then timed
 * over the whole file with a fresh model or engine per run; the last run also takes heap readings at
 * day checkpoints and at the end, with the model or engine still reachable.
 *
 * <p>Timings are {@link System#nanoTime()} around the read-and-apply loop only: building the engine
 * is timed apart ("setup"), and the clock stops while heap readings force collections.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Rewards.Version.class, sortOptions = false, description = {
        "Measures replay throughput and heap in one JVM: (1) parse only, (2) parse + reference model, "
                + "(3) parse + the Drools engine; facts/s per mode, the ratios (3)/(1) and (2)/(1), peak heap "
                + "and heap retained per member. Progress goes to standard error, the report to standard output.",
        "Run it with the heap you mean to check, e.g. JAVA_OPTS=-Xmx2g ./rewards bench HISTORY.jsonl (see docs/benchmarks.md)."})
final class BenchCommand implements Callable<Integer> {
    enum Mode {
        PARSE("parse only", "parse"), REFERENCE("parse + reference", "reference"), ENGINE("parse + engine", "engine"),
        /** The engine's own replay: shards applied in parallel while the reading thread parses and routes. */
        REPLAY("engine replay", "engineReplay");

        final String label;
        final String key;

        Mode(String label, String key) {
            this.label = label;
            this.key = key;
        }
    }

    /** What the loop hands each fact to. */
    private interface Target extends AutoCloseable {
        List<Decision> apply(Fact fact);

        @Override
        default void close() {
        }
    }

    private final Rewards root;

    @Parameters(index = "0", paramLabel = "HISTORY.jsonl",
            description = "the fact history to read; - for standard input (copied to a temporary file first: every mode reads it again)")
    Path history;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
            description = "warm-up runs per mode before the timed ones (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--warmup-facts", paramLabel = "F", defaultValue = "0",
            description = "facts per warm-up run, from the start of the file; 0 = the whole file (default: ${DEFAULT-VALUE})")
    long warmupFacts;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "timed runs per mode over the whole file, each with a fresh model or engine; the median is reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Option(names = "--skip-reference", description = "leave out mode (2), parse + reference model")
    boolean skipReference;

    @Option(names = "--skip-engine", description = "leave out mode (3), parse + engine")
    boolean skipEngine;

    @Option(names = "--checkpoint-day", paramLabel = "DAY", split = ",", defaultValue = "60",
            description = "also read retained heap after this many days of the history when it is longer (default: ${DEFAULT-VALUE}); the end is always read")
    List<Integer> checkpointDays;

    @Option(names = "--latency", description = "after the last run of modes (2) and (3), apply one further generated day of facts "
            + "to the loaded model/engine one at a time and print the per-fact latency percentiles")
    boolean latency;

    @Option(names = "--latency-seed", paramLabel = "S", defaultValue = "1",
            description = "generator seed for the further day (default: ${DEFAULT-VALUE}; the seed the history was generated with keeps each member's habits)")
    long latencySeed;

    @Option(names = "--progress", paramLabel = "SECONDS", defaultValue = "10",
            description = "progress line on standard error this often during a run; 0 = only one line per run (default: ${DEFAULT-VALUE})")
    int progressSeconds;

    @Option(names = "--json", description = "print the report as one JSON object instead of the table")
    boolean json;

    private final HeapGauge heap = new HeapGauge();
    private final ZoneId zone = Settings.defaults().zone();
    /** Every fact's stamp is folded in here, so no mode's loop is work the JIT may drop. */
    private long blackhole;
    /** The live-day latency taken by the last run that was asked for it. */
    private Latency lastLatency;

    BenchCommand(Rewards root) {
        this.root = root;
    }

    // ---------------------------------------------------------------------------------------------
    // What the runs produce

    /** The history as a whole, from one untimed read before anything is measured. */
    private record Scan(long facts, long lines, int members, LocalDate firstDay, LocalDate lastDay, long nanos) {
        long days() {
            return ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
        }
    }

    /** Heap retained after {@code days} days of the history (the model or engine still reachable). */
    private record Checkpoint(long days, LocalDate through, long facts, long retainedBytes, boolean end) {
    }

    /** One run over the file (or a prefix of it). */
    private record Pass(long facts, long nanos, long setupNanos, long gcMillis, long decisions, int fingerprint,
                        List<Checkpoint> checkpoints, String failure) {
        double factsPerSecond() {
            return nanos == 0 ? 0 : facts * 1e9 / nanos;
        }
    }

    /** Per-fact latency of the live path: one further day applied to a loaded model or engine. */
    private record Latency(LocalDate day, long[] sortedNanos) {
        long percentile(double p) {
            int n = sortedNanos.length;
            return n == 0 ? 0 : sortedNanos[Math.max(0, Math.min(n - 1, (int) Math.ceil(p * n) - 1))];
        }

        double meanNanos() {
            return sortedNanos.length == 0 ? 0 : Arrays.stream(sortedNanos).average().orElse(0);
        }
    }

    private static final class Result {
        final Mode mode;
        final List<Pass> passes = new ArrayList<>();
        long peakBytes;
        Latency latency;
        String failure;

        Result(Mode mode) {
            this.mode = mode;
        }

        Pass median() {
            List<Pass> sorted = new ArrayList<>(passes);
            sorted.sort((a, b) -> Double.compare(a.factsPerSecond(), b.factsPerSecond()));
            return sorted.get((sorted.size() - 1) / 2);
        }

        Pass last() {
            return passes.get(passes.size() - 1);
        }

        boolean ok() {
            return failure == null && !passes.isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Override
    public Integer call() {
        PrintWriter err = root.err();
        if (runs < 1 || warmup < 0 || warmupFacts < 0 || progressSeconds < 0) {
            err.println("rewards: --runs must be at least 1; --warmup, --warmup-facts and --progress must not be negative");
            return Rewards.INVALID_INPUT;
        }
        long started = System.nanoTime();
        try {
            if (HistoryInput.isStdin(history)) {
                history = HistoryInput.reusable(history, root).file();
            }
            Scan scan = scan();
            if (scan.facts() == 0) {
                err.println("rewards: " + history.getFileName() + " holds no facts");
                return Rewards.INVALID_INPUT;
            }
            err.printf(Locale.ROOT, "bench: %s: %,d facts, %,d members, %d days (%s .. %s), read in %,d ms%n",
                    history.getFileName(), scan.facts(), scan.members(), scan.days(), scan.firstDay(), scan.lastDay(),
                    scan.nanos() / 1_000_000);
            List<Result> results = new ArrayList<>();
            for (Mode mode : Mode.values()) {
                if (mode == Mode.REFERENCE && skipReference || (mode == Mode.ENGINE || mode == Mode.REPLAY) && skipEngine) {
                    continue;
                }
                results.add(measure(mode, scan));
            }
            long wallNanos = System.nanoTime() - started;
            if (json) {
                printJson(scan, results, wallNanos);
            } else {
                printTable(scan, results, wallNanos);
            }
            root.out().flush();
            return results.stream().allMatch(Result::ok) ? 0 : 1;
        } catch (Exception e) {
            return Failures.report(e, err);
        }
    }

    /** One untimed read: counts, distinct members (checked in or posted), first and last local day. */
    private Scan scan() throws IOException {
        long start = System.nanoTime();
        Set<String> members = new HashSet<>();
        long facts = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long lines;
        try (HistoryReader reader = HistoryReader.open(history)) {
            for (Fact f; (f = reader.next()) != null; ) {
                facts++;
                long at = f.at().toEpochSecond();
                min = Math.min(min, at);
                max = Math.max(max, at);
                if (f instanceof CheckIn c) {
                    members.add(c.member());
                } else if (f instanceof Post p) {
                    members.add(p.member());
                }
            }
            lines = reader.lineNumber();
        }
        LocalDate first = facts == 0 ? LocalDate.EPOCH : localDay(min);
        LocalDate last = facts == 0 ? LocalDate.EPOCH : localDay(max);
        return new Scan(facts, lines, members.size(), first, last, System.nanoTime() - start);
    }

    private LocalDate localDay(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atZone(zone).toLocalDate();
    }

    private Result measure(Mode mode, Scan scan) throws IOException {
        Result result = new Result(mode);
        long prefix = warmupFacts == 0 ? Long.MAX_VALUE : warmupFacts;
        for (int w = 1; w <= warmup; w++) {
            Pass p = pass(mode, scan, prefix, false, "warm-up " + w + "/" + warmup);
            if (p.failure() != null) {
                result.failure = "warm-up: " + p.failure();
                return result;
            }
        }
        for (int r = 1; r <= runs; r++) {
            boolean last = r == runs;
            heap.settledBytes(); // every run starts from the same clean heap
            if (r == 1) {
                heap.resetPeak();
            }
            Pass p = pass(mode, scan, Long.MAX_VALUE, last, "run " + r + "/" + runs);
            result.passes.add(p);
            if (p.failure() != null) {
                result.failure = p.failure();
                break;
            }
            if (last && latency && mode != Mode.PARSE) {
                result.latency = lastLatency;
                lastLatency = null;
            }
        }
        result.peakBytes = heap.peakBytes();
        if (result.passes.stream().map(Pass::fingerprint).distinct().count() > 1) {
            root.err().println("bench: WARNING: " + mode.label + " decided differently in different runs of the same file");
        }
        return result;
    }

    private Target target(Mode mode) {
        return switch (mode) {
            case PARSE -> f -> List.of();
            case REFERENCE -> new ReferenceModel(engineOptions.settings())::apply;
            case ENGINE, REPLAY -> {
                RewardsEngine engine = engineOptions.engine(d -> { });
                yield new Target() {
                    @Override
                    public List<Decision> apply(Fact fact) {
                        return engine.apply(fact);
                    }

                    @Override
                    public void close() {
                        engine.close();
                    }
                };
            }
        };
    }

    /**
     * One run over the first {@code limit} facts with a fresh target. With {@code readings}, also the
     * heap at each checkpoint day and at the end (clock stopped), and the live-day latency if asked.
     */
    private Pass pass(Mode mode, Scan scan, long limit, boolean readings, String name) throws IOException {
        if (mode == Mode.REPLAY) {
            return replayPass(scan, limit, readings, name);
        }
        PrintWriter err = root.err();
        long baseline = readings ? heap.settledBytes() : 0;
        long[] marks = readings ? checkpointStarts(scan) : new long[0];
        List<Checkpoint> checkpoints = new ArrayList<>();
        long progressEvery = progressSeconds * 1_000_000_000L;
        long n = 0;
        long decisions = 0;
        int fingerprint = 1;
        long maxAt = Long.MIN_VALUE;
        long sink = 0;
        long start = 0;
        long paused = 0;
        Target target = null;
        try (HistoryReader reader = HistoryReader.open(history)) {
            long setupStart = System.nanoTime();
            target = target(mode);
            long setupNanos = System.nanoTime() - setupStart;
            if (readings) { // what the empty model or engine holds: the rules, the settings, caches
                checkpoints.add(new Checkpoint(0, null, 0, heap.settledBytes() - baseline, false));
            }
            int mark = 0;
            long nextMark = marks.length > 0 ? marks[0] : Long.MAX_VALUE;
            long pausedGc = 0;
            long gcStart = heap.gcMillis();
            start = System.nanoTime();
            long nextProgress = progressEvery > 0 ? start + progressEvery : Long.MAX_VALUE;
            try {
                for (Fact f; n < limit && (f = reader.next()) != null; ) {
                    long at = f.at().toEpochSecond();
                    if (at > maxAt) {
                        maxAt = at;
                        if (at >= nextMark) { // the history crossed a checkpoint day: read the heap before this fact
                            long p0 = System.nanoTime();
                            long g0 = heap.gcMillis();
                            long days = ChronoUnit.DAYS.between(scan.firstDay(), localDay(nextMark));
                            checkpoints.add(new Checkpoint(days, localDay(nextMark).minusDays(1), n,
                                    heap.settledBytes() - baseline, false));
                            nextMark = ++mark < marks.length ? marks[mark] : Long.MAX_VALUE;
                            pausedGc += heap.gcMillis() - g0;
                            paused += System.nanoTime() - p0;
                        }
                    }
                    sink += at;
                    n++;
                    List<Decision> decided = target.apply(f);
                    if (!decided.isEmpty()) {
                        decisions += decided.size();
                        for (Decision d : decided) {
                            fingerprint = 31 * fingerprint + d.hashCode();
                        }
                    }
                    if ((n & 0xFFF) == 0 && System.nanoTime() >= nextProgress) {
                        long now = System.nanoTime();
                        err.printf(Locale.ROOT, "bench: %s %s: %,d facts, through %s, %,.0f facts/s, heap %,d MB%n",
                                mode.label, name, n, localDay(maxAt), n * 1e9 / (now - start - paused),
                                heap.usedBytes() >> 20);
                        nextProgress = now + progressEvery;
                    }
                }
            } catch (InvalidInputException e) {
                throw e.source() == null ? e.at(reader.source(), reader.lineNumber()) : e;
            }
            long nanos = System.nanoTime() - start - paused;
            long gcMillis = heap.gcMillis() - gcStart - pausedGc;
            blackhole += sink;
            if (readings) {
                checkpoints.add(new Checkpoint(scan.days(), scan.lastDay(), n, heap.settledBytes() - baseline, true));
                if (latency && mode != Mode.PARSE) {
                    lastLatency = latency(target, scan);
                }
                Reference.reachabilityFence(target); // the readings above are of a live model or engine
            }
            Pass pass = new Pass(n, nanos, setupNanos, gcMillis, decisions, fingerprint, checkpoints, null);
            err.printf(Locale.ROOT, "bench: %s %s: %,d facts in %,d ms = %,.0f facts/s, %,d decisions%n",
                    mode.label, name, n, nanos / 1_000_000, pass.factsPerSecond(), decisions);
            return pass;
        } catch (OutOfMemoryError e) {
            target = null; // let the collector have it before anything else is allocated
            long nanos = start == 0 ? 0 : System.nanoTime() - start - paused;
            String what = String.format(Locale.ROOT, "OutOfMemoryError after %,d facts (through %s) in %,.1f s, %,.0f facts/s until then",
                    n, maxAt == Long.MIN_VALUE ? "-" : localDay(maxAt).toString(), nanos / 1e9, nanos == 0 ? 0.0 : n * 1e9 / nanos);
            err.println("bench: " + mode.label + " " + name + ": " + what);
            return new Pass(n, 0, 0, 0, decisions, fingerprint, checkpoints, what);
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    /**
     * One run of {@link RewardsEngine#replay} over the file (or the first {@code limit} facts, for warm-up):
     * the path `rewards replay` takes, with its shards working in parallel. No checkpoints: the replay
     * has no per-fact hook; the end reading is taken with the engine alive.
     */
    private Pass replayPass(Scan scan, long limit, boolean readings, String name) throws IOException {
        PrintWriter err = root.err();
        long baseline = readings ? heap.settledBytes() : 0;
        long setupStart = System.nanoTime();
        try (RewardsEngine engine = engineOptions.engine(d -> { });
             HistoryReader reader = limit == Long.MAX_VALUE ? HistoryReader.open(history)
                     : HistoryReader.of(history.getFileName().toString(), firstFacts(limit))) {
            long setupNanos = System.nanoTime() - setupStart;
            long gcStart = heap.gcMillis();
            long start = System.nanoTime();
            List<Decision> decided = engine.replay(reader);
            long nanos = System.nanoTime() - start;
            long gcMillis = heap.gcMillis() - gcStart;
            int fingerprint = 1;
            for (Decision d : decided) {
                fingerprint = 31 * fingerprint + d.hashCode();
            }
            long n = Math.min(limit, scan.facts());
            List<Checkpoint> checkpoints = new ArrayList<>();
            if (readings) {
                checkpoints.add(new Checkpoint(scan.days(), scan.lastDay(), n, heap.settledBytes() - baseline, true));
                Reference.reachabilityFence(engine);
            }
            Pass pass = new Pass(n, nanos, setupNanos, gcMillis, decided.size(), fingerprint, checkpoints, null);
            err.printf(Locale.ROOT, "bench: %s %s: %,d facts in %,d ms = %,.0f facts/s, %,d decisions%n",
                    Mode.REPLAY.label, name, n, nanos / 1_000_000, pass.factsPerSecond(), decided.size());
            return pass;
        } catch (OutOfMemoryError e) {
            String what = "OutOfMemoryError during the replay";
            err.println("bench: " + Mode.REPLAY.label + " " + name + ": " + what);
            return new Pass(0, 0, 0, 0, 0, 0, List.of(), what);
        }
    }

    /** The first {@code limit} non-blank lines of the history, for a warm-up replay. */
    private java.io.Reader firstFacts(long limit) throws IOException {
        StringBuilder text = new StringBuilder();
        try (var lines = java.nio.file.Files.lines(history)) {
            lines.filter(l -> !l.isBlank()).limit(limit).forEach(l -> text.append(l).append('\n'));
        }
        return new java.io.StringReader(text.toString());
    }

    /** The first instant of each checkpoint day that the history goes past: "after 60 days" starts day 61. */
    private long[] checkpointStarts(Scan scan) {
        return new TreeSet<>(checkpointDays).stream()
                .filter(d -> d > 0 && d < scan.days())
                .mapToLong(d -> scan.firstDay().plusDays(d).atStartOfDay(zone).toEpochSecond())
                .toArray();
    }

    private Latency latency(Target target, Scan scan) throws IOException {
        List<Fact> day = LiveDay.after(history, scan.lastDay(), latencySeed);
        long[] nanos = new long[day.size()];
        long sink = 0;
        for (int i = 0; i < nanos.length; i++) {
            Fact f = day.get(i);
            long t0 = System.nanoTime();
            List<Decision> decided = target.apply(f);
            nanos[i] = System.nanoTime() - t0;
            sink += decided.size();
        }
        blackhole += sink;
        Arrays.sort(nanos);
        return new Latency(scan.lastDay().plusDays(1), nanos);
    }

    // ---------------------------------------------------------------------------------------------
    // Report

    private Result find(List<Result> results, Mode mode) {
        return results.stream().filter(r -> r.mode == mode && r.ok()).findFirst().orElse(null);
    }

    private static Double ratio(Result a, Result b) {
        return a == null || b == null ? null : a.median().factsPerSecond() / b.median().factsPerSecond();
    }

    private void printTable(Scan scan, List<Result> results, long wallNanos) {
        PrintWriter out = root.out();
        out.printf(Locale.ROOT, "history   %s: %,d facts on %,d lines, %,d members, %d days (%s .. %s)%n",
                history.getFileName(), scan.facts(), scan.lines(), scan.members(), scan.days(), scan.firstDay(), scan.lastDay());
        out.printf(Locale.ROOT, "jvm       %s%n", jvm());
        out.printf(Locale.ROOT, "runs      %d warm-up (%s) + %d timed over the whole file per mode; median run shown%n",
                warmup, warmupFacts == 0 ? "whole file" : String.format(Locale.ROOT, "first %,d facts", warmupFacts), runs);
        out.println();
        String head = "%-18s %12s %9s %9s %9s %6s %10s %10s %12s %12s%n";
        out.printf(Locale.ROOT, head, "mode", "facts/s", "vs parse", "run s", "setup ms", "gc %", "decisions",
                "peak MB", "retained MB", "B/member");
        Result parse = find(results, Mode.PARSE);
        for (Result r : results) {
            if (!r.ok()) {
                out.printf(Locale.ROOT, "%-18s %s%n", r.mode.label, "FAILED: " + r.failure);
                continue;
            }
            Pass m = r.median();
            Checkpoint end = end(r.last());
            Double vs = ratio(r, parse);
            out.printf(Locale.ROOT, "%-18s %,12.0f %9s %9.2f %,9.1f %6.1f %,10d %,10d %,12.1f %,12.0f%n",
                    r.mode.label, m.factsPerSecond(), vs == null ? "-" : String.format(Locale.ROOT, "%.3f", vs),
                    m.nanos() / 1e9, m.setupNanos() / 1e6, m.nanos() == 0 ? 0.0 : 100.0 * m.gcMillis() * 1e6 / m.nanos(),
                    r.last().decisions(), r.peakBytes >> 20, end.retainedBytes() / 1048576.0,
                    (double) end.retainedBytes() / scan.members());
        }
        out.println();
        Result reference = find(results, Mode.REFERENCE);
        Result engine = find(results, Mode.ENGINE);
        out.printf(Locale.ROOT, "ratio (3)/(1) engine / parse:    %s%n", format(ratio(engine, parse)));
        out.printf(Locale.ROOT, "ratio (2)/(1) reference / parse: %s%n", format(ratio(reference, parse)));
        Result replay = find(results, Mode.REPLAY);
        out.printf(Locale.ROOT, "ratio engine replay / parse:     %s (shards in parallel, as `rewards replay` runs)%n", format(ratio(replay, parse)));
        if (replay != null && engine != null && replay.ok() && engine.ok()
                && replay.last().fingerprint() != engine.last().fingerprint()) {
            out.println("WARNING: the engine's parallel replay decided differently from applying facts one by one");
        }
        if (reference != null && engine != null) {
            out.println(agreement(reference, engine));
        }
        for (Result r : results) {
            if (r.mode == Mode.PARSE || r.passes.isEmpty()) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "retained  %-18s", r.mode.label));
            for (Checkpoint c : r.last().checkpoints()) {
                line.append(String.format(Locale.ROOT, "  %s: %,.1f MB (%,.0f B/member)",
                        c.days() == 0 ? "empty" : "day " + c.days() + (c.end() ? " (end)" : ""),
                        c.retainedBytes() / 1048576.0, (double) c.retainedBytes() / scan.members()));
            }
            if (r.last().checkpoints().isEmpty()) {
                line.append("  -");
            }
            out.println(line);
        }
        List<Result> timed = results.stream().filter(r -> r.latency != null).toList();
        if (!timed.isEmpty()) {
            Latency any = timed.get(0).latency;
            out.println();
            out.printf(Locale.ROOT, "live path: one further day (%s), %,d facts applied one at a time to the loaded state; microseconds per fact%n",
                    any.day(), any.sortedNanos().length);
            String lh = "%-18s %9s %9s %9s %9s %9s %9s%n";
            out.printf(Locale.ROOT, lh, "mode", "p50", "p90", "p99", "p99.9", "max", "mean");
            for (Result r : timed) {
                Latency l = r.latency;
                out.printf(Locale.ROOT, "%-18s %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f%n", r.mode.label,
                        l.percentile(0.50) / 1e3, l.percentile(0.90) / 1e3, l.percentile(0.99) / 1e3,
                        l.percentile(0.999) / 1e3, l.percentile(1.0) / 1e3, l.meanNanos() / 1e3);
            }
        }
        out.println();
        out.printf(Locale.ROOT, "bench wall time %,.1f s%n", wallNanos / 1e9);
    }

    private static String format(Double ratio) {
        return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.3f", ratio);
    }

    /** Whether the engine decided what the reference model decided (count and, in order, content). */
    private static String agreement(Result reference, Result engine) {
        Pass r = reference.last();
        Pass e = engine.last();
        if (r.decisions() != e.decisions()) {
            return String.format(Locale.ROOT, "WARNING: decisions differ: reference %,d, engine %,d", r.decisions(), e.decisions());
        }
        if (r.fingerprint() != e.fingerprint()) {
            return String.format(Locale.ROOT, "WARNING: decisions differ: both %,d, but not the same ones in the same order", r.decisions());
        }
        return String.format(Locale.ROOT, "decisions: engine and reference agree (%,d, same order)", r.decisions());
    }

    private static Checkpoint end(Pass pass) {
        List<Checkpoint> c = pass.checkpoints();
        return c.isEmpty() ? new Checkpoint(0, null, 0, 0, true) : c.get(c.size() - 1);
    }

    private String jvm() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "Java %s (%s), max heap %,d MB, %d cpus, %s, args %s",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.maxMemory() >> 20,
                rt.availableProcessors(), heap.collectorNames(), ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    private void printJson(Scan scan, List<Result> results, long wallNanos) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("file", history.getFileName().toString());
        h.put("facts", scan.facts());
        h.put("lines", scan.lines());
        h.put("members", scan.members());
        h.put("days", scan.days());
        h.put("firstDay", scan.firstDay().toString());
        h.put("lastDay", scan.lastDay().toString());
        doc.put("history", h);
        doc.put("jvm", jvm());
        doc.put("warmupRuns", warmup);
        doc.put("warmupFacts", warmupFacts);
        doc.put("runs", runs);
        Map<String, Object> modes = new LinkedHashMap<>();
        for (Result r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", r.mode.label);
            m.put("ok", r.ok());
            if (r.failure != null) {
                m.put("failure", r.failure);
            }
            if (!r.passes.isEmpty() && r.ok()) {
                m.put("factsPerSecond", Math.round(r.median().factsPerSecond()));
                m.put("runSeconds", r.median().nanos() / 1e9);
                m.put("setupMillis", r.median().setupNanos() / 1e6);
                m.put("gcMillis", r.median().gcMillis());
            }
            List<Map<String, Object>> runList = new ArrayList<>();
            for (Pass p : r.passes) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("facts", p.facts());
                pm.put("factsPerSecond", Math.round(p.factsPerSecond()));
                pm.put("runSeconds", p.nanos() / 1e9);
                pm.put("setupMillis", p.setupNanos() / 1e6);
                pm.put("gcMillis", p.gcMillis());
                pm.put("decisions", p.decisions());
                if (p.failure() != null) {
                    pm.put("failure", p.failure());
                }
                runList.add(pm);
            }
            m.put("runs", runList);
            if (!r.passes.isEmpty()) {
                m.put("decisions", r.last().decisions());
                m.put("peakHeapBytes", r.peakBytes);
                List<Map<String, Object>> cps = new ArrayList<>();
                for (Checkpoint c : r.last().checkpoints()) {
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("days", c.days());
                    cm.put("through", c.through() == null ? null : c.through().toString());
                    cm.put("end", c.end());
                    cm.put("facts", c.facts());
                    cm.put("retainedBytes", c.retainedBytes());
                    cm.put("retainedBytesPerMember", c.retainedBytes() / (double) scan.members());
                    cps.add(cm);
                }
                m.put("retained", cps);
            }
            if (r.latency != null) {
                Latency l = r.latency;
                Map<String, Object> lm = new LinkedHashMap<>();
                lm.put("day", l.day().toString());
                lm.put("facts", l.sortedNanos().length);
                lm.put("p50Nanos", l.percentile(0.50));
                lm.put("p90Nanos", l.percentile(0.90));
                lm.put("p99Nanos", l.percentile(0.99));
                lm.put("p999Nanos", l.percentile(0.999));
                lm.put("maxNanos", l.percentile(1.0));
                lm.put("meanNanos", l.meanNanos());
                m.put("latency", lm);
            }
            modes.put(r.mode.key, m);
        }
        doc.put("modes", modes);
        Result parse = find(results, Mode.PARSE);
        Result reference = find(results, Mode.REFERENCE);
        Result engine = find(results, Mode.ENGINE);
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("engineToParse", ratio(engine, parse));
        ratios.put("referenceToParse", ratio(reference, parse));
        doc.put("ratios", ratios);
        if (reference != null && engine != null) {
            doc.put("decisionsAgree", reference.last().decisions() == engine.last().decisions()
                    && reference.last().fingerprint() == engine.last().fingerprint());
        }
        doc.put("wallSeconds", wallNanos / 1e9);
        try {
            root.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
