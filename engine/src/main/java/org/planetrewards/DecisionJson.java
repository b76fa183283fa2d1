package org.planetrewards;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Writes decisions as the JSON Lines of docs/decisions.md, Decision lines, byte for byte the same on every machine. */
public final class DecisionJson {
    private static final JsonFactory JSON = new JsonFactory();

    private DecisionJson() {
    }

    /**
     * Reads a decision written by {@link #toJson(Decision)}.
     *
     * @throws IllegalArgumentException when the text is not such a decision
     */
    public static Decision parse(String json) {
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = READER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a decision: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a decision: expected a JSON object");
        }
        com.fasterxml.jackson.databind.JsonNode days = n.get("days");
        if (days == null || !days.isArray() || days.isEmpty()) {
            throw new IllegalArgumentException("not a decision: \"days\" must be a non-empty array of dates");
        }
        java.util.List<LocalDate> parsed = new java.util.ArrayList<>();
        try {
            for (com.fasterxml.jackson.databind.JsonNode d : days) {
                parsed.add(LocalDate.parse(text(d, "days[]")));
            }
            return new Decision(text(n.get("member"), "member"), text(n.get("campaign"), "campaign"),
                    text(n.get("reward"), "reward"), java.time.OffsetDateTime.parse(text(n.get("decidedAt"), "decidedAt")), parsed);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a decision: " + e.getMessage(), e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper READER = new com.fasterxml.jackson.databind.ObjectMapper();

    private static String text(com.fasterxml.jackson.databind.JsonNode v, String field) {
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw new IllegalArgumentException("not a decision: \"" + field + "\" must be a non-empty string");
        }
        return v.textValue();
    }

    /** One decision as one JSON object, without a line break, fields in the order of docs/decisions.md, "Decision lines". */
    public static String toJson(Decision d) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("member", d.member());
            g.writeStringField("campaign", d.campaign());
            g.writeStringField("reward", d.reward());
            // ISO_OFFSET_DATE_TIME always writes seconds (OffsetDateTime.toString() drops ":00").
            g.writeStringField("decidedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(d.decidedAt()));
            g.writeArrayFieldStart("days");
            for (LocalDate day : d.days()) {
                g.writeString(day.toString());
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
