package org.planetrewards.model;

/**
 * Thresholds of the automatic quality check (a setting).
 *
 * @param minVisibleCharacters  how many non-whitespace characters a post's text needs
 * @param refuseRepeatedText    whether a post that repeats the text of the member's earlier post fails the
 *                              check (the text compared after {@link PostVersion#textKey}'s normalisation)
 * @param maxCountedPostsPerDay how many of a member's posts of one day may be high quality; 0 for no cap
 * @param minMinutesAfterCheckIn how many minutes apart the day's earliest check-in and a post (its current
 *                              version's stamp) must be for the post to be high quality; 0 for no gap
 */
public record QualitySettings(int minVisibleCharacters, boolean refuseRepeatedText, int maxCountedPostsPerDay,
                              int minMinutesAfterCheckIn) {

    public QualitySettings {
        if (maxCountedPostsPerDay < 0) {
            throw new IllegalArgumentException("the cap of counted posts a day is 0 (none) or more, not " + maxCountedPostsPerDay);
        }
        if (minMinutesAfterCheckIn < 0) {
            throw new IllegalArgumentException("the gap after a check-in is 0 (none) or more minutes, not " + minMinutesAfterCheckIn);
        }
    }

    /** No gap between check-in and post. */
    public QualitySettings(int minVisibleCharacters, boolean refuseRepeatedText, int maxCountedPostsPerDay) {
        this(minVisibleCharacters, refuseRepeatedText, maxCountedPostsPerDay, 0);
    }

    /** Only a length threshold: repeated texts count, a day's posts are not capped, no gap after the check-in. */
    public QualitySettings(int minVisibleCharacters) {
        this(minVisibleCharacters, false, 0, 0);
    }
}
