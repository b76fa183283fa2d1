package org.planetrewards.model;

import java.util.Locale;

/** How a post's raw tag is reduced to a word that {@link Tag#isSpelledAs(String)} compares. */
public final class TagWords {
    private TagWords() {
    }

    /** Trims whitespace, strips {@code #}, {@code 【} and {@code 】} around the word, lower-cases it. */
    public static String normalise(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && isDecoration(raw.charAt(start))) {
            start++;
        }
        while (end > start && isDecoration(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static boolean isDecoration(char c) {
        return Character.isWhitespace(c) || c == '#' || c == '【' || c == '】';
    }
}
