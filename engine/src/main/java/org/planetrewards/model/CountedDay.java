package org.planetrewards.model;

import java.time.LocalDate;

/** Derived: the member checked in and published a high-quality post on this day. */
public record CountedDay(String member, LocalDate day) {
}
