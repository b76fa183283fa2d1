package org.planetrewards.model;

/**
 * Thresholds of the automatic quality check (a setting).
 *
 * @param minVisibleCharacters  how many non-whitespace characters a post's text needs
 * @param refuseRepeatedText    whether a post that repeats the text of the member's earlier post fails the
 *                              check (the text compared after {@link PostVersion#textKey}'s normalisation)
 * @param maxCountedPostsPerDay how many of a member's posts of one day may be high quality; 0 for no cap
 */
public record QualitySettings(int minVisibleCharacters, boolean refuseRepeatedText, int maxCountedPostsPerDay) {

    public QualitySettings {
        if (maxCountedPostsPerDay < 0) {
            throw new IllegalArgumentException("the cap of counted posts a day is 0 (none) or more, not " + maxCountedPostsPerDay);
        }
    }

    /** Only a length threshold: repeated texts count and a day's posts are not capped. */
    public QualitySettings(int minVisibleCharacters) {
        this(minVisibleCharacters, false, 0);
    }
}
