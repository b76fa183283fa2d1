package org.planetrewards.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Some of a member's counted days, in date order, and the day-sequence functions campaign rules use to
 * find them: the library of what rules over days need, so that a campaign kind is written in its rule
 * file without Java. Each function takes the counted days as they come ({@code CountedDays.days}, or a
 * campaign's {@code activeDays} of them) and is a pure function of its arguments.
 *
 * <ul>
 *   <li>to decide: {@link #firstRun(Collection, int)}, {@link #firstRun(Collection, int, int)} (a run that
 *       may miss some days), {@link #firstWindow} — lists of one run or none, read as
 *       {@code $run : DayRun( ) from DayRun.firstRun( $counted, $days )}: the pattern matches once when
 *       such days exist and not at all otherwise;</li>
 *   <li>to measure progress: {@link #currentRun}, {@link #window}, {@link #winsOnFilling}
 *       — always one run (maybe empty), read as {@code $run : DayRun( ) from DayRun.currentRun( $counted, $asOf, 0 )};
 *       {@link #longestRun(Collection)} and {@link #longestRun(Collection, int)} — one run, or none without days;</li>
 *   <li>over the days' tags ({@link CountedDayDetail}): {@link #firstDistinctTags} to decide, {@link #distinctTags}
 *       to measure.</li>
 * </ul>
 * The authoring guide has an example of each.
 */
public record DayRun(List<LocalDate> days) {
    public DayRun {
        days = List.copyOf(days);
    }

    /** The most missed days {@link #missed()} lists: ten years. */
    private static final int MAX_MISSED = 3660;

    /** No days. */
    public static final DayRun NONE = new DayRun(List.of());

    /** The days in date order (a day twice stays twice: a day can hold two posts that count). */
    public static DayRun of(Collection<LocalDate> days) {
        List<LocalDate> sorted = new ArrayList<>(days);
        sorted.sort(null);
        return new DayRun(sorted);
    }

    /** How many days. */
    public int size() {
        return days.size();
    }

    public boolean isEmpty() {
        return days.isEmpty();
    }

    /**
     * The day a counted day extends this run on, as of {@code asOf}: the day after its last day, or
     * {@code asOf} when that is later (days before {@code asOf} are past); {@code asOf} for an empty run.
     */
    public LocalDate nextAfter(LocalDate asOf) {
        if (days.isEmpty()) {
            return asOf;
        }
        LocalDate next = last().plusDays(1);
        return next.isBefore(asOf) ? asOf : next;
    }

    /**
     * The calendar days between the first and the last day that are not among the days, in date order:
     * the days a run with grace days missed. Empty for days in a row.
     *
     * @throws IllegalArgumentException when they are more than ten years of days (a rule's mistake, not a run)
     */
    public List<LocalDate> missed() {
        if (days.size() > 1 && ChronoUnit.DAYS.between(first(), last()) > MAX_MISSED) {
            throw new IllegalArgumentException("days from " + first() + " to " + last() + " miss more than " + MAX_MISSED + " days");
        }
        List<LocalDate> out = new ArrayList<>(0);
        for (int i = 1; i < days.size(); i++) {
            for (LocalDate d = days.get(i - 1).plusDays(1); d.isBefore(days.get(i)); d = d.plusDays(1)) {
                out.add(d);
            }
        }
        return out;
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

    /**
     * The first {@code length} counted days that form a run missing at most {@code misses} calendar days
     * in all (between its first and last day): the run that ends earliest, its latest {@code length} days.
     * With {@code misses} 0 it is {@link #firstRun(Collection, int)}.
     *
     * @return one run, or none
     */
    public static List<DayRun> firstRun(Collection<LocalDate> counted, int length, int misses) {
        List<LocalDate> sorted = sorted(counted);
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (missing(sorted, start, end) > misses) {
                start++;
            }
            if (end - start + 1 >= length) {
                return List.of(new DayRun(sorted.subList(end - length + 1, end + 1)));
            }
        }
        return List.of();
    }

    /**
     * The counted days of the run that a counted day on the next day that matters would extend, as of
     * {@code asOf}: the longest run, missing at most {@code misses} calendar days in all, that ends on the
     * latest counted day and can still be extended on {@link #nextAfter nextAfter(asOf)}. Empty when the
     * latest run is broken (or there is no counted day): the member starts again.
     */
    public static DayRun currentRun(Collection<LocalDate> counted, LocalDate asOf, int misses) {
        List<LocalDate> sorted = sorted(counted);
        if (sorted.isEmpty()) {
            return NONE;
        }
        int end = sorted.size() - 1;
        LocalDate next = new DayRun(List.of(sorted.get(end))).nextAfter(asOf);
        int start = end + 1;
        // Missed days grow as the run reaches back, so the first start that misses too many ends the search.
        while (start > 0 && ChronoUnit.DAYS.between(sorted.get(start - 1), next) - (end - start + 2) <= misses) {
            start--;
        }
        return new DayRun(sorted.subList(start, end + 1));
    }

    /** The counted days within the {@code window} calendar days that end on {@code end} (an empty run when none). */
    public static DayRun window(Collection<LocalDate> counted, LocalDate end, int window) {
        LocalDate start = end.minusDays(window - 1L);
        List<LocalDate> in = new ArrayList<>();
        for (LocalDate day : sorted(counted)) {
            if (!day.isBefore(start) && !day.isAfter(end)) {
                in.add(day);
            }
        }
        return new DayRun(in);
    }

    /**
     * The earliest day, counting every day from {@code next} on, by which some window of {@code window}
     * calendar days holds {@code count} counted days (older days leave the window as it moves); {@code null}
     * when even that never gets there.
     */
    public static LocalDate winsOnFilling(Collection<LocalDate> counted, LocalDate next, int count, int window) {
        List<LocalDate> sorted = sorted(counted);
        for (int k = 1; k <= window; k++) {
            LocalDate day = next.plusDays(k - 1L);
            LocalDate start = day.minusDays(window - 1L);
            int before = 0;
            for (LocalDate d : sorted) {
                if (!d.isBefore(start) && d.isBefore(next)) {
                    before++;
                }
            }
            if (before + k >= count) {
                return day;
            }
        }
        return null;
    }

    /** Calendar days between the first and last that are not among the run's days. */
    private static long missing(List<LocalDate> sorted, int start, int end) {
        return ChronoUnit.DAYS.between(sorted.get(start), sorted.get(end)) + 1 - (end - start + 1);
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

    /**
     * The longest run among {@code counted} that misses at most {@code misses} calendar days in all
     * (between its first and last day), the earliest on a tie; none when {@code counted} is empty. With
     * {@code misses} 0 it is {@link #longestRun(Collection)}.
     */
    public static List<DayRun> longestRun(Collection<LocalDate> counted, int misses) {
        List<LocalDate> sorted = sorted(counted);
        int bestStart = 0;
        int bestLength = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (start < end && missing(sorted, start, end) > misses) {
                start++;
            }
            if (end - start + 1 > bestLength) {
                bestLength = end - start + 1;
                bestStart = start;
            }
        }
        return bestLength == 0 ? List.of() : List.of(new DayRun(sorted.subList(bestStart, bestStart + bestLength)));
    }

    /**
     * The distinct tags of the counted days within the {@code window} calendar days that end on {@code end},
     * sorted (none when no day of the window has a tag).
     *
     * @param days a member's counted days with their tags ({@link CountedDayDetail}), in any order
     */
    public static List<String> distinctTags(Collection<CountedDayDetail> days, LocalDate end, int window) {
        LocalDate start = end.minusDays(window - 1L);
        java.util.TreeSet<String> tags = new java.util.TreeSet<>();
        for (CountedDayDetail d : days) {
            if (!d.day().isBefore(start) && !d.day().isAfter(end)) {
                tags.addAll(d.tags());
            }
        }
        return List.copyOf(tags);
    }

    /**
     * The first window of {@code window} consecutive calendar days whose counted days carry at least
     * {@code count} distinct tags between them: the window that ends earliest, ending on a counted day.
     * The evidence is the counted days of that window.
     *
     * @param days a member's counted days with their tags ({@link CountedDayDetail}), in any order
     * @return one run, or none
     */
    public static List<DayRun> firstDistinctTags(Collection<CountedDayDetail> days, int count, int window) {
        if (window < 1) {
            return List.of();
        }
        List<CountedDayDetail> sorted = new ArrayList<>(days);
        sorted.sort(java.util.Comparator.comparing(CountedDayDetail::day));
        // A sliding window: each day's tags are counted in once and out once, so the work grows with the days.
        java.util.Map<String, Integer> tagsIn = new java.util.HashMap<>();
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            sorted.get(end).tags().forEach(t -> tagsIn.merge(t, 1, Integer::sum));
            while (ChronoUnit.DAYS.between(sorted.get(start).day(), sorted.get(end).day()) >= window) {
                sorted.get(start).tags().forEach(t -> tagsIn.computeIfPresent(t, (k, n) -> n == 1 ? null : n - 1));
                start++;
            }
            if (tagsIn.size() >= count) {
                return List.of(DayRun.of(sorted.subList(start, end + 1).stream().map(CountedDayDetail::day).toList()));
            }
        }
        return List.of();
    }

    /** Sorted, each day once; a list that is already so is used as it is (CountedDays is). */
    private static List<LocalDate> sorted(Collection<LocalDate> days) {
        if (days instanceof List<LocalDate> list && isSortedDistinct(list)) {
            return list;
        }
        return new ArrayList<>(new java.util.TreeSet<>(days));
    }

    private static boolean isSortedDistinct(List<LocalDate> list) {
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i - 1).compareTo(list.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }
}
