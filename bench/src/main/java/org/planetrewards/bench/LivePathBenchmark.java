package org.planetrewards.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.planetrewards.CheckIn;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.Moderation;
import org.planetrewards.Post;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Settings;
import org.planetrewards.generate.HistoryGenerator;
import org.planetrewards.reference.ReferenceModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The live path: {@code apply()} of one next fact on state already loaded for {@code members}
 * members over {@code days} days (a {@code rewards generate} history with the same seed), for the
 * Drools engine with the default pack and for the reference model. SampleTime mode, so JMH reports
 * the latency percentiles (p50 .. p99.99, max) besides the mean.
 *
 * <p>The facts applied are the history's continuation: the generator's next {@code liveDays} days
 * (same members, same habits). When they run out, the same block comes again moved on by
 * {@code liveDays} days with fresh post ids, so every timed fact is new to the state (a repeated
 * fact would only time the duplicate check). That happens in an invocation-level setup, outside the
 * timed call. The state grows as the live clock runs; once it has run {@code maxLiveDays} past the
 * loaded days, the next iteration starts from freshly loaded state (again outside the timing).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar LivePath                              # both, 10,000 members
 * java -jar bench/target/benchmarks.jar LivePath.engine -p members=100000 -jvmArgsAppend -Xmx2g
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LivePathBenchmark {

    @Benchmark
    public List<Decision> engine(EngineState s) {
        return s.engine.apply(s.fact);
    }

    /** The reference model takes well under a microsecond: short iterations keep its live clock from running far. */
    @Benchmark
    @Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
    @Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
    public List<Decision> reference(ReferenceState s) {
        return s.model.apply(s.fact);
    }

    @State(Scope.Benchmark)
    public static class EngineState extends Live {
        RewardsEngine engine;

        @Override
        protected String label() {
            return "engine";
        }

        @Override
        protected void fresh() {
            engine = RewardsEngine.builder().build(); // default rule pack and settings
        }

        @Override
        protected void load(Fact f) {
            engine.apply(f);
        }

        @Override
        protected void release() {
            if (engine != null) {
                engine.close();
                engine = null;
            }
        }
    }

    @State(Scope.Benchmark)
    public static class ReferenceState extends Live {
        ReferenceModel model;

        @Override
        protected String label() {
            return "reference";
        }

        @Override
        protected void fresh() {
            model = new ReferenceModel(Settings.defaults());
        }

        @Override
        protected void load(Fact f) {
            model.apply(f);
        }

        @Override
        protected void release() {
            model = null;
        }
    }

    /** Loaded state and the stream of next facts; subclasses say what the facts are applied to. */
    @State(Scope.Benchmark)
    public abstract static class Live {
        /** Members in the generated history. */
        @Param("10000")
        public int members;

        /** Days of history loaded before anything is timed. */
        @Param("60")
        public int days;

        /** Days of further facts generated after the loaded ones: the live block. */
        @Param("7")
        public int liveDays;

        /** How far the live clock may run past the loaded days before the state is loaded afresh. */
        @Param("28")
        public int maxLiveDays;

        @Param("1")
        public long seed;

        /** The fact the next timed call applies. */
        Fact fact;

        private Fact[] base;
        private Fact[] block;
        private int blockNumber;
        private int cursor;

        protected abstract String label();

        protected abstract void fresh();

        protected abstract void load(Fact f);

        protected abstract void release();

        @Setup(Level.Trial)
        public void loadState() {
            release();
            fresh();
            long split = HistoryGenerator.START.plusDays(days).atStartOfDay(HistoryGenerator.ZONE).toEpochSecond();
            List<Fact> live = new ArrayList<>();
            long[] loaded = {0};
            boolean[] past = {false};
            long t0 = System.nanoTime();
            new HistoryGenerator(seed, members, days + liveDays).generate(f -> {
                if (!past[0] && f.at().toEpochSecond() >= split) {
                    past[0] = true; // from the first fact of day `days` on, everything is live
                }
                if (past[0]) {
                    live.add(f);
                } else {
                    load(f);
                    loaded[0]++;
                }
            });
            if (live.isEmpty()) {
                throw new IllegalStateException("no live facts: liveDays must be at least 1");
            }
            base = live.toArray(new Fact[0]);
            block = base;
            blockNumber = 0;
            cursor = 0;
            System.out.printf(Locale.ROOT, "%n[%s] loaded %,d facts (%,d members x %d days) in %,d ms; live block %,d facts (%d days)%n",
                    label(), loaded[0], members, days, (System.nanoTime() - t0) / 1_000_000,
                    base.length, liveDays);
        }

        @Setup(Level.Iteration)
        public void reloadWhenFarAhead() {
            if ((long) blockNumber * liveDays >= maxLiveDays) {
                loadState();
            }
        }

        @Setup(Level.Invocation)
        public void nextFact() {
            if (cursor == block.length) {
                blockNumber++;
                block = moved(base, (long) blockNumber * liveDays, "~" + blockNumber);
                cursor = 0;
            }
            fact = block[cursor++];
        }

        @TearDown(Level.Trial)
        public void close() {
            release();
        }

        /** The block again, {@code days} later, with post ids no earlier block used. */
        static Fact[] moved(Fact[] facts, long days, String suffix) {
            Fact[] out = new Fact[facts.length];
            for (int i = 0; i < facts.length; i++) {
                Fact f = facts[i];
                if (f instanceof CheckIn c) {
                    out[i] = new CheckIn(c.member(), c.at().plusDays(days));
                } else if (f instanceof Post p) {
                    out[i] = new Post(p.id() + suffix, p.member(), p.at().plusDays(days), p.text(), p.tags(), p.links(),
                            p.editedAt() == null ? null : p.editedAt().plusDays(days));
                } else {
                    Moderation m = (Moderation) f;
                    out[i] = new Moderation(m.post() + suffix, m.action(), m.at().plusDays(days));
                }
            }
            return out;
        }
    }
}
