package org.planetrewards.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A campaign (a setting). {@code kind} says which rule file decides it; the other fields are that
 * kind's parameters.
 *
 * <ul>
 *   <li>{@code consecutive-days}: {@code days} counted days in a row;</li>
 *   <li>{@code days-in-window}: {@code days} counted days within {@code window} consecutive calendar days;</li>
 *   <li>{@code tagged-post}: a high-quality post carrying {@code tag};</li>
 *   <li>any other kind: a campaign that a rule file of the admin's own decides, reading whichever of
 *       {@code days}, {@code window} and {@code tag} it needs (0 or {@code null} when not set).</li>
 * </ul>
 *
 * @param activeFrom  the first community-local day that counts for the campaign, inclusive; {@code null}: no start
 * @param activeUntil the last community-local day that counts for the campaign, inclusive; {@code null}: no end
 */
public record Campaign(String id, String kind, String reward, int days, int window, String tag,
                       LocalDate activeFrom, LocalDate activeUntil) {
    public static final String CONSECUTIVE_DAYS = "consecutive-days";
    public static final String DAYS_IN_WINDOW = "days-in-window";
    public static final String TAGGED_POST = "tagged-post";

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reward, "reward");
    }

    /** A campaign active on every day (no {@code activeFrom}, no {@code activeUntil}). */
    public Campaign(String id, String kind, String reward, int days, int window, String tag) {
        this(id, kind, reward, days, window, tag, null, null);
    }

    public static Campaign consecutiveDays(String id, String reward, int days) {
        return new Campaign(id, CONSECUTIVE_DAYS, reward, days, 0, null);
    }

    public static Campaign daysInWindow(String id, String reward, int days, int window) {
        return new Campaign(id, DAYS_IN_WINDOW, reward, days, window, null);
    }

    public static Campaign taggedPost(String id, String reward, String tag) {
        return new Campaign(id, TAGGED_POST, reward, 0, 0, tag);
    }

    /** This campaign, counting only the days from {@code from} to {@code until}, both inclusive ({@code null}: open). */
    public Campaign withActivePeriod(LocalDate from, LocalDate until) {
        return new Campaign(id, kind, reward, days, window, tag, from, until);
    }

    /**
     * Whether a community-local day counts for this campaign: it lies between {@code activeFrom} and
     * {@code activeUntil}, both inclusive. Always true for a campaign without them. Campaign rules
     * read it as {@code CountedDay( ..., $campaign.isActiveOn( day ) )}.
     */
    public boolean isActiveOn(LocalDate day) {
        return (activeFrom == null || !day.isBefore(activeFrom)) && (activeUntil == null || !day.isAfter(activeUntil));
    }

    /**
     * The days among {@code days} that count for this campaign ({@link #isActiveOn}), in their order.
     * Campaign rules read it as {@code DayRun.firstRun( $campaign.activeDays( $counted ), ... )}.
     */
    public List<LocalDate> activeDays(Collection<LocalDate> days) {
        if (activeFrom == null && activeUntil == null) {
            return days instanceof List<LocalDate> list ? list : List.copyOf(days);
        }
        List<LocalDate> active = new ArrayList<>(days.size());
        for (LocalDate day : days) {
            if (isActiveOn(day)) {
                active.add(day);
            }
        }
        return active;
    }
}
