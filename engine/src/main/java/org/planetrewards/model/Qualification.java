package org.planetrewards.model;

import java.time.LocalDate;
import java.util.List;

/**
 * Derived: the member meets the campaign's condition now, with these days as evidence. Rules insert
 * it logically; the engine turns the first one per member and campaign into a reward decision.
 */
public record Qualification(String member, String campaign, List<LocalDate> days) {
    public Qualification {
        days = List.copyOf(days);
    }

    /** Qualifies with a run of days as evidence. */
    public Qualification(String member, String campaign, DayRun run) {
        this(member, campaign, run.days());
    }
}
