package org.planetrewards.model;

import java.time.Instant;

/** The latest moderation of a post; there is at most one per post in working memory. */
public record ModerationState(String postId, ModerationAction action, Instant at) {
}
