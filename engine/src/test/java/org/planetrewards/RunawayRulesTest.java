package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The runaway corpus ({@code src/test/resources/runaway/}): one rule file per way a rule can try to hang
 * or take down the engine, each added to the default pack and set off by a check-in of member
 * {@code runaway}. Each must end in a {@link RuleFailureException} naming the rule, its file and line
 * and the fact, in bounded time, and leave the engine exactly as an engine that never saw the fact:
 * members, snapshot, and the decisions of later facts.
 *
 * <p>The files are built with the unsafe-code switch: several use loops, recursion or classes the load
 * check refuses (or will), and this test is about what happens at run time to code that got through.
 */
class RunawayRulesTest {
    static final OffsetDateTime T = OffsetDateTime.parse("2026-03-01T21:00:00+08:00");
    /** Short, so the corpus runs quickly; the grace the watchdog gives a spinning consequence is on top. */
    static final Settings.RuleLimits LIMITS = new Settings.RuleLimits(Duration.ofMillis(500), 100_000);
    /** Generous: the budget, the watchdog's grace, and a loaded machine. Not a speed assertion. */
    static final Duration FINISHES = Duration.ofSeconds(30);

    static RulePack pack(String file) {
        Map<String, String> files = new LinkedHashMap<>(RulePack.defaults().files());
        try (InputStream in = RunawayRulesTest.class.getResourceAsStream("/runaway/" + file)) {
            files.put("zz-" + file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return RulePack.of("runaway " + file, files);
    }

    static RewardsEngine engine(String file, List<Decision> handed) {
        return RewardsEngine.builder().rules(pack(file)).settings(Settings.defaults().withLimits(LIMITS))
                .allowUnsafeRuleCode().shards(2).onDecision(handed::add).build();
    }

    static Post story(String member, String id, int day) {
        return new Post(id, member, T.plusDays(day), RuntimeRuleFailureTest.STORY, List.of("#球友故事#"), List.of());
    }

    /** Facts before the runaway one: a badge, check-ins of a few members. */
    static List<Fact> before() {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            facts.add(new CheckIn("m" + i, T));
        }
        facts.add(story("m1", "p1", 0));
        return facts;
    }

    /** Facts after it: more badges and check-ins, some of members on the runaway's shard. */
    static List<Fact> after() {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            facts.add(new CheckIn("m" + i, T.plusDays(1)));
            facts.add(story("m" + i, "q" + i, 1));
        }
        return facts;
    }

    static final CheckIn RUNAWAY = new CheckIn("runaway", T.plusHours(1));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            recursion.drl        | Recurses for member runaway             | StackOverflowError
            memory.drl           | Exhausts memory for member runaway      | OutOfMemoryError
            string-memory.drl    | Builds an endless string for member runaway | OutOfMemoryError
            wait.drl             | Waits for member runaway                | ran past the time budget of 0.5 s
            sleep.drl            | Sleeps for member runaway               | ran past the time budget of 0.5 s
            insert-flood.drl     | Floods for member runaway               | inserted more than 100000 facts for one fact
            modify-loop.drl      | Counts for ever                         | Counts for ever
            not-insert-loop.drl  | Takes the next step                     | Takes the next step
            """)
    void aRunawayRuleFailsTheFactAndLeavesNoTrace(String file, String rule, String says) {
        assertTimeoutPreemptively(FINISHES, () -> {
            List<Decision> handed = new ArrayList<>();
            List<Decision> twinHanded = new ArrayList<>();
            try (RewardsEngine engine = engine(file, handed); RewardsEngine twin = engine(file, twinHanded)) {
                before().forEach(engine::apply);
                before().forEach(twin::apply);
                String snapshotBefore = engine.snapshot().toJson();
                List<String> membersBefore = engine.members();

                RuleFailureException e = catchThrowableOfType(RuleFailureException.class, () -> engine.apply(RUNAWAY));

                assertThat(e).as(file).isNotNull();
                assertThat(e.rule()).isEqualTo(rule);
                assertThat(e.fact()).isEqualTo(RUNAWAY);
                assertThat(e.getMessage()).contains("rule \"" + rule + "\"", "on checkin of member \"runaway\"");
                // On a loaded machine the time budget may run out first (a 16 GB allocation is tried after a
                // full collection; a hundred thousand inserts can take half a second): either is a bounded failure.
                assertThat(e.getMessage()).containsAnyOf(says, "ran past the time budget of 0.5 s");
                if (!file.contains("loop")) { // the cap names the rule that fired most, not where it is written
                    assertThat(e.getMessage()).containsPattern("rule at zz-" + file.replace(".", "\\.") + ":\\d+");
                }
                assertThat(engine.members()).isEqualTo(membersBefore);
                assertThat(engine.snapshot().toJson()).isEqualTo(snapshotBefore);
                // Not taken for a repeat: the same fact fails the same way.
                assertThat(catchThrowableOfType(RuleFailureException.class, () -> engine.apply(RUNAWAY)).rule()).isEqualTo(rule);

                after().forEach(engine::apply);
                after().forEach(twin::apply);
                assertThat(handed).isEqualTo(twinHanded).isNotEmpty();
                assertThat(engine.snapshot().toJson()).isEqualTo(twin.snapshot().toJson());
                assertThat(engine.members()).isEqualTo(twin.members());
            }
        });
    }

    /**
     * A consequence that spins where no check reaches it holds the thread that applied the fact until it
     * ends by itself. The engine answers everyone else: a fact of the same shard, a snapshot and the
     * member list say plainly that the engine must be rebuilt, within the budget plus the watchdog's
     * grace; an engine resumed from a snapshot taken before goes on as if the fact had never come.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tight-loop.drl | Spins for member runaway
            time-loop.drl  | Busy with java.time for member runaway
            """)
    void aConsequenceThatCannotBeStoppedGivesItsShardUpAndTheEngineSaysSo(String file, String rule) {
        assertTimeoutPreemptively(FINISHES, () -> {
            List<Decision> handed = new ArrayList<>();
            List<Decision> twinHanded = new ArrayList<>();
            try (RewardsEngine engine = engine(file, handed); RewardsEngine twin = engine(file, twinHanded)) {
                before().forEach(engine::apply);
                before().forEach(twin::apply);
                Snapshot before = engine.snapshot();
                String sameShard = null;
                for (int i = 0; sameShard == null; i++) {
                    if (engine.shard("n" + i) == engine.shard(RUNAWAY.member())) {
                        sameShard = "n" + i;
                    }
                }
                CompletableFuture<List<Decision>> stuck = CompletableFuture.supplyAsync(() -> engine.apply(RUNAWAY));

                Thread.sleep(100); // the runaway fact takes the shard first
                CheckIn neighbour = new CheckIn(sameShard, T);
                RuleFailureException e = catchThrowableOfType(RuleFailureException.class, () -> engine.apply(neighbour));

                assertThat(e).isNotNull();
                assertThat(e.rule()).isEqualTo(rule);
                assertThat(e.getMessage()).contains("the engine must be rebuilt", "rule \"" + rule + "\"",
                        "ran past the time budget of 0.5 s", "could not be stopped", "on checkin of member \"runaway\"",
                        "rule at zz-" + file);
                assertThat(catchThrowableOfType(RuleFailureException.class, engine::snapshot).getMessage())
                        .contains("the engine must be rebuilt");
                assertThat(catchThrowableOfType(RuleFailureException.class, engine::members)).isNotNull();

                // The stuck thread comes back when the loop ends by itself, with the failure, not with decisions.
                Throwable late = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                        () -> stuck.get(20, TimeUnit.SECONDS)).getCause();
                assertThat(late).isInstanceOf(RuleFailureException.class);
                assertThat(((RuleFailureException) late).rule()).isEqualTo(rule);

                try (RewardsEngine resumed = RewardsEngine.builder().rules(pack(file)).settings(Settings.defaults().withLimits(LIMITS))
                        .allowUnsafeRuleCode().shards(2).onDecision(handed::add).resumeFrom(before).build()) {
                    after().forEach(resumed::apply);
                    after().forEach(twin::apply);
                    assertThat(handed).isEqualTo(twinHanded).isNotEmpty();
                    assertThat(resumed.snapshot().toJson()).isEqualTo(twin.snapshot().toJson());
                }
            }
        });
    }

    /**
     * Rankings evaluate each shard's members on a thread of their own: one stuck measuring a member is left
     * behind, and the rankings end with the failure once the watchdog gives its shard up, instead of waiting
     * for a loop that may never end.
     */
    @Test
    void rankingsWithAConsequenceThatCannotBeStoppedOnAnotherThreadEndNamingTheRule() {
        assertTimeoutPreemptively(FINISHES, () -> {
            try (RewardsEngine engine = engine("tight-loop-progress.drl", new ArrayList<>())) {
                engine.threadPerShardFrom = 1;
                engine.apply(new CheckIn("a1", T)); // first in member order: the caller evaluates its shard
                before().forEach(engine::apply);
                engine.apply(RUNAWAY);
                assertThat(engine.shard(RUNAWAY.member())).as("the runaway is measured on the other shard's thread, not the caller's")
                        .isNotSameAs(engine.shard(engine.members().get(0)));
                RuleFailureException e = catchThrowableOfType(RuleFailureException.class, () -> engine.rankings(null, 10, "en"));
                assertThat(e).isNotNull();
                assertThat(e.getMessage()).contains("the engine must be rebuilt", "rule \"Spins measuring member runaway\"",
                        "could not be stopped");
                // Given up after 2.5 s of the thread's CPU time (budget and grace), the loop ends by itself after 4 s.
                assertThat(Thread.getAllStackTraces().keySet()).as("the rankings did not wait for the loop to end")
                        .anyMatch(t -> t.getName().startsWith("planet-rewards-rankings-") && t.isAlive());
            }
        });
    }

    /** In a replay the workers are the engine's threads: a stuck one is left behind and the replay ends. */
    @Test
    void aReplayWithAConsequenceThatCannotBeStoppedEndsNamingLineRuleAndFact() {
        assertTimeoutPreemptively(FINISHES, () -> {
            StringBuilder history = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                history.append("{\"type\":\"checkin\",\"member\":\"m").append(i).append("\",\"at\":\"2026-03-01T09:00:00+08:00\"}\n");
            }
            history.append("{\"type\":\"checkin\",\"member\":\"runaway\",\"at\":\"2026-03-01T10:00:00+08:00\"}\n");
            for (int i = 0; i < 50; i++) {
                history.append(ParallelReplayTest.storyLine("m" + i, "p" + i));
            }
            for (int shards : new int[]{1, 3}) {
                List<Decision> handed = new ArrayList<>();
                try (RewardsEngine engine = RewardsEngine.builder().rules(pack("tight-loop.drl"))
                        .settings(Settings.defaults().withLimits(LIMITS)).allowUnsafeRuleCode().shards(shards)
                        .onDecision(handed::add).build()) {
                    RuleFailureException e = catchThrowableOfType(RuleFailureException.class,
                            () -> engine.replay(HistoryReader.of("h.jsonl", new java.io.StringReader(history.toString()))));

                    // Alone, or first in its batch, the line is its own; after others in a batch, the batch's first
                    // (aConsequenceThatCannotBeStoppedInsideABatchEndsTheReplayAtTheBatchsFirstLineNamingItsLines).
                    assertThat(e.getMessage()).as("%d shards", shards).containsPattern("^h\\.jsonl:(51: |\\d+: no decisions for lines? "
                                    + "[0-9, and]+: the replay evaluated (it|them) in one batch with line 51's fact, and that evaluation never"
                                    + " finished: )rule \"Spins for member runaway\" ran past")
                            .contains("on checkin of member \"runaway\"");
                    assertThat(handed).as("nothing after the failing line").isEmpty();
                }
            }
        });
    }

    /**
     * A replay runs consecutive facts of distinct members through one evaluation (a batch). Here lines 17, 18,
     * 19 and 20 are one batch (the first 16 lines fill the one before), and line 19's check-in sets off a
     * consequence that cannot be stopped. Lines 17 and 18 were evaluated with it, in an evaluation that never
     * finishes: the replay ends at line 17, naming both lines and line 19's rule and fact, and hands out every
     * decision of the lines before 17, exactly those of a replay of those lines alone. Never the failure at
     * line 19 with lines 17 and 18 left silently without the decisions they get one at a time.
     */
    @Test
    void aConsequenceThatCannotBeStoppedInsideABatchEndsTheReplayAtTheBatchsFirstLineNamingItsLines() {
        assertTimeoutPreemptively(FINISHES, () -> {
            StringBuilder first = new StringBuilder();
            for (int i = 0; i < ShardBatch.SIZE; i++) {
                first.append(ParallelReplayTest.storyLine("m" + i, "p" + i));
            }
            String batched = ParallelReplayTest.storyLine("n0", "q0") + ParallelReplayTest.storyLine("n1", "q1");
            String history = first + batched
                    + "{\"type\":\"checkin\",\"member\":\"runaway\",\"at\":\"2026-03-01T10:00:00+08:00\"}\n"
                    + ParallelReplayTest.storyLine("n2", "q2");

            List<Decision> handed = new ArrayList<>();
            try (RewardsEngine engine = replayer(handed)) {
                RuleFailureException e = catchThrowableOfType(RuleFailureException.class,
                        () -> engine.replay(HistoryReader.of("h.jsonl", new java.io.StringReader(history))));

                assertThat(e).isNotNull();
                assertThat(e.getMessage()).startsWith("h.jsonl:17: no decisions for lines 17 and 18: the replay evaluated them"
                                + " in one batch with line 19's fact, and that evaluation never finished: rule \"Spins for member runaway\" ran past")
                        .contains("could not be stopped", "rule at zz-tight-loop.drl", "on checkin of member \"runaway\"");
                assertThat(e.rule()).isEqualTo("Spins for member runaway");
            }
            List<Decision> beforeLine17 = replayAlone(first.toString());
            assertThat(handed).as("every decision before line 17, none after").isEqualTo(beforeLine17).isNotEmpty();
            assertThat(replayAlone(first + batched)).as("lines 17 and 18 have decisions of their own: they were not lost silently")
                    .hasSizeGreaterThan(beforeLine17.size());
        });
    }

    private static RewardsEngine replayer(List<Decision> handed) {
        return RewardsEngine.builder().rules(pack("tight-loop.drl")).settings(Settings.defaults().withLimits(LIMITS))
                .allowUnsafeRuleCode().shards(1).onDecision(handed::add).build();
    }

    private static List<Decision> replayAlone(String history) {
        List<Decision> handed = new ArrayList<>();
        try (RewardsEngine engine = replayer(handed)) {
            engine.replay(HistoryReader.of("h.jsonl", new java.io.StringReader(history)));
        }
        return handed;
    }
}
