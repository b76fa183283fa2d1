package org.planetrewards.model;

import java.util.Locale;

/** What a moderator did to a post. */
public enum ModerationAction {
    /** Marked featured (精华): the post is high quality whatever the automatic checks say. */
    FEATURE,
    /** Rejected as low quality or deleted: the post is not high quality. */
    REJECT,
    /** Back to the automatic judgement. */
    RESTORE;

    /** The word used in fact histories: {@code feature}, {@code reject}, {@code restore}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action for a history word, or {@code null} when the word names none. */
    public static ModerationAction fromWord(String word) {
        for (ModerationAction a : values()) {
            if (a.word().equals(word)) {
                return a;
            }
        }
        return null;
    }
}
