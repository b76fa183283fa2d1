package org.planetrewards;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Writes decisions as the JSON Lines of SPEC §4, byte for byte the same on every machine. */
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
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            java.util.List<LocalDate> days = new java.util.ArrayList<>();
            n.required("days").forEach(d -> days.add(LocalDate.parse(d.asText())));
            return new Decision(n.required("member").asText(), n.required("campaign").asText(), n.required("reward").asText(),
                    java.time.OffsetDateTime.parse(n.required("decidedAt").asText()), days);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a decision: " + e.getMessage(), e);
        }
    }

    /** One decision as one JSON object, without a line break, fields in SPEC §4 order. */
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
