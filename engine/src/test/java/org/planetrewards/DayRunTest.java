package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.CountedDayDetail;
import org.planetrewards.model.DayRun;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The day-sequence functions rules use, each on the example the authoring guide gives for it. */
class DayRunTest {
    /** March days. */
    static List<LocalDate> march(int... days) {
        return Arrays.stream(days).mapToObj(d -> LocalDate.of(2026, 3, d)).toList();
    }

    static LocalDate mar(int day) {
        return LocalDate.of(2026, 3, day);
    }

    @Test
    void firstRunIsTheEarliestRunLongEnoughCutToLength() {
        assertThat(DayRun.firstRun(march(1, 2, 4, 5, 6, 7), 3)).containsExactly(new DayRun(march(4, 5, 6)));
        assertThat(DayRun.firstRun(march(1, 2, 4, 5), 3)).isEmpty();
        assertThat(DayRun.firstRun(march(3, 1, 2), 3)).as("any order").containsExactly(new DayRun(march(1, 2, 3)));
    }

    @Test
    void aRunMayMissAsManyDaysAsAllowedInAll() {
        assertThat(DayRun.firstRun(march(1, 2, 4, 5), 4, 1)).containsExactly(new DayRun(march(1, 2, 4, 5)));
        assertThat(DayRun.firstRun(march(1, 3, 5, 6), 4, 1)).as("two misses are one too many").isEmpty();
        // The miss at 03-03 drops out once the run starts after it.
        assertThat(DayRun.firstRun(march(1, 2, 4, 6, 7, 8), 4, 1)).containsExactly(new DayRun(march(4, 6, 7, 8)));
        assertThat(DayRun.firstRun(march(1, 2, 3), 3, 0)).isEqualTo(DayRun.firstRun(march(1, 2, 3), 3));
    }

    @Test
    void firstWindowIsTheWindowThatClosesFirst() {
        assertThat(DayRun.firstWindow(march(1, 3, 5, 20), 3, 5)).containsExactly(new DayRun(march(1, 3, 5)));
        assertThat(DayRun.firstWindow(march(1, 3, 6), 3, 5)).as("03-01..03-06 is six days").isEmpty();
    }

    @Test
    void theCurrentRunIsTheOneTheNextDayWouldExtend() {
        assertThat(DayRun.currentRun(march(1, 2, 3), mar(3), 0)).isEqualTo(new DayRun(march(1, 2, 3)));
        assertThat(DayRun.currentRun(march(1, 2, 3), mar(3), 0).nextAfter(mar(3))).isEqualTo(mar(4));
        assertThat(DayRun.currentRun(march(1, 2, 3), mar(4), 0)).as("the 4th is still open").isEqualTo(new DayRun(march(1, 2, 3)));
        assertThat(DayRun.currentRun(march(1, 2, 3), mar(4), 0).nextAfter(mar(4))).isEqualTo(mar(4));
        assertThat(DayRun.currentRun(march(1, 2, 3), mar(5), 0)).as("the 4th is past: broken").isEqualTo(DayRun.NONE);
        assertThat(DayRun.currentRun(march(1, 2, 3), mar(5), 1)).as("one miss forgiven").isEqualTo(new DayRun(march(1, 2, 3)));
        assertThat(DayRun.currentRun(march(1, 3, 4), mar(6), 1)).as("03-01 drops out: 03-03, 03-04 and the 6th miss only the 5th")
                .isEqualTo(new DayRun(march(3, 4)));
        assertThat(DayRun.currentRun(march(1, 3, 4), mar(7), 1)).as("the 5th and the 6th are two misses").isEqualTo(DayRun.NONE);
        assertThat(DayRun.currentRun(march(1, 3, 4), mar(5), 1)).isEqualTo(new DayRun(march(1, 3, 4)));
        assertThat(DayRun.currentRun(List.of(), mar(5), 0)).isEqualTo(DayRun.NONE);
        assertThat(DayRun.NONE.nextAfter(mar(5))).isEqualTo(mar(5));
    }

    @Test
    void theLongestRunIsTheEarliestOnATie() {
        assertThat(DayRun.longestRun(march(1, 2, 5, 6, 9))).containsExactly(new DayRun(march(1, 2)));
        assertThat(DayRun.longestRun(List.of())).isEmpty();
    }

    @Test
    void theLongestRunMayMissDaysTooAndIsTheEarliestOnATie() {
        assertThat(DayRun.longestRun(march(1, 2, 4, 5, 9, 10, 12), 1)).as("03-01..03-05 misses only the 3rd")
                .containsExactly(new DayRun(march(1, 2, 4, 5)));
        assertThat(DayRun.longestRun(march(1, 3, 5, 7, 8, 9), 1)).containsExactly(new DayRun(march(5, 7, 8, 9)));
        assertThat(DayRun.longestRun(march(1, 3, 6, 8), 1)).as("a tie: the earliest").containsExactly(new DayRun(march(1, 3)));
        assertThat(DayRun.longestRun(march(1, 2, 5, 6, 9), 0)).isEqualTo(DayRun.longestRun(march(1, 2, 5, 6, 9)));
        assertThat(DayRun.longestRun(march(4, 2, 1), 2)).as("any order").containsExactly(new DayRun(march(1, 2, 4)));
        assertThat(DayRun.longestRun(march(1, 5), -1)).as("no negative misses: single days").containsExactly(new DayRun(march(1)));
        assertThat(DayRun.longestRun(List.of(), 3)).isEmpty();
    }

    static CountedDayDetail tagged(int day, String... tags) {
        return new CountedDayDetail("ann", mar(day), null, List.of(tags));
    }

    @Test
    void distinctTagsAreTheTagsOfTheDaysOfTheWindowEachOnce() {
        List<CountedDayDetail> days = List.of(tagged(1, "prompts"), tagged(3, "deep-dive", "prompts"), tagged(6, "resources"),
                tagged(9));
        assertThat(DayRun.distinctTags(days, mar(6), 5)).as("03-02..03-06").containsExactly("deep-dive", "prompts", "resources");
        assertThat(DayRun.distinctTags(days, mar(9), 3)).as("03-07..03-09: a day without tags").isEmpty();
        assertThat(DayRun.distinctTags(days, mar(7), 7)).containsExactly("deep-dive", "prompts", "resources");
        assertThat(DayRun.distinctTags(List.of(), mar(7), 7)).isEmpty();
    }

    @Test
    void firstDistinctTagsIsTheWindowThatClosesFirstWithEnoughTags() {
        List<CountedDayDetail> days = List.of(tagged(10, "resources"), tagged(1, "prompts"), tagged(2, "prompts"),
                tagged(5, "deep-dive"), tagged(8, "prompts"));
        assertThat(DayRun.firstDistinctTags(days, 2, 5)).as("03-01..03-05").containsExactly(new DayRun(march(1, 2, 5)));
        assertThat(DayRun.firstDistinctTags(days, 3, 6)).as("03-05..03-10").containsExactly(new DayRun(march(5, 8, 10)));
        assertThat(DayRun.firstDistinctTags(days, 3, 5)).as("never three in five days").isEmpty();
        assertThat(DayRun.firstDistinctTags(days, 1, 0)).as("an empty window").isEmpty();
        assertThat(DayRun.firstDistinctTags(List.of(), 1, 5)).isEmpty();
    }

    @Test
    void aWindowHoldsTheDaysOfTheCalendarDaysUpToItsEnd() {
        assertThat(DayRun.window(march(1, 3, 5, 9), mar(9), 5)).isEqualTo(new DayRun(march(5, 9)));
        assertThat(DayRun.window(march(1, 3), mar(9), 5)).isEqualTo(DayRun.NONE);
    }

    @Test
    void winsOnFillingCountsEveryDayFromTheNextOnWhileOldDaysLeaveTheWindow() {
        // 4 of 5 days needed; 03-01 and 03-02 count; from 03-04 on: 03-04 and 03-05 make four in 03-01..03-05.
        assertThat(DayRun.winsOnFilling(march(1, 2), mar(4), 4, 5)).isEqualTo(mar(5));
        // With 03-01 alone, 03-02..03-04 fill the window 03-01..03-05 sooner than a fresh start: 03-04.
        assertThat(DayRun.winsOnFilling(march(1), mar(2), 4, 5)).isEqualTo(mar(4));
        assertThat(DayRun.winsOnFilling(List.of(), mar(2), 6, 5)).as("a window too short for the count").isNull();
    }

    @Test
    void ofSortsAndKeepsRepeats() {
        assertThat(DayRun.of(march(3, 1, 3)).days()).isEqualTo(march(1, 3, 3));
    }
}
