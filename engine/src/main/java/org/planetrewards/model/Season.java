package org.planetrewards.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A season of a repeatable campaign and a member's counted days in it: counting restarts at each
 * season's start, and each season can be won once ({@link Campaign#seasons}). A campaign that does not
 * repeat has one season, nameless, holding all its active days.
 *
 * @param key  the season's name, part of the decision's key ("2026-03", "2026-W10", "2026-03-01",
 *             "streak-2"); empty for a campaign that does not repeat
 * @param from the season's first day, or {@code null} when it has no start
 * @param days the member's counted days in the season that count for the campaign, in date order
 */
public record Season(String key, LocalDate from, List<LocalDate> days) {
    public Season {
        Objects.requireNonNull(key, "key");
        days = List.copyOf(days);
    }
}
