package org.planetrewards;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Rules that fail at run time: one that throws, one that throws right after a qualification appears,
 * and two that run away (an insert that matches its own condition; a modify of a declared type without
 * no-loop). Each failure names the rule and the fact, leaves no decision and no trace of the fact, and
 * the engine goes on for every other member, on the same shard and on the others, which are not held up
 * while a runaway rule burns through the firing cap. The hostile file passes the code check: it uses only
 * the fact model, java.lang exceptions and a declared type.
 */
class RuntimeRuleFailureTest {
    static final String HOSTILE = """
            package test.hostile;

            import org.planetrewards.model.CheckInDay;
            import org.planetrewards.model.Qualification;

            declare Counter
                member : String
                n : int
            end

            rule "Explodes on member bomb"
            when
                CheckInDay( member == "bomb" )
            then
                throw new IllegalStateException("boom");
            end

            rule "Explodes when member late-bomb qualifies"
            when
                Qualification( member == "late-bomb" )
            then
                throw new IllegalStateException("too late");
            end

            rule "Breeds check-ins for member loop"
            when
                CheckInDay( member == "loop", $day : day )
            then
                insert( new CheckInDay( "loop", $day ) );
            end

            rule "Starts a counter for member spin"
            when
                CheckInDay( member == "spin", $m : member )
                not Counter( member == $m )
            then
                insert( new Counter( $m, 0 ) );
            end

            // Declared types are property reactive: the pattern reads n, so a modify of n triggers it again.
            rule "Counts forever"
            when
                $c : Counter( n >= 0 )
            then
                modify( $c ) { setN( $c.getN() + 1 ) }
            end
            """;

    static final OffsetDateTime T = OffsetDateTime.parse("2026-03-01T21:00:00+08:00");
    static final String STORY = "我第一次用 ChatGPT 是帮孩子改作文，后来用它写周报、查资料、学英语、做旅行计划，现在每天都离不开它。";
    static final List<String> SUMMARY = new ArrayList<>();

    static RulePack hostilePack() {
        Map<String, String> files = new LinkedHashMap<>(RulePack.defaults().files());
        files.put("zz-hostile.drl", HOSTILE);
        return RulePack.of("hostile test pack", files);
    }

    static Post story(String member, String id) {
        return new Post(id, member, T, STORY, List.of("#球友故事#"), List.of());
    }

    @AfterAll
    static void summary() {
        SUMMARY.forEach(System.out::println);
    }

    @Test
    void aThrowingRuleIsNamedWithItsFactAndTheEngineGoesOn() {
        List<Decision> handed = new CopyOnWriteArrayList<>();
        try (RewardsEngine engine = RewardsEngine.builder().rules(hostilePack()).shards(4).onDecision(handed::add).build()) {
            engine.apply(story("before", "p-before"));
            String stateBefore = engine.snapshot().toJson();
            CheckIn bomb = new CheckIn("bomb", T);

            RuleFailureException e = catchThrowableOfType(RuleFailureException.class, () -> engine.apply(bomb));

            assertThat(e.rule()).isEqualTo("Explodes on member bomb");
            assertThat(e.fact()).isEqualTo(bomb);
            assertThat(e.getMessage()).contains("rule \"Explodes on member bomb\" failed", "boom",
                    "on checkin of member \"bomb\" at 2026-03-01T21:00+08:00");
            assertThat(engine.snapshot().toJson()).as("the failed fact left nothing behind").isEqualTo(stateBefore);
            // Not remembered as applied: the same fact fails again, it is not taken for a repeat.
            assertThat(catchThrowableOfType(RuleFailureException.class, () -> engine.apply(bomb)).rule())
                    .isEqualTo("Explodes on member bomb");

            String sameShard = memberOn(engine, engine.shard("bomb"), true);
            String otherShard = memberOn(engine, engine.shard("bomb"), false);
            assertThat(engine.apply(story(sameShard, "p1"))).extracting(Decision::campaign).containsExactly("member-story");
            assertThat(engine.apply(story(otherShard, "p2"))).extracting(Decision::campaign).containsExactly("member-story");
            assertThat(handed).extracting(Decision::member).containsExactly("before", sameShard, otherShard);
        }
        SUMMARY.add("rule-failure: a throwing rule named with its fact; the state unchanged; same and other shard go on");
    }

    @Test
    void aRuleThatFailsAfterAQualificationLeavesNoDecision() {
        List<Decision> handed = new CopyOnWriteArrayList<>();
        try (RewardsEngine engine = RewardsEngine.builder().rules(hostilePack()).shards(2).onDecision(handed::add).build()) {
            RuleFailureException e = catchThrowableOfType(RuleFailureException.class,
                    () -> engine.apply(story("late-bomb", "p-late")));

            assertThat(e.rule()).isEqualTo("Explodes when member late-bomb qualifies");
            assertThat(e.getMessage()).contains("on post \"p-late\" of member \"late-bomb\"");
            assertThat(handed).isEmpty();
            assertThat(engine.pendingDecisions()).isEmpty();
            assertThat(engine.snapshot().toJson()).doesNotContain("late-bomb", "p-late");
            assertThat(engine.apply(story("fine", "p-fine"))).hasSize(1);
            assertThat(handed).extracting(Decision::member).containsExactly("fine");
        }
    }

    @Test
    void aRunawayInsertIsStoppedAtTheCapNamingTheRuleWhileOtherShardsGoOn() throws Exception {
        runaway("loop", "Breeds check-ins for member loop", "runaway insert");
    }

    @Test
    void aRunawayModifyOfADeclaredTypeIsStoppedAtTheCapNamingTheRule() throws Exception {
        runaway("spin", "Counts forever", "runaway modify");
    }

    private void runaway(String member, String rule, String label) throws Exception {
        List<Decision> handed = new CopyOnWriteArrayList<>();
        // Budgets far above what the cap takes, even on a loaded machine: this is about the firing cap
        // (RunawayRulesTest has the budgets).
        Settings roomy = Settings.defaults().withLimits(new Settings.RuleLimits(java.time.Duration.ofSeconds(60), 10_000_000));
        try (RewardsEngine engine = RewardsEngine.builder().rules(hostilePack()).settings(roomy).shards(4).onDecision(handed::add).build()) {
            engine.apply(new CheckIn("warm-up", T)); // sessions built, so the timing below is the runaway's
            String stateBefore = engine.snapshot().toJson();
            Shard stuck = engine.shard(member);
            List<String> others = new ArrayList<>();
            for (int i = 0; others.size() < 8; i++) {
                if (engine.shard("other" + i) != stuck) {
                    others.add("other" + i);
                }
            }
            AtomicBoolean started = new AtomicBoolean();
            AtomicBoolean finished = new AtomicBoolean();
            AtomicInteger appliedMeanwhile = new AtomicInteger();
            CompletableFuture<Integer> neighbours = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                for (int day = 0; !finished.get() && day < 20_000; day++) {
                    String m = others.get(day % others.size());
                    boolean during = started.get();
                    engine.apply(new CheckIn(m, T.plusDays(day)));
                    if (during && !finished.get()) {
                        appliedMeanwhile.incrementAndGet();
                    }
                    n++;
                }
                return n;
            });
            long t0 = System.nanoTime();
            started.set(true);
            RuleFailureException e = catchThrowableOfType(RuleFailureException.class,
                    () -> engine.apply(new CheckIn(member, T)));
            finished.set(true);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            int neighbourFacts = neighbours.get(60, TimeUnit.SECONDS);

            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.getMessage()).contains("rule \"" + rule + "\" kept firing", "stopped at the cap of " + RuleSession.FIRING_CAP + " firings",
                    "on checkin of member \"" + member + "\"");
            assertThat(handed).as("no partial decisions").isEmpty();
            assertThat(engine.pendingDecisions()).isEmpty();
            assertThat(appliedMeanwhile.get()).as("facts of other shards applied while the runaway rule ran (%d ms)", ms)
                    .isPositive();
            // Nothing of the runaway fact stays; the neighbours' check-ins are there.
            String after = engine.snapshot().toJson();
            assertThat(after).doesNotContain("\"" + member + "\"");
            assertThat(after).isNotEqualTo(stateBefore).contains("\"other");
            // The shard that ran away takes facts again: a member on it wins a badge.
            String sameShard = memberOn(engine, stuck, true);
            assertThat(engine.apply(story(sameShard, "p-" + sameShard))).hasSize(1);
            SUMMARY.add(label + ": stopped at " + RuleSession.FIRING_CAP + " firings in " + ms + " ms naming \"" + rule
                    + "\"; other shards applied " + appliedMeanwhile.get() + " of " + neighbourFacts + " facts meanwhile");
        }
    }

    @Test
    void replayNamesFileLineRuleAndFact() {
        String history = """
                {"type":"checkin","member":"a","at":"2026-03-01T08:00:00+08:00"}

                {"type":"checkin","member":"bomb","at":"2026-03-01T09:00:00+08:00"}
                {"type":"checkin","member":"b","at":"2026-03-01T10:00:00+08:00"}
                """;
        try (RewardsEngine engine = RewardsEngine.builder().rules(hostilePack()).shards(2).build()) {
            RuleFailureException e = catchThrowableOfType(RuleFailureException.class,
                    () -> engine.replay(HistoryReader.of("h.jsonl", new StringReader(history))));

            assertThat(e.getMessage()).startsWith("h.jsonl:3: rule \"Explodes on member bomb\" failed")
                    .contains("checkin of member \"bomb\"");
            assertThat(e.rule()).isEqualTo("Explodes on member bomb");
            assertThat(e.fact()).isEqualTo(new CheckIn("bomb", OffsetDateTime.parse("2026-03-01T09:00:00+08:00")));
        }
    }

    /** A member id that hashes to {@code shard} (or, with {@code same} false, to any other). */
    static String memberOn(RewardsEngine engine, Shard shard, boolean same) {
        for (int i = 0; ; i++) {
            String m = "member" + i;
            if ((engine.shard(m) == shard) == same) {
                return m;
            }
        }
    }
}
