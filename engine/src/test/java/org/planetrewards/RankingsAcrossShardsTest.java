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
 * Rankings measure every member, whichever shard holds it: the leaderboard is the same with one shard or
 * several, with the shards' members evaluated on threads of their own or not, and places follow the streaks
 * the scenario gave. A rule that fails fails the rankings at the same member either way.
 */
class RankingsAcrossShardsTest {
    private static final int MEMBERS = 24;

    /** Member m{i} counts the last {@code i % 12 + 1} days before the ranking day, in a row. */
    private static void scenario(RewardsEngine engine) {
        LocalDate last = ProgressTest.MAR_1.plusDays(13);
        for (int i = 0; i < MEMBERS; i++) {
            int run = i % 12 + 1;
            ProgressTest.countDays(engine, "m" + i, ProgressTest.range(last.minusDays(run - 1L), run));
        }
    }

    private static List<Ranking> rankings(int shards) {
        return rankings(shards, false);
    }

    /** @param threads evaluate each shard's members on a thread of its own, however few there are */
    private static List<Ranking> rankings(int shards, boolean threads) {
        try (RewardsEngine engine = scenario(RulePack.defaults(), shards, threads)) {
            return engine.rankings(null, MEMBERS, "en");
        }
    }

    /** An engine with {@code rules} that has applied the scenario; its rankings on threads or on the caller's. */
    private static RewardsEngine scenario(RulePack rules, int shards, boolean threads) {
        RewardsEngine engine = RewardsEngine.builder().rules(rules).shards(shards).build();
        engine.threadPerShardFrom = threads ? 1 : Integer.MAX_VALUE;
        scenario(engine);
        return engine;
    }

    @Test
    void theLeaderboardIsTheSameWithOneShardOrSeveral() {
        List<Ranking> one = rankings(1);
        assertThat(rankings(4)).isEqualTo(one);
        assertThat(rankings(3)).isEqualTo(one);
    }

    @Test
    void theLeaderboardIsTheSameWithTheShardsOnThreads() {
        List<Ranking> one = rankings(1);
        assertThat(rankings(4, true)).isEqualTo(one);
        assertThat(rankings(2, true)).isEqualTo(one);
    }

    /** A progress rule that throws for some members: m13 is the first of them in member order ("m1", "m10", ...). */
    private static final String FAILS = """
            package org.planetrewards.rules;
            import org.planetrewards.model.AsOf;
            rule "No progress for members whose id ends in 3"
            when
                AsOf( $member : member, member.endsWith( "3" ) )
            then
                throw new IllegalStateException( "no progress for " + $member );
            end
            """;

    /** The default pack and {@link #FAILS}. */
    static RulePack failingProgress() {
        Map<String, String> files = new TreeMap<>(RulePack.defaults().files());
        files.put("fails.drl", FAILS);
        return RulePack.of("failing progress", files);
    }

    private static RuleFailureException failure(int shards, boolean threads) {
        try (RewardsEngine engine = scenario(failingProgress(), shards, threads)) {
            return catchThrowableOfType(RuleFailureException.class, () -> engine.rankings(null, MEMBERS, "en"));
        }
    }

    @Test
    void aFailingRuleFailsTheRankingsAtTheFirstFailingMemberWithTheShardsOnThreads() {
        RuleFailureException alone = failure(1, false);
        assertThat(alone).isNotNull();
        assertThat(alone.getMessage()).contains("no progress for m13");
        for (int shards : new int[] {2, 3, 4}) {
            RuleFailureException threaded = failure(shards, true);
            assertThat(threaded).as("%d shards on threads", shards).isNotNull();
            assertThat(threaded.rule()).isEqualTo(alone.rule());
            assertThat(threaded.getMessage()).isEqualTo(alone.getMessage());
        }
    }

    @Test
    void theLongestStreaksComeFirstTiesByMemberId() {
        Ranking streak = rankings(4).stream().filter(r -> r.campaign().equals("streak-15")).findFirst().orElseThrow();
        assertThat(streak.members()).isEqualTo(MEMBERS);
        List<String> expected = new ArrayList<>();
        for (int run = 12; run >= 1; run--) {
            // m{run-1} and m{run+11} have the same run; ties are ordered by member id, as strings
            String a = "m" + (run - 1);
            String b = "m" + (run + 11);
            if (a.compareTo(b) < 0) {
                expected.add(a);
                expected.add(b);
            } else {
                expected.add(b);
                expected.add(a);
            }
        }
        assertThat(streak.entries()).extracting(Ranking.Entry::member).containsExactlyElementsOf(expected);
        assertThat(streak.entries().get(0).count()).isEqualTo(12);
        assertThat(streak.entries().get(MEMBERS - 1).count()).isEqualTo(1);
    }
}
