package org.planetrewards.model;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sentence a rule means, not its words: a message key and the named values it fills in. The words are
 * in the rule pack's message files ({@code messages/en.properties}, {@code messages/zh-CN.properties}...),
 * one per language, so an admin edits a sentence or adds a language without touching a rule or Java.
 * A rule writes {@code Text.of("quality.too-short", "length", $length, "min", $min)}; the file holds
 * {@code quality.too-short = has {length} non-whitespace characters...}.
 *
 * @param key  the message key: lower-case words, digits, dots and hyphens
 * @param args the values, by placeholder name, in the order the rule gave them: strings, whole numbers,
 *             dates ({@code 2026-03-01}), times of day and booleans, shown the same in every language
 */
public record Text(String key, Map<String, Object> args) {
    public Text {
        Objects.requireNonNull(key, "key");
        if (!isKey(key)) {
            throw new IllegalArgumentException("a message key is lower-case letters, digits, dots and hyphens, not \"" + key + "\"");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        args.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "name"), checked(name, value)));
        args = Collections.unmodifiableMap(copy);
    }

    /**
     * The sentence {@code key} with {@code namesAndValues} as name, value, name, value...
     *
     * @throws IllegalArgumentException when a name is not a string, a name repeats, or a value is not one
     *                                  of the kinds a message shows
     */
    public static Text of(String key, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("message " + key + ": names and values come in pairs, found "
                    + namesAndValues.length + " items");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("message " + key + ": item " + (i + 1) + " must be a placeholder name in quotes");
            }
            if (args.put(name, namesAndValues[i + 1]) != null) {
                throw new IllegalArgumentException("message " + key + ": placeholder " + name + " is given twice");
            }
        }
        return new Text(key, args);
    }

    /**
     * Whether {@code key} is lower-case letters, digits, dots and hyphens, starting with a letter or digit:
     * the pattern {@code [a-z0-9][a-z0-9.\-]*}, checked by hand because rules make a Text per quality
     * problem they find, and {@code String.matches} compiles its pattern on every call.
     */
    private static boolean isKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!letterOrDigit && (i == 0 || c != '.' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    private static Object checked(String name, Object value) {
        // Only values that print the same on every machine and in every language, and cheaply.
        if (value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof Boolean || value instanceof LocalDate || value instanceof LocalTime) {
            return value;
        }
        if (value instanceof List<?> list) {
            list.forEach(v -> checked(name, v));
            return List.copyOf(list);
        }
        throw new IllegalArgumentException("placeholder " + name + ": a message shows text, whole numbers, dates, times "
                + "and lists of them, not " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
