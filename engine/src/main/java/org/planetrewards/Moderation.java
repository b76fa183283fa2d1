package org.planetrewards;

import org.planetrewards.model.ModerationAction;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * An admin's judgement on a post. Only the latest moderation of a post counts; one for a post the
 * engine has not seen yet waits for that post.
 */
public record Moderation(String post, ModerationAction action, OffsetDateTime at) implements Fact {
    public Moderation {
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
    }
}
