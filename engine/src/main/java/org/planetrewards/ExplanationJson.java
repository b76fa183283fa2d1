package org.planetrewards;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes explanations and progress as JSON, the same on every machine: field order fixed, dates as
 * {@code 2026-03-01}, instants in the community zone with their offset, {@code null} for what is absent.
 */
public final class ExplanationJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ExplanationJson() {
    }

    /** An explanation as one pretty-printed JSON object (lines end with {@code \n}). */
    public static String toJson(MemberExplanation e) {
        return write(g -> explanation(g, e));
    }

    /** Progress as one pretty-printed JSON object (lines end with {@code \n}). */
    public static String toJson(MemberProgress p) {
        return write(g -> progress(g, p));
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            DefaultIndenter indent = new DefaultIndenter("  ", "\n");
            g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indent).withArrayIndenter(indent));
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void explanation(JsonGenerator g, MemberExplanation e) throws IOException {
        g.writeStartObject();
        g.writeStringField("member", e.member());
        g.writeStringField("zone", e.zone().getId());
        g.writeFieldName("timeline");
        g.writeStartArray();
        for (MemberExplanation.Day d : e.timeline()) {
            g.writeStartObject();
            g.writeStringField("date", d.date().toString());
            g.writeBooleanField("checkedIn", d.checkedIn());
            g.writeBooleanField("counted", d.counted());
            g.writeFieldName("posts");
            g.writeStartArray();
            for (MemberExplanation.PostVerdict p : d.posts()) {
                post(g, p);
            }
            g.writeEndArray();
            g.writeFieldName("rewards");
            g.writeStartArray();
            for (Decision r : d.rewards()) {
                decision(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        dates(g, "countedDays", e.countedDays());
        g.writeFieldName("progress");
        progress(g, e.progress());
        g.writeEndObject();
    }

    private static void post(JsonGenerator g, MemberExplanation.PostVerdict p) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", p.id());
        g.writeStringField("day", p.day().toString());
        time(g, "stamp", p.stamp());
        strings(g, "tags", p.tags());
        strings(g, "tagWords", p.tagWords());
        g.writeBooleanField("highQuality", p.highQuality());
        g.writeBooleanField("featured", p.featured());
        g.writeStringField("moderation", p.moderation());
        time(g, "moderatedAt", p.moderatedAt());
        g.writeFieldName("problems");
        g.writeStartArray();
        for (MemberExplanation.Problem q : p.problems()) {
            g.writeStartObject();
            g.writeStringField("reason", q.reason());
            g.writeStringField("detail", q.detail());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void progress(JsonGenerator g, MemberProgress p) throws IOException {
        g.writeStartObject();
        g.writeStringField("member", p.member());
        date(g, "latestActivity", p.latestActivity());
        g.writeNumberField("countedDays", p.countedDays());
        g.writeFieldName("campaigns");
        g.writeStartArray();
        for (CampaignProgress c : p.campaigns()) {
            g.writeStartObject();
            g.writeStringField("campaign", c.campaign());
            g.writeStringField("kind", c.kind());
            g.writeStringField("reward", c.reward());
            g.writeNumberField("target", c.target());
            g.writeStringField("measure", c.measure());
            span(g, "current", c.current());
            dates(g, "evidence", c.evidence());
            g.writeBooleanField("decided", c.decided());
            g.writeFieldName("decision");
            if (c.decision() == null) {
                g.writeNull();
            } else {
                decision(g, c.decision());
            }
            date(g, "nextNeeded", c.nextNeeded());
            date(g, "winsOn", c.winsOn());
            g.writeStringField("missing", c.missing());
            g.writeStringField("summary", c.summary());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("language", p.language());
        g.writeEndObject();
    }

    private static void decision(JsonGenerator g, Decision d) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", d.id());
        g.writeStringField("member", d.member());
        g.writeStringField("campaign", d.campaign());
        g.writeStringField("reward", d.reward());
        time(g, "decidedAt", d.decidedAt());
        dates(g, "days", d.days());
        g.writeEndObject();
    }

    private static void span(JsonGenerator g, String field, DaySpan s) throws IOException {
        g.writeFieldName(field);
        g.writeStartObject();
        g.writeNumberField("count", s.count());
        date(g, "from", s.from());
        date(g, "to", s.to());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeFieldName(field);
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void dates(JsonGenerator g, String field, List<LocalDate> days) throws IOException {
        g.writeFieldName(field);
        g.writeStartArray();
        for (LocalDate d : days) {
            g.writeString(d.toString());
        }
        g.writeEndArray();
    }

    private static void date(JsonGenerator g, String field, LocalDate d) throws IOException {
        g.writeStringField(field, d == null ? null : d.toString());
    }

    private static void time(JsonGenerator g, String field, OffsetDateTime t) throws IOException {
        g.writeStringField(field, t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
    }
}
