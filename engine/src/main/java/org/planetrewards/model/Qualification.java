package org.planetrewards.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Derived: the member meets the campaign's condition now, with these days as evidence. Rules insert
 * it logically; the engine turns the first one per member, campaign and key into a reward decision.
 *
 * @param key    what is won, when a campaign can be won more than once: the season and the level, joined
 *               by "/" ("2026-03/silver"); empty for a campaign won once (its decision keeps the id it
 *               always had)
 * @param days   the evidence, in date order
 * @param graced the calendar days the evidence's run missed and was forgiven (grace days), in date order
 */
public record Qualification(String member, String campaign, String key, List<LocalDate> days, List<LocalDate> graced) {
    public Qualification {
        Objects.requireNonNull(key, "key");
        days = List.copyOf(days);
        graced = List.copyOf(graced);
    }

    /** Qualifies with these days as evidence, for a campaign won once. */
    public Qualification(String member, String campaign, List<LocalDate> days) {
        this(member, campaign, "", days, List.of());
    }

    /** Qualifies with a run of days as evidence, for a campaign won once. */
    public Qualification(String member, String campaign, DayRun run) {
        this(member, campaign, run.days());
    }

    /**
     * Qualifies for one level in one season with a run of days as evidence; the days the run misses
     * between its first and last are its graced days.
     */
    public Qualification(String member, String campaign, Season season, Level level, DayRun run) {
        this(member, campaign, key(season.key(), level.name()), run.days(), run.missed());
    }

    private static String key(String season, String level) {
        return season.isEmpty() ? level : level.isEmpty() ? season : season + "/" + level;
    }
}
