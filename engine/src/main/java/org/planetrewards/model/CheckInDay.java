package org.planetrewards.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The member checked in at least once on this community-local day.
 *
 * @param at the day's earliest check-in, on the community's clock (its zone's offset); null only in a
 *           fact made without one (a snapshot taken before check-in times were kept)
 */
public record CheckInDay(String member, LocalDate day, OffsetDateTime at) {

    /** A check-in day whose time is not known. */
    public CheckInDay(String member, LocalDate day) {
        this(member, day, null);
    }
}
