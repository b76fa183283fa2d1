package org.planetrewards.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The member checked in at least once on this community-local day.
 *
 * @param at when the day's earliest check-in happened, in the community zone (a later check-in on the same
 *           day changes nothing; an earlier one that arrives late replaces it); null when the engine does not
 *           know it: a day restored from a snapshot of format version 1, written before times were kept
 */
public record CheckInDay(String member, LocalDate day, OffsetDateTime at) {
    /** A check-in day whose time is not known. */
    public CheckInDay(String member, LocalDate day) {
        this(member, day, null);
    }
}
