package org.planetrewards;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.planetrewards.model.ModerationAction;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a history line of the usual shape straight from the parser's tokens into its fact: an object of
 * string fields (and arrays of strings for {@code tags} and {@code links}) that passes every check. Reading
 * each line into a JSON tree first was a third of the reading thread's time on a dense history, and most of
 * its allocation.
 *
 * <p>It is a shortcut, not a second definition: anything it is not sure of (a syntax error, a duplicate key,
 * a null, a number, a value over a limit, a timestamp in another spelling, a key of another fact type) makes
 * it answer null before it reports anything, and the reader then reads the line as a tree
 * ({@code HistoryReader.parseTree}), which says what the line means or what is wrong with it. So a line it
 * reads gives the same fact and the same unknown keys, in the same order, as the tree; the tests read every
 * line both ways.
 */
final class UsualLine {
    private UsualLine() {
    }

    private static final int TYPE = 1;
    private static final int ID = 1 << 1;
    private static final int MEMBER = 1 << 2;
    private static final int AT = 1 << 3;
    private static final int TEXT = 1 << 4;
    private static final int TAGS = 1 << 5;
    private static final int LINKS = 1 << 6;
    private static final int EDITED_AT = 1 << 7;
    private static final int POST = 1 << 8;
    private static final int ACTION = 1 << 9;

    private static final int CHECKIN_KEYS = TYPE | MEMBER | AT;
    private static final int POST_KEYS = TYPE | ID | MEMBER | AT | TEXT | TAGS | LINKS | EDITED_AT;
    private static final int POST_REQUIRED = TYPE | ID | MEMBER | AT | TEXT;
    private static final int MODERATION_KEYS = TYPE | POST | ACTION | AT;

    /**
     * The fact of a line of the usual shape, with its unknown keys handed to {@code unknownKey} in the order
     * they appear; null, with nothing reported, for any other line.
     */
    /**
     * The tree's parser settings but for duplicate keys, which the shortcut finds itself: the parser's own check
     * makes a set of names for each object, a tenth of the shortcut's time. So a value that is an object or an
     * array of unknown keys is left to the tree.
     */
    static JsonFactory factory(StreamReadConstraints constraints) {
        return JsonFactory.builder().streamReadConstraints(constraints).build();
    }

    static Fact parse(JsonFactory json, String line, HistoryReader.Limits limits, Consumer<String> unknownKey) {
        try (JsonParser p = json.createParser(line)) {
            return parse(p, true, limits, unknownKey);
        } catch (IOException | InvalidInputException e) {
            return null; // the tree says what it is
        }
    }

    /**
     * The same from a line's UTF-8 bytes, already known to be valid. The caller makes sure that the line starts
     * with {@code {} and a byte that is not 0, so that the parser cannot take it for UTF-16 or UTF-32.
     */
    static Fact parse(JsonFactory json, byte[] line, int length, boolean escapes, HistoryReader.Limits limits,
                      Consumer<String> unknownKey) {
        try (JsonParser p = json.createParser(line, 0, length)) {
            return parse(p, escapes, limits, unknownKey);
        } catch (IOException | InvalidInputException e) {
            return null;
        }
    }

    /**
     * @param escapes false when no backslash of the line is followed by a {@code u}: then no string can hold a lone
     *                surrogate (UTF-8 cannot
     *                encode one), and the text, tags and links need not be searched for one
     */
    private static Fact parse(JsonParser p, boolean escapes, HistoryReader.Limits limits, Consumer<String> unknownKey)
            throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        int seen = 0;
        String type = null;
        String id = null;
        String member = null;
        OffsetDateTime at = null;
        String text = null;
        OffsetDateTime editedAt = null;
        String post = null;
        String action = null;
        List<String> tags = List.of();
        List<String> links = List.of();
        List<String> unknown = null;
        for (String name; (name = p.nextFieldName()) != null; ) {
            JsonToken value = p.nextToken();
            int key = switch (name) {
                case "type" -> TYPE;
                case "id" -> ID;
                case "member" -> MEMBER;
                case "at" -> AT;
                case "text" -> TEXT;
                case "tags" -> TAGS;
                case "links" -> LINKS;
                case "editedAt" -> EDITED_AT;
                case "post" -> POST;
                case "action" -> ACTION;
                default -> 0;
            };
            if (key == 0) {
                if (unknown == null) {
                    unknown = new ArrayList<>(2);
                } else if (unknown.contains(name)) {
                    return null; // a duplicate key
                }
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    return null; // keys inside are not checked for duplicates here
                }
                unknown.add(name);
                continue;
            }
            if ((seen & key) != 0) {
                return null; // a duplicate key
            }
            seen |= key;
            if (key == TAGS || key == LINKS) {
                List<String> strings = strings(p, value, key == TAGS ? limits.maxTags() : limits.maxLinks());
                if (strings == null) {
                    return null;
                }
                if (key == TAGS) {
                    tags = strings;
                } else {
                    links = strings;
                }
                continue;
            }
            if (value != JsonToken.VALUE_STRING) {
                return null;
            }
            if (key == AT || key == EDITED_AT) { // read in the parser's buffer: no String for each timestamp
                OffsetDateTime t = time(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), limits);
                if (t == null) {
                    return null;
                }
                if (key == AT) {
                    at = t;
                } else {
                    editedAt = t;
                }
                continue;
            }
            String s = p.getText();
            switch (key) {
                case TYPE -> type = s;
                case ID -> id = s;
                case MEMBER -> member = s;
                case TEXT -> text = s;
                case POST -> post = s;
                default -> action = s;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || type == null) {
            return null;
        }
        Fact fact = switch (type) {
            case "checkin" -> seen != CHECKIN_KEYS ? null : checkIn(member, at, limits);
            case "post" -> (seen & ~POST_KEYS) != 0 || (seen & POST_REQUIRED) != POST_REQUIRED ? null
                    : post(id, member, at, text, tags, links, editedAt, escapes, limits);
            case "moderation" -> seen != MODERATION_KEYS ? null
                    : moderation(post, action, at, limits);
            default -> null;
        };
        if (fact != null && unknown != null) {
            unknown.forEach(unknownKey);
        }
        return fact;
    }

    private static CheckIn checkIn(String member, OffsetDateTime at, HistoryReader.Limits limits) {
        HistoryReader.Fields.checkId("checkin", "member", member, limits);
        return new CheckIn(member, at);
    }

    private static Post post(String id, String member, OffsetDateTime at, String text, List<String> tags,
                             List<String> links, OffsetDateTime editedAt, boolean escapes, HistoryReader.Limits limits) {
        HistoryReader.Fields.checkId("post", "id", id, limits);
        HistoryReader.Fields.checkId("post", "member", member, limits);
        if (text.length() > limits.maxTextLength()) {
            return null;
        }
        for (int i = 0; i < tags.size(); i++) { // indexed: no iterator per post
            if (tags.get(i).length() > limits.maxTagLength()) {
                return null;
            }
        }
        if (escapes) {
            HistoryReader.Fields.unicode("", text);
            tags.forEach(tag -> HistoryReader.Fields.unicode("", tag));
            links.forEach(link -> HistoryReader.Fields.unicode("", link));
        }
        return new Post(id, member, at, text, tags, links, editedAt);
    }

    private static Moderation moderation(String post, String action, OffsetDateTime at, HistoryReader.Limits limits) {
        HistoryReader.Fields.checkId("moderation", "post", post, limits);
        ModerationAction a = ModerationAction.fromWord(action);
        return a == null ? null : new Moderation(post, a, at);
    }

    /** An array of at most {@code max} strings, or null for anything else. */
    private static List<String> strings(JsonParser p, JsonToken value, int max) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            return null;
        }
        String[] out = new String[4];
        int n = 0;
        for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
            if (t != JsonToken.VALUE_STRING || n == max) {
                return null;
            }
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = p.getText();
        }
        return n == 0 ? List.of() : List.of(java.util.Arrays.copyOf(out, n)); // Post keeps an immutable list as it is
    }

    /** A timestamp in the usual spelling within the limits, or null. */
    private static OffsetDateTime time(char[] s, int from, int length, HistoryReader.Limits limits) {
        OffsetDateTime t = Timestamps.parseUsual(s, from, length);
        if (t == null) {
            return null;
        }
        return before(t, limits.earliest()) || !before(t, limits.latest()) ? null : t;
    }

    /** {@code t.toInstant().isBefore(limit)}, without an Instant per timestamp. */
    private static boolean before(OffsetDateTime t, Instant limit) {
        long s = t.toEpochSecond();
        return s < limit.getEpochSecond() || s == limit.getEpochSecond() && t.getNano() < limit.getNano();
    }
}
