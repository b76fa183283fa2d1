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
            java.util.List<LocalDate> graced = new java.util.ArrayList<>();
            com.fasterxml.jackson.databind.JsonNode g = n.get("graced");
            if (g != null) {
                if (!g.isArray()) {
                    throw new IllegalArgumentException("not a decision: \"graced\" must be an array of dates");
                }
                for (com.fasterxml.jackson.databind.JsonNode d : g) {
                    graced.add(LocalDate.parse(text(d, "graced[]")));
                }
            }
            Decision.Revocation revocation = null;
            if (n.has("status")) {
                if (!"revoked".equals(text(n.get("status"), "status"))) {
                    throw new IllegalArgumentException("not a decision: \"status\" can only be \"revoked\"");
                }
                revocation = new Decision.Revocation(text(n.get("reason"), "reason"), text(n.get("cause"), "cause"));
            }
            return new Decision(text(n.get("member"), "member"), text(n.get("campaign"), "campaign"),
                    text(n.get("reward"), "reward"), java.time.OffsetDateTime.parse(text(n.get("decidedAt"), "decidedAt")), parsed,
                    n.has("key") ? text(n.get("key"), "key") : "", graced, revocation);
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
            // Written only when set, so a campaign without levels, repeat, grace or revocation writes what it always did.
            if (!d.key().isEmpty()) {
                g.writeStringField("key", d.key());
            }
            if (!d.graced().isEmpty()) {
                g.writeArrayFieldStart("graced");
                for (LocalDate day : d.graced()) {
                    g.writeString(day.toString());
                }
                g.writeEndArray();
            }
            if (d.revocation() != null) {
                g.writeStringField("status", "revoked");
                g.writeStringField("reason", d.revocation().reason());
                g.writeStringField("cause", d.revocation().cause());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
