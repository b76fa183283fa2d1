package org.planetrewards;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rankings measure every member, whichever shard holds it: the leaderboard is the same with one shard or
 * several, and places follow the streaks the scenario gave.
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
        try (RewardsEngine engine = RewardsEngine.builder().shards(shards).build()) {
            scenario(engine);
            return engine.rankings(null, MEMBERS, "en");
        }
    }

    @Test
    void theLeaderboardIsTheSameWithOneShardOrSeveral() {
        List<Ranking> one = rankings(1);
        assertThat(rankings(4)).isEqualTo(one);
        assertThat(rankings(3)).isEqualTo(one);
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
