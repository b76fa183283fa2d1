package org.planetrewards.model;

/** Derived: the post carries this community tag (by id). */
public record PostTag(String postId, String tag) {
}
