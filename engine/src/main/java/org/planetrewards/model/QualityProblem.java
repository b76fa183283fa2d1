package org.planetrewards.model;

/**
 * Derived: a reason the post is not high quality by the automatic checks.
 *
 * @param reason a stable code ({@code too-short}, {@code no-known-tag}, {@code no-source-link}, {@code repeated-text}, {@code too-soon-after-check-in},
 *               {@code over-daily-cap}, {@code rejected}; a rule pack may add its own)
 * @param detail the reason in plain words, for explanations
 */
public record QualityProblem(String postId, String reason, String detail) {
}
