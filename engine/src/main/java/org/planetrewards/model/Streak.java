package org.planetrewards.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Derived: every day from {@code first} to {@code last} (inclusive) is a counted day of the member. */
public record Streak(String member, LocalDate first, LocalDate last) {

    /** How many days the streak covers. */
    public int length() {
        return (int) ChronoUnit.DAYS.between(first, last) + 1;
    }
}
