package org.planetrewards.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.InvalidInputException;
import org.planetrewards.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One scenario file ({@code NAME.scenario.jsonl}; the format for users is docs/scenario-format.md): a
 * header line, the facts given (history lines, docs/history-format.md), and the decisions expected,
 * each a JSON line:
 *
 * <pre>
 * {"scenario":"fifteen days in a row","intent":"the streak reward falls on day 15","settings":{"zone":"UTC"}}
 * {"type":"checkin","member":"m1","at":"2026-03-01T08:00:00+08:00"}
 * ...
 * {"expect":{"member":"m1","campaign":"streak-15","reward":"chatgpt-account","decidedAt":"2026-03-15T21:00:00+08:00"}}
 * {"expectNone":{"member":"m1","campaign":"window-15-of-30"}}
 * {"expectInvalid":{"line":7,"message":"post is missing \"text\""}}
 * </pre>
 *
 * <p>The {@code expect} lines are the whole output, in order: a decision that is not expected fails
 * the scenario. In each, {@code member} and {@code campaign} are required; {@code reward},
 * {@code decidedAt} (the same instant written with the same offset, since decisions are written in the
 * community zone) and {@code days} are checked when given.
 * {@code expectNone} states a decision that must not appear. {@code expectInvalid} says the history
 * stops at that line with an error containing {@code message}; decisions before it are still checked.
 */
public record Scenario(Path file, String name, String intent, Settings settings,
                       List<Given> given, List<Expected> expected, List<Absent> absent, Invalid invalid) {

    /** A history line of the scenario: a parsed fact, or the error its text gives. */
    public record Given(long line, String text, Fact fact, InvalidInputException error) {
    }

    /**
     * An expected decision; {@code null} fields are not checked. {@code key} (empty when left out) and
     * {@code revoked} are always checked: a keyed decision or a revocation must be expected as one.
     *
     * @param cause words the revocation's cause must contain, or {@code null}
     */
    public record Expected(long line, String member, String campaign, String reward,
                           OffsetDateTime decidedAt, List<LocalDate> days, String key, List<LocalDate> graced,
                           boolean revoked, String cause) {
    }

    /** A decision that must not appear. */
    public record Absent(long line, String member, String campaign) {
    }

    /** The history must stop at {@code factLine} with a message containing {@code message}. */
    public record Invalid(long line, long factLine, String message) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a scenario file.
     *
     * @throws ScenarioException when the file is not a well-formed scenario, naming file and line
     */
    public static Scenario read(Path file) {
        return read(file, Settings.defaults());
    }

    /**
     * Reads a scenario file whose settings, when its header has none, are {@code settings} (a
     * {@code settings.json} beside it, or the settings a runner was given).
     *
     * @throws ScenarioException when the file is not a well-formed scenario, naming file and line
     */
    public static Scenario read(Path file, Settings settingsWithoutHeader) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        String src = file.getFileName().toString();
        String name = null;
        String intent = "";
        Settings settings = java.util.Objects.requireNonNull(settingsWithoutHeader, "settingsWithoutHeader");
        List<Given> given = new ArrayList<>();
        List<Expected> expected = new ArrayList<>();
        List<Absent> absent = new ArrayList<>();
        Invalid invalid = null;
        for (int i = 0; i < lines.size(); i++) {
            long n = i + 1;
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                if (name != null && !text.trim().startsWith("{\"expect")) {
                    given.add(new Given(n, text, null, new InvalidInputException(src, n, "invalid JSON: " + withoutSource(e.getOriginalMessage()))));
                    continue;
                }
                throw new ScenarioException(src, n, "invalid JSON: " + withoutSource(e.getOriginalMessage()));
            }
            if (!(node instanceof ObjectNode obj)) {
                throw new ScenarioException(src, n, "expected a JSON object");
            }
            if (name == null) {
                if (!obj.hasNonNull("scenario") || !obj.get("scenario").isTextual()) {
                    throw new ScenarioException(src, n, "the first line must be the header {\"scenario\":\"name\",\"intent\":\"...\"}");
                }
                name = obj.get("scenario").textValue();
                intent = obj.hasNonNull("intent") ? obj.get("intent").asText() : "";
                if (obj.has("settings")) {
                    try {
                        settings = Settings.parse(src + ":" + n + " settings", obj.get("settings").toString());
                    } catch (RuntimeException e) {
                        throw new ScenarioException(src, n, e.getMessage());
                    }
                }
                continue;
            }
            if (obj.has("expect")) {
                JsonNode e = obj.get("expect");
                expected.add(new Expected(n, req(src, n, e, "member"), req(src, n, e, "campaign"),
                        opt(e, "reward"), time(src, n, e), days(src, n, e, "days"),
                        e.has("key") ? req(src, n, e, "key") : "", days(src, n, e, "graced"), revoked(src, n, e), opt(e, "cause")));
            } else if (obj.has("expectNone")) {
                JsonNode e = obj.get("expectNone");
                absent.add(new Absent(n, req(src, n, e, "member"), req(src, n, e, "campaign")));
            } else if (obj.has("expectInvalid")) {
                JsonNode e = obj.get("expectInvalid");
                if (!e.path("line").canConvertToLong()) {
                    throw new ScenarioException(src, n, "expectInvalid needs \"line\", the line number of the bad fact");
                }
                invalid = new Invalid(n, e.get("line").asLong(), req(src, n, e, "message"));
            } else {
                try {
                    given.add(new Given(n, text, HistoryReader.parseLine(text), null));
                } catch (InvalidInputException ex) {
                    given.add(new Given(n, text, null, ex.at(src, n)));
                }
            }
        }
        if (name == null) {
            throw new ScenarioException(src, 1, "empty scenario: the first line must be the header {\"scenario\":\"name\"}");
        }
        return new Scenario(file, name, intent, settings, List.copyOf(given), List.copyOf(expected), List.copyOf(absent), invalid);
    }

    /** The parser's message without its own location: the scenario reader names file and line itself. */
    private static String withoutSource(String message) {
        return message == null ? "unreadable" : message.replaceAll(
                "\\[Source: [^\\]]*?; line: \\d+, column: (\\d+)\\]", "column $1");
    }

    private static String req(String src, long n, JsonNode e, String field) {
        JsonNode v = e.get(field);
        if (v == null || !v.isTextual()) {
            throw new ScenarioException(src, n, "expectation is missing \"" + field + "\"");
        }
        return v.textValue();
    }

    private static String opt(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static OffsetDateTime time(String src, long n, JsonNode e) {
        String s = opt(e, "decidedAt");
        try {
            return s == null ? null : OffsetDateTime.parse(s);
        } catch (DateTimeParseException ex) {
            throw new ScenarioException(src, n, "\"decidedAt\" is not a timestamp with an offset: \"" + s + "\"");
        }
    }

    private static boolean revoked(String src, long n, JsonNode e) {
        String status = opt(e, "status");
        if (status != null && !status.equals("revoked") && !status.equals("decided")) {
            throw new ScenarioException(src, n, "\"status\" is \"decided\" (the default) or \"revoked\", not \"" + status + "\"");
        }
        return "revoked".equals(status);
    }

    private static List<LocalDate> days(String src, long n, JsonNode e, String field) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        List<LocalDate> days = new ArrayList<>();
        for (JsonNode d : v) {
            try {
                days.add(LocalDate.parse(d.asText()));
            } catch (DateTimeParseException ex) {
                throw new ScenarioException(src, n, "\"" + field + "\" holds \"" + d.asText() + "\", not a date like 2026-03-01");
            }
        }
        return days;
    }
}
