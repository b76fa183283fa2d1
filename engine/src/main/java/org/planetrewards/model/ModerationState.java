package org.planetrewards.model;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * The latest moderation of a post; there is at most one per post in working memory.
 *
 * @param at    when it happened
 * @param local the same moment on the community's clock (its zone), for reasons written to members
 */
public record ModerationState(String postId, ModerationAction action, Instant at, LocalDateTime local) {
}
