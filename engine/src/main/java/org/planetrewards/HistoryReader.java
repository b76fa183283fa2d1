package org.planetrewards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.planetrewards.model.ModerationAction;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a fact history (JSON Lines, SPEC §2) one line at a time, so a file of any size streams
 * through in constant memory. Every problem is an {@link InvalidInputException} naming the file and
 * the line: {@code history.jsonl:37: post is missing "text"}.
 *
 * <pre>{@code
 * try (HistoryReader history = HistoryReader.open(path)) {
 *     for (Fact fact; (fact = history.next()) != null; ) { ... }
 * }
 * }</pre>
 */
public final class HistoryReader implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final BufferedReader in;
    private long lineNumber;

    private HistoryReader(String source, BufferedReader in) {
        this.source = source;
        this.in = in;
    }

    /** Opens a history file; the file's name is what error messages show. */
    public static HistoryReader open(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Reader reader = new java.io.InputStreamReader(Files.newInputStream(file), decoder);
        return new HistoryReader(file.getFileName().toString(), new BufferedReader(reader, 1 << 16));
    }

    /** Reads from any reader; {@code source} is the name error messages show. */
    public static HistoryReader of(String source, Reader reader) {
        return new HistoryReader(source, reader instanceof BufferedReader b ? b : new BufferedReader(reader));
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
     * The next fact, or {@code null} at the end. Blank lines are skipped.
     *
     * @throws InvalidInputException for a line that is not a valid fact
     */
    public Fact next() {
        while (true) {
            String line;
            try {
                line = in.readLine();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new InvalidInputException(source, lineNumber + 1, "not valid UTF-8");
            } catch (IOException e) {
                throw new UncheckedIOException(source + ":" + (lineNumber + 1) + ": " + e.getMessage(), e);
            }
            if (line == null) {
                return null;
            }
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                return parseLine(line);
            } catch (InvalidInputException e) {
                throw e.at(source, lineNumber);
            }
        }
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
     * Parses one JSON line into a fact.
     *
     * @throws InvalidInputException without a location when the line is not a valid fact
     */
    public static Fact parseLine(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("invalid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new InvalidInputException("expected a JSON object with a \"type\"");
        }
        JsonNode type = obj.get("type");
        if (type == null || type.isNull()) {
            throw new InvalidInputException("line is missing \"type\"");
        }
        if (!type.isTextual()) {
            throw new InvalidInputException("\"type\" must be a string, found " + type);
        }
        return switch (type.textValue()) {
            case "checkin" -> new CheckIn(text(obj, "checkin", "member"), time(obj, "checkin", "at"));
            case "post" -> new Post(text(obj, "post", "id"), text(obj, "post", "member"),
                    time(obj, "post", "at"), rawText(obj), strings(obj, "tags"), strings(obj, "links"),
                    optionalTime(obj, "post", "editedAt"));
            case "moderation" -> new Moderation(text(obj, "moderation", "post"), action(obj),
                    time(obj, "moderation", "at"));
            default -> throw new InvalidInputException("unknown type \"" + type.textValue()
                    + "\" (expected checkin, post or moderation)");
        };
    }

    private static JsonNode required(ObjectNode obj, String type, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(type + " is missing \"" + field + "\"");
        }
        return v;
    }

    private static String text(ObjectNode obj, String type, String field) {
        JsonNode v = required(obj, type, field);
        if (!v.isTextual()) {
            throw new InvalidInputException(type + " \"" + field + "\" must be a string, found " + v);
        }
        if (v.textValue().isEmpty()) {
            throw new InvalidInputException(type + " \"" + field + "\" is empty");
        }
        return v.textValue();
    }

    private static String rawText(ObjectNode obj) {
        JsonNode v = required(obj, "post", "text");
        if (!v.isTextual()) {
            throw new InvalidInputException("post \"text\" must be a string, found " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return v.textValue();
    }

    private static List<String> strings(ObjectNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidInputException("post \"" + field + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new InvalidInputException("post \"" + field + "\" must be an array of strings, found " + e);
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static ModerationAction action(ObjectNode obj) {
        JsonNode v = required(obj, "moderation", "action");
        ModerationAction a = v.isTextual() ? ModerationAction.fromWord(v.textValue()) : null;
        if (a == null) {
            throw new InvalidInputException("unknown moderation action " + v + " (expected feature, reject or restore)");
        }
        return a;
    }

    private static OffsetDateTime time(ObjectNode obj, String type, String field) {
        return timestamp(type, field, required(obj, type, field));
    }

    private static OffsetDateTime optionalTime(ObjectNode obj, String type, String field) {
        JsonNode v = obj.get(field);
        return v == null || v.isNull() ? null : timestamp(type, field, v);
    }

    private static OffsetDateTime timestamp(String type, String field, JsonNode v) {
        if (!v.isTextual()) {
            throw new InvalidInputException(type + " \"" + field + "\" must be a timestamp string, found " + v);
        }
        String s = v.textValue();
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                throw new InvalidInputException(type + " \"" + field + "\" has no offset: \"" + s
                        + "\" (write it like 2026-03-01T21:05:00+08:00 or with Z)");
            } catch (DateTimeParseException notLocalEither) {
                throw new InvalidInputException(type + " \"" + field + "\" is not an ISO-8601 timestamp: \"" + s + "\"");
            }
        }
    }
}
