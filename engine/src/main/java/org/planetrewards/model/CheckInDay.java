package org.planetrewards.model;

import java.time.LocalDate;

/** The member checked in at least once on this community-local day. */
public record CheckInDay(String member, LocalDate day) {
}
