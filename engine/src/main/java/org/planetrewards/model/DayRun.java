package org.planetrewards.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Evidence that a set of counted days meets a campaign's condition: the days themselves, in date
 * order. Rules find one with {@link #firstRun} or {@link #firstWindow} and read it with
 * {@code $run : DayRun( ) from DayRun.firstRun( $counted, $days )}: the pattern matches once when
 * such days exist and not at all otherwise.
 */
public record DayRun(List<LocalDate> days) {
    public DayRun {
        days = List.copyOf(days);
    }

    public LocalDate first() {
        return days.get(0);
    }

    public LocalDate last() {
        return days.get(days.size() - 1);
    }

    /**
     * The first {@code length} days in a row among {@code counted}: the earliest run that is long enough,
     * cut to {@code length} days.
     *
     * @return one run, or none
     */
    public static List<DayRun> firstRun(Collection<LocalDate> counted, int length) {
        List<LocalDate> sorted = sorted(counted);
        int runStart = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0 && !sorted.get(i - 1).plusDays(1).equals(sorted.get(i))) {
                runStart = i;
            }
            if (i - runStart + 1 >= length) {
                return List.of(new DayRun(sorted.subList(runStart, runStart + length)));
            }
        }
        return List.of();
    }

    /**
     * The first window of {@code window} consecutive calendar days that holds at least {@code count}
     * of the {@code counted} days: the window that ends earliest, ending on a counted day. The
     * evidence is the latest {@code count} days in it.
     *
     * @return one run, or none
     */
    public static List<DayRun> firstWindow(Collection<LocalDate> counted, int count, int window) {
        List<LocalDate> sorted = sorted(counted);
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (ChronoUnit.DAYS.between(sorted.get(start), sorted.get(end)) >= window) {
                start++;
            }
            if (end - start + 1 >= count) {
                return List.of(new DayRun(sorted.subList(end - count + 1, end + 1)));
            }
        }
        return List.of();
    }

    /** The longest run of days in a row among {@code counted}, or none when it is empty. */
    public static List<DayRun> longestRun(Collection<LocalDate> counted) {
        List<LocalDate> sorted = sorted(counted);
        int bestStart = 0;
        int bestLength = 0;
        int runStart = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0 && !sorted.get(i - 1).plusDays(1).equals(sorted.get(i))) {
                runStart = i;
            }
            if (i - runStart + 1 > bestLength) {
                bestLength = i - runStart + 1;
                bestStart = runStart;
            }
        }
        return bestLength == 0 ? List.of() : List.of(new DayRun(sorted.subList(bestStart, bestStart + bestLength)));
    }

    private static List<LocalDate> sorted(Collection<LocalDate> days) {
        List<LocalDate> sorted = new ArrayList<>(days);
        sorted.sort(null);
        return sorted;
    }
}
