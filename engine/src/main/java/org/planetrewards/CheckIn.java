package org.planetrewards;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A member checked in (打卡) at an instant. Check-ins are a set: a repeated one changes nothing. */
public record CheckIn(String member, OffsetDateTime at) implements Fact {
    public CheckIn {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(at, "at");
    }
}
