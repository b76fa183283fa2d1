package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.MemberState.Day;
import org.planetrewards.model.CountedDay;
import org.planetrewards.model.CountedDayDetail;
import org.planetrewards.model.Qualification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The member step on real sessions: the days' kept facts in, the campaign rules' qualifications out. */
class MemberStepTest {
    static LocalDate mar(int day) {
        return LocalDate.of(2026, 3, day);
    }

    /** ann with counted days on these March days, as the day step left them. */
    static MemberState countedOn(int... days) {
        MemberState ann = new MemberState("ann");
        for (int day : days) {
            ann.carry(ann.day(mar(day)), List.of(new CountedDay("ann", mar(day))));
        }
        return ann;
    }

    static List<Qualification> evaluate(CompiledRules rules, MemberState m, Map<Day, List<Object>> pending) {
        try (RuleSession session = new RuleSession(rules, Settings.defaults())) {
            return new MemberStep(rules).evaluate(session, m, pending);
        }
    }

    @Test
    void fifteenCountedDaysInARowQualifyForTheStreakAndTheWindow() {
        CompiledRules defaults = CompiledRules.compile(RulePack.defaults());
        int[] days = java.util.stream.IntStream.rangeClosed(1, 15).toArray();
        assertThat(evaluate(defaults, countedOn(days), null)).extracting(Qualification::campaign)
                .containsExactlyInAnyOrder("streak-15", "window-15-of-30");
        assertThat(evaluate(defaults, countedOn(java.util.Arrays.copyOf(days, 14)), null)).isEmpty();
    }

    @Test
    void whatARebuildWouldKeepIsReadInsteadOfWhatTheDaysKeep() {
        CompiledRules defaults = CompiledRules.compile(RulePack.defaults());
        MemberState ann = countedOn(java.util.stream.IntStream.rangeClosed(1, 15).toArray());
        Map<Day, List<Object>> pending = new IdentityHashMap<>();
        pending.put(ann.get(mar(8)), List.of()); // under the new rules 03-08 does not count
        assertThat(evaluate(defaults, ann, pending)).extracting(Qualification::campaign).isEmpty();
    }

    @Test
    void aRuleOverDetailsSeesEachCountedDaysDetail() {
        CompiledRules rules = DayStepTest.defaultsWith("early.drl", DayStepTest.READS_DETAILS);
        MemberState ann = new MemberState("ann");
        ann.carry(ann.day(mar(1)), List.of(new CountedDay("ann", mar(1)),
                new CountedDayDetail("ann", mar(1), OffsetDateTime.parse("2026-03-01T08:59:00+08:00"), List.of("news"))));
        ann.carry(ann.day(mar(2)), List.of(new CountedDay("ann", mar(2)),
                new CountedDayDetail("ann", mar(2), OffsetDateTime.parse("2026-03-02T09:00:00+08:00"), List.of("news"))));
        ann.carry(ann.day(mar(3)), List.of(new CountedDay("ann", mar(3)),
                new CountedDayDetail("ann", mar(3), null, List.of("news")))); // time unknown: never early
        assertThat(evaluate(rules, ann, null)).containsExactly(new Qualification("ann", "early", List.of(mar(1))));
    }
}
