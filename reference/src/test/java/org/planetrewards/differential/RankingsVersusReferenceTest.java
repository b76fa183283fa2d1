package org.planetrewards.differential;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.planetrewards.CheckIn;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.Post;
import org.planetrewards.Ranking;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Settings;
import org.planetrewards.generate.HistoryGenerator;
import org.planetrewards.reference.ReferenceModel;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leaderboards read the rules' own progress facts; here they are checked against counted days the
 * independent reference model computes, on a generated community cut at several instants: the current
 * streak and the counted days in the 30-day window, each computed below in plain Java from the reference's
 * counted days, the reference's decisions for "decided", and the order (count, then member id).
 */
class RankingsVersusReferenceTest {
    static final int MEMBERS = 300;
    static final int DAYS = 40;

    @ParameterizedTest(name = "cut after day {0}")
    @ValueSource(ints = {12, 25, 39})
    void leaderboardsAgreeWithTheReferenceModelsCountedDays(int cutDay) {
        Settings settings = Settings.defaults();
        List<Fact> all = new HistoryGenerator(11, MEMBERS, DAYS).facts();
        OffsetDateTime first = all.stream().map(Fact::stamp).min(Comparator.naturalOrder()).orElseThrow();
        OffsetDateTime cut = first.atZoneSameInstant(settings.zone()).toLocalDate().plusDays(cutDay)
                .atTime(20, 0).atZone(settings.zone()).toOffsetDateTime();
        LocalDate day = cut.atZoneSameInstant(settings.zone()).toLocalDate();

        ReferenceModel reference = new ReferenceModel(settings);
        Set<String> decided = new HashSet<>();
        Set<String> members = new TreeSet<>();
        try (RewardsEngine engine = RewardsEngine.builder().shards(2).build()) {
            for (Fact f : all) {
                if (f.stamp().isAfter(cut)) {
                    continue; // the community as it stood at the cut
                }
                for (Decision d : reference.apply(f)) {
                    decided.add(d.member() + " " + d.campaign());
                }
                engine.apply(f);
                if (f instanceof CheckIn c) {
                    members.add(c.member());
                } else if (f instanceof Post p) {
                    members.add(p.member());
                }
            }
            List<Ranking> boards = engine.rankings(day, 100_000, "en");

            assertThat(boards).extracting(Ranking::campaign).containsExactly("streak-15", "window-15-of-30", "member-story");
            Ranking streak = boards.get(0);
            Ranking window = boards.get(1);
            assertThat(streak.asOf()).isEqualTo(day);
            assertThat(rows(streak)).containsExactlyElementsOf(expected(members, reference, decided, "streak-15", 15,
                    counted -> currentStreak(counted, day)));
            assertThat(rows(window)).containsExactlyElementsOf(expected(members, reference, decided, "window-15-of-30", 15,
                    counted -> (int) counted.stream().filter(d -> !d.isBefore(day.minusDays(29)) && !d.isAfter(day)).count()));
            assertThat(streak.entries().stream().filter(e -> e.count() > 0)).as("a community with streaks").hasSizeGreaterThan(10);

            Ranking top3 = engine.rankings("window-15-of-30", day, 3);
            assertThat(top3.entries()).containsExactlyElementsOf(window.entries().subList(0, 3));
            assertThat(top3.members()).isEqualTo(window.members());
        }
    }

    /** The run of counted days in a row that a counted day on the next day would extend: 0 once a day was missed. */
    static int currentStreak(List<LocalDate> counted, LocalDate day) {
        Set<LocalDate> set = new HashSet<>(counted);
        LocalDate end = set.contains(day) ? day : day.minusDays(1);
        int n = 0;
        while (set.contains(end.minusDays(n))) {
            n++;
        }
        return n;
    }

    private static List<String> rows(Ranking r) {
        return r.entries().stream().map(e -> e.member() + " " + e.count() + "/" + e.target() + " "
                + (e.decided() ? "won" : "") + " " + e.completion()).toList();
    }

    private static List<String> expected(Set<String> members, ReferenceModel reference, Set<String> decided, String campaign,
                                         int target, java.util.function.ToIntFunction<List<LocalDate>> measure) {
        record Row(String member, int count, boolean won) {
        }
        List<Row> rows = new ArrayList<>();
        for (String m : members) {
            rows.add(new Row(m, measure.applyAsInt(reference.countedDays(m)), decided.contains(m + " " + campaign)));
        }
        rows.sort(Comparator.comparingInt((Row r) -> -r.count()).thenComparing(Row::member));
        return rows.stream().map(r -> r.member() + " " + r.count() + "/" + target + " " + (r.won() ? "won" : "") + " "
                + (r.won() ? 1.0 : Math.min(1.0, r.count() / (double) target))).toList();
    }
}
