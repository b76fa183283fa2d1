package org.planetrewards.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The current version of a post as rules see it: already reduced to what the quality rules judge,
 * so working memory does not hold post texts.
 *
 * @param day           the community-local date the post was published on
 * @param stamp         the version stamp ({@code editedAt}, else {@code at})
 * @param visibleLength how many Unicode code points of the text are not whitespace
 * @param tagWords      the post's tags, trimmed, stripped of {@code #}, {@code 【}, {@code 】} and lower-cased
 * @param hasSourceLink whether a link starts with {@code http://} or {@code https://}
 * @param textKey       a 64-bit hash of the text with everything but letters and digits left out and case
 *                      folded, so two texts that differ only in spaces, punctuation, emoji or case have the
 *                      same key; 0 when the text has no letter or digit (nothing to compare)
 */
public record PostVersion(String id, String member, LocalDate day, Instant stamp,
                          int visibleLength, List<String> tagWords, boolean hasSourceLink, long textKey) {

    /** A version whose text is not compared with others (key 0). */
    public PostVersion(String id, String member, LocalDate day, Instant stamp,
                       int visibleLength, List<String> tagWords, boolean hasSourceLink) {
        this(id, member, day, stamp, visibleLength, tagWords, hasSourceLink, 0L);
    }
}
