package org.planetrewards.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A campaign (a setting). {@code kind} says which rule file decides it: the file that declares the kind
 * (see the authoring guide, "Campaign kinds"), which also says which of {@code days}, {@code window} and
 * {@code tag} the kind needs and what they mean. A parameter the settings leave out is 0 or {@code null}.
 *
 * @param days        a number of days, for kinds that count days
 * @param window      a number of calendar days, for kinds that look at a window of them
 * @param tag         a community tag's id, for kinds about tagged posts
 * @param activeFrom  the first community-local day that counts for the campaign, inclusive; {@code null}: no start
 * @param activeUntil the last community-local day that counts for the campaign, inclusive; {@code null}: no end
 */
public record Campaign(String id, String kind, String reward, int days, int window, String tag,
                       LocalDate activeFrom, LocalDate activeUntil) {
    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reward, "reward");
    }

    /** A campaign active on every day (no {@code activeFrom}, no {@code activeUntil}). */
    public Campaign(String id, String kind, String reward, int days, int window, String tag) {
        this(id, kind, reward, days, window, tag, null, null);
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
