package org.planetrewards;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.planetrewards.model.ModerationAction;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a fact history (JSON Lines, see docs/history-format.md) one line at a time, so a file of any size streams
 * through in constant memory. Every problem is an {@link InvalidInputException} naming the file and
 * the line: {@code history.jsonl:37: post is missing "text"}.
 *
 * <pre>{@code
 * try (HistoryReader history = HistoryReader.open(path)) {
 *     for (Fact fact; (fact = history.next()) != null; ) { ... }
 * }
 * }</pre>
 *
 * <p><b>Strict or lenient.</b> By default the first bad line stops the reader: {@link #next()} throws,
 * and {@link RewardsEngine#replay} applies nothing after it. After {@link #skipInvalid}, a bad line is
 * handed to a callback as a {@link Rejected} (line number, reason, text) and reading goes on with the
 * next line; {@link RewardsEngine#replay} does the same with a line the engine refuses (a post id of
 * another member), so every other line is applied.
 *
 * <p><b>Unknown keys.</b> A key a fact type does not define is ignored, so that producers can add
 * fields; but a typo ({@code "link"} for {@code "links"}) silently changes what a post is worth. The
 * reader counts every unknown key with the first line it appeared on ({@link #unknownKeys()}), so
 * that a host can say so.
 *
 * <p><b>Limits.</b> A history is input from outside: {@link Limits} bounds what one line can make the
 * engine hold (line length, text size, tags and links per post, id length, the range of timestamps)
 * and refuses ids with control characters. A line over a limit is invalid input like any other.
 */
public final class HistoryReader implements Closeable {
    /** A fact is two levels deep; deeper nesting is garbage, refused before it costs stack. */
    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder().maxNestingDepth(32).build();
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            // Two values for one field: which one would count? Refused, not guessed.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(CONSTRAINTS)
            .build())
            // "{...} junk" or two objects on one line are not one JSON value.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * What one history line may hold. The defaults are far above what a real community writes and
     * far below what would hurt the engine; change one with its {@code with...} method:
     * {@code HistoryReader.Limits.DEFAULT.withMaxTextLength(50_000)}.
     *
     * <p>The timestamp range is absolute, not relative to the wall clock, so that a history replays
     * the same way on any day: a window like "no more than a year from now" would make a replay in
     * 2030 refuse lines that a replay in 2026 accepted, and output must depend on the input alone.
     *
     * @param maxLineLength the longest line read: in UTF-8 bytes from a file or stream, in chars from a
     *                      {@link Reader}; a longer line is skipped to its end without being held
     *                      whole (default 65,536)
     * @param maxTextLength the longest post {@code text}, in chars (default 20,000)
     * @param maxTags       the most {@code tags} of one post (default 32)
     * @param maxLinks      the most {@code links} of one post (default 32)
     * @param maxTagLength  the longest tag, in chars (default 100): tags are kept in the engine's state
     * @param maxIdLength   the longest member or post id, in chars (default 128)
     * @param earliest      the earliest {@code at} or {@code editedAt} accepted (default 2000-01-01T00:00Z)
     * @param latest        the first instant no longer accepted (default 2100-01-01T00:00Z)
     */
    public record Limits(int maxLineLength, int maxTextLength, int maxTags, int maxLinks, int maxTagLength,
                         int maxIdLength, Instant earliest, Instant latest) {
        /** The defaults listed above. */
        public static final Limits DEFAULT = new Limits(64 * 1024, 20_000, 32, 32, 100, 128,
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"));

        public Limits {
            positive("maxLineLength", maxLineLength);
            positive("maxTextLength", maxTextLength);
            positive("maxTags", maxTags);
            positive("maxLinks", maxLinks);
            positive("maxTagLength", maxTagLength);
            positive("maxIdLength", maxIdLength);
            java.util.Objects.requireNonNull(earliest, "earliest");
            java.util.Objects.requireNonNull(latest, "latest");
            if (!earliest.isBefore(latest)) {
                throw new IllegalArgumentException("earliest (" + earliest + ") must be before latest (" + latest + ")");
            }
        }

        private static void positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, not " + value);
            }
        }

        /**
         * Checks a fact handed to the engine as an object (not parsed from a line) against these limits,
         * with the same messages a history line gets.
         *
         * @throws InvalidInputException naming the field that is out of bounds
         */
        public void check(Fact fact) {
            if (fact instanceof CheckIn c) {
                Fields.checkId("checkin", "member", c.member(), this);
            } else if (fact instanceof Post p) {
                Fields.checkId("post", "id", p.id(), this);
                Fields.checkId("post", "member", p.member(), this);
                if (p.text().length() > maxTextLength) {
                    throw new InvalidInputException("post \"text\" is " + p.text().length()
                            + " characters long; the limit is " + maxTextLength);
                }
                Fields.unicode("post \"text\"", p.text());
                if (p.tags().size() > maxTags) {
                    throw new InvalidInputException("post has " + p.tags().size() + " tags; the limit is " + maxTags);
                }
                if (p.links().size() > maxLinks) {
                    throw new InvalidInputException("post has " + p.links().size() + " links; the limit is " + maxLinks);
                }
                for (String tag : p.tags()) {
                    if (tag.length() > maxTagLength) {
                        throw new InvalidInputException("post \"tags\" holds one " + tag.length()
                                + " characters long; the limit is " + maxTagLength);
                    }
                }
                if (p.editedAt() != null) {
                    inRange("post", "editedAt", p.editedAt());
                }
            } else if (fact instanceof Moderation m) {
                Fields.checkId("moderation", "post", m.post(), this);
            }
            inRange(fact instanceof CheckIn ? "checkin" : fact instanceof Post ? "post" : "moderation", "at", fact.at());
        }

        private void inRange(String type, String field, java.time.OffsetDateTime t) {
            Instant i = t.toInstant();
            if (i.isBefore(earliest) || !i.isBefore(latest)) {
                throw new InvalidInputException(type + " \"" + field + "\" is " + t + ", outside the accepted range "
                        + earliest + " to " + latest);
            }
        }

        public Limits withMaxLineLength(int v) {
            return new Limits(v, maxTextLength, maxTags, maxLinks, maxTagLength, maxIdLength, earliest, latest);
        }

        public Limits withMaxTextLength(int v) {
            return new Limits(maxLineLength, v, maxTags, maxLinks, maxTagLength, maxIdLength, earliest, latest);
        }

        public Limits withMaxTags(int v) {
            return new Limits(maxLineLength, maxTextLength, v, maxLinks, maxTagLength, maxIdLength, earliest, latest);
        }

        public Limits withMaxLinks(int v) {
            return new Limits(maxLineLength, maxTextLength, maxTags, v, maxTagLength, maxIdLength, earliest, latest);
        }

        public Limits withMaxTagLength(int v) {
            return new Limits(maxLineLength, maxTextLength, maxTags, maxLinks, v, maxIdLength, earliest, latest);
        }

        public Limits withMaxIdLength(int v) {
            return new Limits(maxLineLength, maxTextLength, maxTags, maxLinks, maxTagLength, v, earliest, latest);
        }

        /** Accepts timestamps from {@code earliest} (inclusive) to {@code latest} (exclusive). */
        public Limits withTimeRange(Instant earliest, Instant latest) {
            return new Limits(maxLineLength, maxTextLength, maxTags, maxLinks, maxTagLength, maxIdLength, earliest, latest);
        }
    }

    /**
     * A line skipped in lenient mode ({@link #skipInvalid}).
     *
     * @param line   its 1-based line number
     * @param reason what is wrong with it, without the location
     * @param input  the line's text, or {@code null} when it was not read (too long, or not UTF-8)
     */
    public record Rejected(String source, long line, String reason, String input) {
    }

    private final String source;
    private final LineSource in;
    private final Limits limits;
    private long lineNumber;
    /** The line last read, for {@link Rejected#input}: decoded only when a line is rejected. */
    private LineSource.Line current;
    private java.util.function.Consumer<? super Rejected> onRejected;
    private long rejected;
    private final java.util.Map<String, UnknownKey> unknownKeys = new java.util.LinkedHashMap<>();
    private final java.util.function.Consumer<String> onUnknownKey = this::unknownKey;

    /**
     * A key that a line's fact type does not define, ignored when the line was read.
     *
     * @param key       the key as written
     * @param count     on how many lines it appeared
     * @param firstLine the 1-based number of the first of them
     */
    public record UnknownKey(String key, long count, long firstLine) {
    }

    private HistoryReader(String source, LineSource in, Limits limits) {
        this.source = source;
        this.in = in;
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    /** Opens a history file; the file's name is what error messages show. */
    public static HistoryReader open(Path file) throws IOException {
        return open(file, Limits.DEFAULT);
    }

    /** Opens a history file with other {@link Limits}. */
    public static HistoryReader open(Path file, Limits limits) throws IOException {
        return of(file.getFileName().toString(), Files.newInputStream(file), limits);
    }

    /**
     * Reads UTF-8 bytes from any stream; {@code source} is the name error messages show. A line that is
     * not valid UTF-8 is a bad line like any other (the lines after it read normally).
     */
    public static HistoryReader of(String source, InputStream in, Limits limits) {
        return new HistoryReader(source, LineSource.of(in, limits.maxLineLength()), limits);
    }

    /** Reads from any reader; {@code source} is the name error messages show. */
    public static HistoryReader of(String source, Reader reader) {
        return of(source, reader, Limits.DEFAULT);
    }

    /**
     * Reads from any reader with other {@link Limits}. A reader that decodes strictly and meets bytes
     * that are not UTF-8 cannot go on, nor say where they were (it decodes ahead): that is reported at
     * the line being read, possibly before the bad one, and ends the history even in lenient mode.
     * Read bytes ({@link #open(Path)}, {@link #of(String, InputStream, Limits)}) to have such a line
     * named exactly and skipped.
     */
    public static HistoryReader of(String source, Reader reader, Limits limits) {
        return new HistoryReader(source, LineSource.of(reader, limits.maxLineLength()), limits);
    }

    /**
     * Lenient mode: from now on a bad line does not stop the history. It goes to {@code onRejected}
     * and {@link #next()} goes on with the next line.
     *
     * @return this reader
     */
    public HistoryReader skipInvalid(java.util.function.Consumer<? super Rejected> onRejected) {
        this.onRejected = java.util.Objects.requireNonNull(onRejected, "onRejected");
        return this;
    }

    /** How many lines were skipped as invalid (lenient mode), so far. */
    public long rejectedCount() {
        return rejected;
    }

    /** The unknown keys read so far, in the order they first appeared. */
    public List<UnknownKey> unknownKeys() {
        return List.copyOf(unknownKeys.values());
    }

    /** The limits this reader enforces. */
    public Limits limits() {
        return limits;
    }

    /** The name error messages show for this history. */
    public String source() {
        return source;
    }

    /** The line number of the fact last returned by {@link #next()}. */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * The next fact, or {@code null} at the end. Blank lines are skipped; so are bad lines in lenient mode.
     *
     * @throws InvalidInputException for a line that is not a valid fact (strict mode)
     */
    public Fact next() {
        while (true) {
            LineSource.Line next;
            try {
                next = in.next();
            } catch (java.nio.charset.CharacterCodingException e) {
                // From a strict decoding Reader: it decodes ahead and drops what it decoded, so neither the
                // exact line nor a way to go on is known; this ends the history.
                throw new InvalidInputException(source, lineNumber + 1, "not valid UTF-8 at or after this line"
                        + " (read the file as bytes to find the line and skip it)");
            } catch (IOException e) {
                throw new UncheckedIOException(source + ":" + (lineNumber + 1) + ": " + e.getMessage(), e);
            }
            if (next == null) {
                current = null;
                return null;
            }
            lineNumber++;
            current = next;
            byte[] bytes = next.bytes();
            // A line of bytes that opens an object is handed to the parser as it is: no String of the whole line
            // is made unless the shortcut leaves the line to the tree (or the line is rejected later).
            if (bytes != null && next.length() > 1 && bytes[0] == '{' && bytes[1] != 0) {
                Fact usual = UsualLine.parse(USUAL, bytes, next.length(), next.escapes(), limits, onUnknownKey);
                if (usual != null) {
                    return usual;
                }
            }
            String line = next.text();
            if (line == null) {
                reject(new InvalidInputException(source, lineNumber, next.problem()));
                continue;
            }
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                return parseLine(line, limits, onUnknownKey);
            } catch (InvalidInputException e) {
                reject(e.at(source, lineNumber));
            }
        }
    }

    /**
     * A bad line, already located: thrown in strict mode, handed to the callback in lenient mode.
     * The engine's replay calls this for a line it refuses, so that both modes cover those too.
     */
    void reject(InvalidInputException located) {
        if (onRejected == null) {
            throw located;
        }
        rejected++;
        onRejected.accept(new Rejected(source, located.line(), located.problem(), current == null ? null : current.text()));
    }

    private void unknownKey(String key) {
        UnknownKey seen = unknownKeys.get(key);
        unknownKeys.put(key, seen == null ? new UnknownKey(key, 1, lineNumber) : new UnknownKey(key, seen.count() + 1, seen.firstLine()));
    }

    /** Reads every remaining fact; for small histories and tests. */
    public List<Fact> readAll() {
        List<Fact> facts = new ArrayList<>();
        for (Fact f; (f = next()) != null; ) {
            facts.add(f);
        }
        return facts;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Parses one JSON line into a fact, within the {@link Limits#DEFAULT default limits}.
     *
     * @throws InvalidInputException without a location when the line is not a valid fact
     */
    public static Fact parseLine(String line) {
        return parseLine(line, Limits.DEFAULT);
    }

    /**
     * Parses one JSON line into a fact within {@code limits} (all but the line length, which is for readers).
     *
     * @throws InvalidInputException without a location when the line is not a valid fact
     */
    public static Fact parseLine(String line, Limits limits) {
        return parseLine(line, limits, key -> { });
    }

    /** The keys each fact type defines; any other key is ignored and reported. */
    private static final java.util.Set<String> CHECKIN_KEYS = java.util.Set.of("type", "member", "at");
    private static final java.util.Set<String> POST_KEYS =
            java.util.Set.of("type", "id", "member", "at", "text", "tags", "links", "editedAt");
    private static final java.util.Set<String> MODERATION_KEYS = java.util.Set.of("type", "post", "action", "at");

    private static Fact parseLine(String line, Limits limits, java.util.function.Consumer<String> unknownKey) {
        Fact usual = UsualLine.parse(USUAL, line, limits, unknownKey);
        return usual != null ? usual : parseTree(line, limits, unknownKey);
    }

    /**
     * The definition of what a line means and of every message about a bad one: the line read whole into a
     * JSON tree, then checked field by field. Every line that {@link UsualLine} does not read goes here.
     */
    static Fact parseTree(String line, Limits limits, java.util.function.Consumer<String> unknownKey) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            String why = withoutSource(e.getOriginalMessage());
            if (why != null && why.startsWith("Trailing token")) {
                why = "more after the end of the object";
            }
            throw new InvalidInputException("invalid JSON: " + why);
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new InvalidInputException("expected a JSON object with a \"type\"");
        }
        JsonNode type = obj.get("type");
        if (type == null || type.isNull()) {
            throw new InvalidInputException("line is missing \"type\"");
        }
        if (!type.isTextual()) {
            throw new InvalidInputException("\"type\" must be a string, found " + shown(type));
        }
        Fields f = new Fields(obj, limits);
        java.util.Set<String> known = switch (type.textValue()) {
            case "checkin" -> CHECKIN_KEYS;
            case "post" -> POST_KEYS;
            case "moderation" -> MODERATION_KEYS;
            default -> null;
        };
        if (known != null && obj.size() > 1) {
            for (java.util.Iterator<String> names = obj.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    unknownKey.accept(name);
                }
            }
        }
        return switch (type.textValue()) {
            case "checkin" -> new CheckIn(f.id("checkin", "member"), f.time("checkin", "at"));
            case "post" -> new Post(f.id("post", "id"), f.id("post", "member"),
                    f.time("post", "at"), f.text(), f.strings("tags", limits.maxTags(), limits.maxTagLength()),
                    f.strings("links", limits.maxLinks(), Integer.MAX_VALUE), f.optionalTime("post", "editedAt"));
            case "moderation" -> new Moderation(f.id("moderation", "post"), f.action(), f.time("moderation", "at"));
            default -> throw new InvalidInputException("unknown type " + shown(type)
                    + " (expected checkin, post or moderation)");
        };
    }

    private static final JsonFactory USUAL = UsualLine.factory(CONSTRAINTS);

    /** The parser settings of {@link UsualLine}. */
    static JsonFactory jsonFactory() {
        return USUAL;
    }

    /**
     * A JSON parser's message without the parser's own location ({@code [Source: REDACTED ...; line: 1,
     * column: 12]}): the reader names file and line itself, and the rest is the library talking.
     */
    static String withoutSource(String message) {
        return message == null ? "unreadable" : message.replaceAll(
                "\\[Source: [^\\]]*?; line: \\d+, column: (\\d+)\\]", "column $1");
    }

    /** A value as error messages show it: JSON, cut short when long. */
    private static String shown(JsonNode v) {
        String s = v.toString();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Reads and checks the fields of one line. */
    record Fields(ObjectNode obj, Limits limits) {
        private JsonNode required(String type, String field) {
            JsonNode v = obj.get(field);
            if (v == null || v.isNull()) {
                throw new InvalidInputException(type + " is missing \"" + field + "\"");
            }
            return v;
        }

        /** A member or post id: a non-empty string, not too long, of visible characters. */
        String id(String type, String field) {
            JsonNode v = required(type, field);
            if (!v.isTextual()) {
                throw new InvalidInputException(type + " \"" + field + "\" must be a string, found " + shown(v));
            }
            return checkId(type, field, v.textValue(), limits);
        }

        /** The checks {@link #id} makes on a member or post id, for ids parsed or handed in as objects. */
        static String checkId(String type, String field, String s, Limits limits) {
            if (s.isEmpty()) {
                throw new InvalidInputException(type + " \"" + field + "\" is empty");
            }
            if (s.length() > limits.maxIdLength()) {
                throw new InvalidInputException(type + " \"" + field + "\" is " + s.length()
                        + " characters long; the limit is " + limits.maxIdLength());
            }
            boolean printableAscii = true;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x7F) { // the usual id: no ASCII character but these is a control or format one
                    continue;
                }
                printableAscii = false;
                int kind = Character.getType(c);
                if (kind == Character.CONTROL || kind == Character.FORMAT || kind == Character.LINE_SEPARATOR
                        || kind == Character.PARAGRAPH_SEPARATOR) {
                    throw new InvalidInputException(type + " \"" + field + "\" contains the control character "
                            + String.format(java.util.Locale.ROOT, "U+%04X", (int) c) + " at position " + (i + 1));
                }
            }
            if (!printableAscii) {
                unicode(type + " \"" + field + "\"", s);
            }
            return s;
        }

        String text() {
            JsonNode v = required("post", "text");
            if (!v.isTextual()) {
                throw new InvalidInputException("post \"text\" must be a string, found "
                        + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            String s = v.textValue();
            if (s.length() > limits.maxTextLength()) {
                throw new InvalidInputException("post \"text\" is " + s.length() + " characters long; the limit is "
                        + limits.maxTextLength());
            }
            unicode("post \"text\"", s);
            return s;
        }

        List<String> strings(String field, int maxCount, int maxLength) {
            JsonNode v = obj.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw new InvalidInputException("post \"" + field + "\" must be an array of strings");
            }
            if (v.size() > maxCount) {
                throw new InvalidInputException("post has " + v.size() + " " + field + "; the limit is " + maxCount);
            }
            List<String> out = new ArrayList<>(v.size());
            for (JsonNode e : v) {
                if (!e.isTextual()) {
                    throw new InvalidInputException("post \"" + field + "\" must be an array of strings, found " + shown(e));
                }
                String s = e.textValue();
                if (s.length() > maxLength) {
                    throw new InvalidInputException("post \"" + field + "\" holds one " + s.length()
                            + " characters long; the limit is " + maxLength);
                }
                unicode("post \"" + field + "\"", s);
                out.add(s);
            }
            return out;
        }

        ModerationAction action() {
            JsonNode v = required("moderation", "action");
            ModerationAction a = v.isTextual() ? ModerationAction.fromWord(v.textValue()) : null;
            if (a == null) {
                throw new InvalidInputException("unknown moderation action " + shown(v) + " (expected feature, reject or restore)");
            }
            return a;
        }

        OffsetDateTime time(String type, String field) {
            return timestamp(type, field, required(type, field));
        }

        OffsetDateTime optionalTime(String type, String field) {
            JsonNode v = obj.get(field);
            return v == null || v.isNull() ? null : timestamp(type, field, v);
        }

        private OffsetDateTime timestamp(String type, String field, JsonNode v) {
            if (!v.isTextual()) {
                throw new InvalidInputException(type + " \"" + field + "\" must be a timestamp string, found " + shown(v));
            }
            String s = v.textValue();
            OffsetDateTime t = Timestamps.parseUsual(s);
            try {
                if (t == null) {
                    t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                }
            } catch (DateTimeParseException e) {
                try {
                    LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                    throw new InvalidInputException(type + " \"" + field + "\" has no offset: " + shown(v)
                            + " (write it like 2026-03-01T21:05:00+08:00 or with Z)");
                } catch (DateTimeParseException notLocalEither) {
                    throw new InvalidInputException(type + " \"" + field + "\" is not an ISO-8601 timestamp: " + shown(v));
                }
            }
            Instant i = t.toInstant();
            if (i.isBefore(limits.earliest()) || !i.isBefore(limits.latest())) {
                throw new InvalidInputException(type + " \"" + field + "\" is " + s + ", outside the accepted range "
                        + limits.earliest() + " to " + limits.latest());
            }
            return t;
        }

        /** Refuses a lone surrogate: not a character, and not writable as UTF-8 (snapshots, decisions). */
        static void unicode(String what, String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new InvalidInputException(what + " is not valid Unicode: a lone surrogate "
                            + String.format(java.util.Locale.ROOT, "U+%04X", (int) c) + " at position " + (i + 1));
                }
            }
        }
    }
}
