package org.planetrewards.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Derived: the member meets the campaign's condition now, with these days as evidence. Rules insert
 * it logically; the engine turns the first one per member and campaign into a reward decision.
 */
public record Qualification(String member, String campaign, List<LocalDate> days) {
    public Qualification {
        days = List.copyOf(days);
    }

    /** {@code count} days in a row starting at {@code first}. */
    public static Qualification daysFrom(String member, String campaign, LocalDate first, int count) {
        List<LocalDate> days = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            days.add(first.plusDays(i));
        }
        return new Qualification(member, campaign, days);
    }

    /** The latest {@code count} of the given days, in date order. */
    public static Qualification latestDays(String member, String campaign, Collection<LocalDate> days, int count) {
        List<LocalDate> sorted = new ArrayList<>(days);
        sorted.sort(null);
        return new Qualification(member, campaign, sorted.subList(Math.max(0, sorted.size() - count), sorted.size()));
    }

    /** A single day. */
    public static Qualification onDay(String member, String campaign, LocalDate day) {
        return new Qualification(member, campaign, List.of(day));
    }
}
