package org.planetrewards;

import java.time.OffsetDateTime;

/**
 * Something that happened in the community: a check-in, a post version or a moderation.
 * Facts are immutable values; the engine decides from them alone, never from the wall clock.
 */
public sealed interface Fact permits CheckIn, Post, Moderation {

    /** When it happened (for a post: when it was published). */
    OffsetDateTime at();

    /**
     * The instant that orders versions of the same thing and that a decision caused by this fact
     * carries as {@code decidedAt}: a post's {@code editedAt} when it has one, else {@code at}.
     */
    default OffsetDateTime stamp() {
        return at();
    }
}
