package org.planetrewards.model;

import java.time.LocalDate;
import java.util.List;

/**
 * All of a member's counted days, in date order: the engine gathers them from the {@code CountedDay}
 * facts the rules derived, one day at a time, so that a campaign rule reads a member's days as one
 * fact instead of collecting them itself. Campaign rules read it as
 * {@code CountedDays( $member : member, $counted : days )}.
 */
public record CountedDays(String member, List<LocalDate> days) {
    public CountedDays {
        days = List.copyOf(days);
    }
}
