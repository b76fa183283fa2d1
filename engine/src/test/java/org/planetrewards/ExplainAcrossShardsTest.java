package org.planetrewards;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Explaining a list of members gives what explaining each in turn gives, in the order given, with the shards'
 * members explained on threads of their own; the overview (what a report shows) is every member's explanation and
 * the leaderboards on the latest day, as explaining each and ranking give them, whatever the rules do with
 * {@code AsOf}. A rule that fails fails either call at the first failing member of its order.
 */
class ExplainAcrossShardsTest {
    private static final int MEMBERS = 24;

    /**
     * Member m{i} counts {@code i % 12 + 1} days in a row, ending on a day that depends on {@code i}; the latest
     * day of all is MAR_1 + 17. Every fourth member then checks in once more the next day without a post: their
     * latest day does not count.
     */
    private static RewardsEngine scenario(RulePack rules, int shards, boolean threads) {
        RewardsEngine engine = RewardsEngine.builder().rules(rules).shards(shards).build();
        engine.threadPerShardFrom = threads ? 1 : Integer.MAX_VALUE;
        for (int i = 0; i < MEMBERS; i++) {
            int run = i % 12 + 1;
            LocalDate last = ProgressTest.MAR_1.plusDays(12 + i % 5);
            ProgressTest.countDays(engine, "m" + i, ProgressTest.range(last.minusDays(run - 1L), run));
            if (i % 4 == 0) {
                engine.apply(new CheckIn("m" + i, java.time.OffsetDateTime.parse(last.plusDays(1) + "T08:00:00+08:00")));
            }
        }
        return engine;
    }

    /** Every member, last first, and one the engine never saw. */
    private static List<String> asked() {
        List<String> members = new ArrayList<>();
        for (int i = MEMBERS - 1; i >= 0; i--) {
            members.add("m" + i);
        }
        members.add(5, "nobody");
        return members;
    }

    @Test
    void aListIsExplainedAsEachMemberAloneInTheOrderGiven() {
        List<MemberExplanation> alone = new ArrayList<>();
        try (RewardsEngine engine = scenario(RulePack.defaults(), 1, false)) {
            asked().forEach(m -> alone.add(engine.explain(m, "en")));
        }
        assertThat(alone).extracting(MemberExplanation::member).containsExactlyElementsOf(asked());
        assertThat(alone.get(0).countedDays()).hasSize(12); // m23: 23 % 12 + 1 days
        for (int shards : new int[] {1, 2, 3, 4}) {
            try (RewardsEngine engine = scenario(RulePack.defaults(), shards, true)) {
                assertThat(engine.explain(asked(), "en")).as("%d shards on threads", shards).isEqualTo(alone);
            }
        }
    }

    /** What explaining every member and ranking on the latest day give, one call each. */
    private static Overview alone(RewardsEngine engine) {
        List<MemberExplanation> each = new ArrayList<>();
        engine.members().forEach(m -> each.add(engine.explain(m, "en")));
        List<Ranking> boards = engine.rankings(null, MEMBERS, "en");
        return new Overview(boards.get(0).asOf(), each, boards);
    }

    @Test
    void theOverviewIsEachMemberExplainedAndTheLeaderboardsOfTheLatestDay() {
        Overview alone;
        try (RewardsEngine engine = scenario(RulePack.defaults(), 1, false)) {
            alone = alone(engine);
        }
        assertThat(alone.day()).isEqualTo(ProgressTest.MAR_1.plusDays(17));
        assertThat(alone.members()).hasSize(MEMBERS);
        assertThat(alone.leaderboards().get(0).entries()).hasSize(MEMBERS);
        for (int shards : new int[] {1, 2, 3, 4}) {
            try (RewardsEngine engine = scenario(RulePack.defaults(), shards, true)) {
                assertThat(engine.overview(MEMBERS, "en")).as("%d shards on threads", shards).isEqualTo(alone);
            }
        }
    }

    /**
     * A pack whose rule over days reads {@code AsOf}: the as-of day counts. With {@code insertLogical} the fact goes
     * with its {@code AsOf}; with a plain {@code insert} it stays, so the overview must not reuse the days'
     * evaluation for the leaderboards' day. Either way the member step gets other facts on each day.
     */
    /** The default pack and one more file, {@code name}.drl. */
    private static RulePack defaultsAnd(String name, String drl) {
        Map<String, String> files = new TreeMap<>(RulePack.defaults().files());
        files.put(name + ".drl", drl);
        return RulePack.of(name, files);
    }

    private static RulePack asOfCounts(String insert) {
        return defaultsAnd("as-of-counts-" + insert, """
                package org.planetrewards.rules;
                import org.planetrewards.model.AsOf;
                import org.planetrewards.model.CountedDay;
                rule "The day progress is measured on counts"
                when
                    AsOf( $member : member, $day : day )
                then
                    %s( new CountedDay( $member, $day ) );
                end
                """.formatted(insert));
    }

    @Test
    void aRuleOverTheDaysThatReadsAsOfGivesTheSameOverview() {
        for (String insert : List.of("insertLogical", "insert")) {
            Overview alone;
            try (RewardsEngine engine = scenario(asOfCounts(insert), 1, false)) {
                alone = alone(engine);
            }
            // m4 counted MAR_1 + 12 to + 16 and checked in on + 17, the latest day of all: as of it that day counts
            // too, 6 in a row. m8 counted + 7 to + 15 and checked in on + 16, its latest day: measured on + 17 only
            // that day counts (+ 16 does in m8's own explanation, measured on + 16, and nowhere else).
            Ranking streak = alone.leaderboards().stream().filter(r -> r.campaign().equals("streak-15")).findFirst().orElseThrow();
            Map<String, Integer> counts = new TreeMap<>();
            streak.entries().forEach(e -> counts.put(e.member(), e.count()));
            assertThat(counts).as(insert).containsEntry("m4", 6).containsEntry("m8", 1);
            MemberExplanation m8 = alone.members().stream().filter(e -> e.member().equals("m8")).findFirst().orElseThrow();
            assertThat(m8.countedDays()).as(insert).hasSize(10).endsWith(ProgressTest.MAR_1.plusDays(16));
            for (int shards : new int[] {1, 3}) {
                try (RewardsEngine engine = scenario(asOfCounts(insert), shards, true)) {
                    assertThat(engine.overview(MEMBERS, "en")).as("%s, %d shards", insert, shards).isEqualTo(alone);
                }
            }
        }
    }

    /**
     * A rule that inserts plainly while a member has no {@code AsOf}: never in an evaluation that has one from the
     * start, but in the moment between one as-of day and the next, if the overview swapped them in one evaluation.
     */
    @Test
    void aRuleThatInsertsWhileNoDayIsMeasuredLeavesNothingInTheOverview() {
        RulePack unmeasured = defaultsAnd("unmeasured", """
                package org.planetrewards.rules;
                import org.planetrewards.model.AsOf;
                import org.planetrewards.model.CheckInDay;
                import org.planetrewards.model.CountedDay;
                rule "A check-in counts while no day is measured"
                when
                    CheckInDay( $member : member, $day : day )
                    not AsOf( member == $member )
                then
                    insert( new CountedDay( $member, $day ) );
                end
                """);
        Overview alone;
        try (RewardsEngine engine = scenario(unmeasured, 1, false)) {
            alone = alone(engine);
        }
        try (RewardsEngine engine = scenario(unmeasured, 3, true)) {
            assertThat(engine.overview(MEMBERS, "en")).isEqualTo(alone);
        }
    }

    /** A progress rule that throws for members whose id ends in 3 (RankingsAcrossShardsTest's). */
    @Test
    void aFailingRuleFailsTheOverviewAtTheFirstFailingMemberById() {
        for (int shards : new int[] {1, 3}) {
            try (RewardsEngine engine = scenario(RankingsAcrossShardsTest.failingProgress(), shards, true)) {
                RuleFailureException e = catchThrowableOfType(RuleFailureException.class, () -> engine.overview(MEMBERS, "en"));
                assertThat(e).as("%d shards on threads", shards).isNotNull();
                assertThat(e.getMessage()).contains("no progress for m13"); // "m1", "m10", ... "m13" by id
            }
        }
    }

    /** Of the list asked (last first), m23 is the first whose id ends in 3. */
    @Test
    void aFailingRuleFailsTheListAtItsFirstFailingMember() {
        for (int shards : new int[] {1, 2, 3, 4}) {
            try (RewardsEngine engine = scenario(RankingsAcrossShardsTest.failingProgress(), shards, true)) {
                RuleFailureException e = catchThrowableOfType(RuleFailureException.class, () -> engine.explain(asked(), "en"));
                assertThat(e).as("%d shards on threads", shards).isNotNull();
                assertThat(e.rule()).isEqualTo("No progress for members whose id ends in 3");
                assertThat(e.getMessage()).contains("no progress for m23").doesNotContain("m13", "m3 ");
            }
        }
    }
}
