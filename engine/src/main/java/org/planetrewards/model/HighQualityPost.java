package org.planetrewards.model;

import java.time.LocalDate;

/** Derived: the post, in its current version and moderation state, is high quality. */
public record HighQualityPost(String postId, String member, LocalDate day) {
}
