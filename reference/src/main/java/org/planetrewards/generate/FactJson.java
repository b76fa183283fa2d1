package org.planetrewards.generate;

import org.planetrewards.CheckIn;
import org.planetrewards.Fact;
import org.planetrewards.Moderation;
import org.planetrewards.Post;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes a fact as one line of a docs/history-format.md history: fields in a fixed order, timestamps with their own
 * offset and always with seconds, non-ASCII text as is. {@code HistoryReader.parseLine} reads it back
 * to an equal fact.
 */
public final class FactJson {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private FactJson() {
    }

    /** The fact as one JSON object, without a line break. */
    public static String toJson(Fact fact) {
        StringBuilder sb = new StringBuilder(256);
        append(sb, fact, false);
        return sb.toString();
    }

    /** Appends the fact; {@code extraField} adds a field that readers must ignore ({@code "via":"app"}). */
    static void append(StringBuilder sb, Fact fact, boolean extraField) {
        if (fact instanceof CheckIn c) {
            sb.append("{\"type\":\"checkin\",\"member\":");
            string(sb, c.member());
            sb.append(",\"at\":\"").append(ISO.format(c.at())).append('"');
        } else if (fact instanceof Post p) {
            sb.append("{\"type\":\"post\",\"id\":");
            string(sb, p.id());
            sb.append(",\"member\":");
            string(sb, p.member());
            sb.append(",\"at\":\"").append(ISO.format(p.at())).append('"');
            if (p.editedAt() != null) {
                sb.append(",\"editedAt\":\"").append(ISO.format(p.editedAt())).append('"');
            }
            sb.append(",\"text\":");
            string(sb, p.text());
            sb.append(",\"tags\":");
            strings(sb, p.tags());
            if (!p.links().isEmpty()) {
                sb.append(",\"links\":");
                strings(sb, p.links());
            }
        } else {
            Moderation m = (Moderation) fact;
            sb.append("{\"type\":\"moderation\",\"post\":");
            string(sb, m.post());
            sb.append(",\"action\":\"").append(m.action().word()).append('"');
            sb.append(",\"at\":\"").append(ISO.format(m.at())).append('"');
        }
        if (extraField) {
            sb.append(",\"via\":\"app\"");
        }
        sb.append('}');
    }

    private static void strings(StringBuilder sb, List<String> values) {
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(sb, values.get(i));
        }
        sb.append(']');
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }
}
