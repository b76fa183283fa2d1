package org.planetrewards;

import java.time.LocalDate;

/**
 * A count of counted days and the calendar days it covers, for progress: a run of days in a row, or a
 * window of calendar days and how many counted days fall in it.
 *
 * @param count how many counted days
 * @param from  the first calendar day of the run or window, or {@code null} when there is none
 * @param to    the last calendar day of the run or window, or {@code null} when there is none
 */
public record DaySpan(int count, LocalDate from, LocalDate to) {
    /** No days. */
    public static final DaySpan NONE = new DaySpan(0, null, null);

    /** "12 (2026-03-02..2026-03-13)", "1 (2026-03-16)" or "0". */
    @Override
    public String toString() {
        return from == null ? String.valueOf(count) : count + " (" + from + (from.equals(to) ? "" : ".." + to) + ")";
    }
}
