package org.planetrewards.model;

import java.util.Objects;

/**
 * Derived: a reason the post is not high quality by the automatic checks.
 *
 * @param reason a stable code ({@code too-short}, {@code no-known-tag}, {@code no-source-link}, {@code repeated-text}, {@code too-soon-after-check-in},
 *               {@code over-daily-cap}, {@code rejected}; a rule pack may add its own)
 * @param detail the reason in a rule's own fixed words, for a rule that gives no {@code text}; else {@code null}
 * @param text   the reason as a sentence of the pack's message files (its words in every language), or
 *               {@code null} for a rule that gives fixed words
 */
public record QualityProblem(String postId, String reason, String detail, Text text) {
    public QualityProblem {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(reason, "reason");
        if ((detail == null) == (text == null)) {
            throw new IllegalArgumentException("a quality problem has either fixed words or a message, not "
                    + (detail == null ? "neither" : "both"));
        }
    }

    /** A reason in fixed words, the same in every language. */
    public QualityProblem(String postId, String reason, String detail) {
        this(postId, reason, Objects.requireNonNull(detail, "detail"), null);
    }

    /** A reason whose words are the sentence {@code text} of the pack's message files. */
    public QualityProblem(String postId, String reason, Text text) {
        this(postId, reason, null, Objects.requireNonNull(text, "text"));
    }
}
