package org.planetrewards.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import org.planetrewards.CampaignProgress;
import org.planetrewards.Decision;
import org.planetrewards.MemberExplanation;
import org.planetrewards.Messages;
import org.planetrewards.Overview;
import org.planetrewards.Ranking;
import org.planetrewards.RewardsEngine;
import org.planetrewards.model.Campaign;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A visual report as ONE self-contained HTML file: inline CSS, an inline script and the data as an
 * embedded JSON blob; no network (its Content-Security-Policy forbids any). The community day by day
 * (members active, days counted, decisions), per member a calendar heatmap (counted days, days with
 * activity that did not count, rewards on their day), a funnel per campaign, the reasons posts failed
 * quality and the decisions. Members come in natural order (m2 before m10), filtered by id and paged
 * (50 a page), so it stays readable with thousands of members; the layout folds to one column on a
 * phone, and ids and timestamps never break inside a word.
 *
 * <p>Member ids and post ids are hostile input: they are only ever in the JSON blob, where {@code <},
 * {@code >} and {@code &} are written as {@code \u003c}-style escapes (so nothing in it can close the
 * script element), and the script puts them on the page as text, never as markup. The policy allows
 * only the page's own script (by its hash), so even markup that slipped through could not run code.
 *
 * <p>Everything shown is read through the engine's public API ({@link RewardsEngine#overview}: every member's
 * explanation and the leaderboards); the same engine and decisions give the same bytes.
 */
public final class HtmlReport {
    private static final String TEMPLATE = "report.html";
    private static final String SCRIPT = "report.js";
    private static final JsonFactory JSON = new JsonFactory().setCharacterEscapes(new HtmlSafeEscapes());
    /** How many members a leaderboard shows. */
    static final int LEADERS = 10;

    private HtmlReport() {
    }

    /**
     * The report for every member of {@code engine}.
     *
     * @param decisions the decisions in the order they were made (the replay's result)
     * @param title     what the report is about, e.g. the history's file name (shown as text)
     */
    public static String render(RewardsEngine engine, List<Decision> decisions, String title) {
        return render(engine, decisions, title, engine.settings().locale());
    }

    /**
     * The report in {@code language}: the page's texts, the progress lines and the leaderboards' measures in
     * the rule pack's words for it (its message files, keys {@code report.*} for the page).
     */
    public static String render(RewardsEngine engine, List<Decision> decisions, String title, String language) {
        String script = resource(SCRIPT);
        String template = resource(TEMPLATE);
        String data = data(engine, decisions, title, language);
        return replaceOnce(replaceOnce(replaceOnce(template, "@@SCRIPT_HASH@@", "sha256-" + sha256(script)),
                "@@DATA@@", data), "@@SCRIPT@@", script);
    }

    /** The JSON blob the page's script draws from (already escaped for an HTML script element). */
    static String data(RewardsEngine engine, List<Decision> decisions, String title) {
        return data(engine, decisions, title, engine.settings().locale());
    }

    static String data(RewardsEngine engine, List<Decision> decisions, String title, String language) {
        Messages words = engine.rules().messages();
        Say say = (key, namesAndValues) -> words.say(language, key, namesAndValues);
        // Explaining is most of a report's time (each member's days through the rules once more), and the
        // leaderboards measure every member again on the latest day: one pass for both.
        Overview overview = engine.overview(LEADERS, language);
        List<MemberExplanation> members = new ArrayList<>(overview.members());
        members.sort(Comparator.comparing(MemberExplanation::member, NaturalOrder.INSTANCE)); // m2 before m10, as a reader looks for them
        LocalDate start = null;
        LocalDate end = null;
        for (MemberExplanation e : members) {
            for (MemberExplanation.Day d : e.timeline()) {
                start = start == null || d.date().isBefore(start) ? d.date() : start;
                end = end == null || d.date().isAfter(end) ? d.date() : end;
            }
        }
        StringWriter out = new StringWriter(1 << 16);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("title", title);
            g.writeStringField("zone", engine.settings().zone().getId()
                    + (engine.settings().dayStartsAt().equals(java.time.LocalTime.MIDNIGHT) ? ""
                    : ", days from " + engine.settings().dayStartsAt()));
            g.writeStringField("start", start == null ? null : start.toString());
            g.writeStringField("end", end == null ? null : end.toString());
            g.writeNumberField("days", start == null ? 0 : ChronoUnit.DAYS.between(start, end) + 1);
            g.writeStringField("language", language);
            g.writeObjectFieldStart("messages");
            for (String prefix : List.of("report.", "rankings.")) {
                for (Map.Entry<String, String> m : words.patterns(language, prefix).entrySet()) {
                    g.writeStringField(m.getKey(), m.getValue());
                }
            }
            g.writeEndObject();
            stats(g, members, decisions, say);
            timeline(g, members, decisions, start, end, engine.settings());
            campaigns(g, engine.settings().campaigns(), members, say);
            g.writeArrayFieldStart("leaderboards");
            for (Ranking r : overview.leaderboards()) {
                writeRanking(g, r);
            }
            g.writeEndArray();
            reasons(g, members);
            g.writeArrayFieldStart("members");
            for (MemberExplanation e : members) {
                member(g, e, start);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("decisions");
            int n = 0;
            for (Decision d : decisions) {
                g.writeStartObject();
                g.writeNumberField("n", ++n);
                g.writeStringField("member", d.member());
                g.writeStringField("campaign", d.campaign());
                g.writeStringField("reward", d.reward());
                g.writeStringField("decidedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(d.decidedAt()));
                g.writeStringField("days", Days.ranges(d.days()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The pack's words in the report's language. */
    private interface Say {
        String t(String key, Object... namesAndValues);
    }

    private static void stats(JsonGenerator g, List<MemberExplanation> members, List<Decision> decisions, Say say) throws IOException {
        long counted = 0;
        long posts = 0;
        long poor = 0;
        for (MemberExplanation e : members) {
            counted += e.countedDays().size();
            for (MemberExplanation.Day d : e.timeline()) {
                posts += d.posts().size();
                poor += d.posts().stream().filter(p -> !p.highQuality()).count();
            }
        }
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put(say.t("report.stat.members"), (long) members.size());
        stats.put(say.t("report.stat.counted-days"), counted);
        stats.put(say.t("report.stat.posts"), posts);
        stats.put(say.t("report.stat.posts-not-high-quality"), poor);
        stats.put(say.t("report.stat.decisions"), (long) decisions.size());
        g.writeArrayFieldStart("stats");
        for (Map.Entry<String, Long> s : stats.entrySet()) {
            g.writeStartObject();
            g.writeStringField("label", s.getKey());
            g.writeNumberField("value", s.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * The community day by day: how many members were active (checked in or posted), how many days were
     * counted, and how many decisions were made, each an array with one number per day of the history.
     * A decision falls on the community day of its {@code decidedAt} (with a {@code dayStartsAt} of 04:00,
     * a decision at 01:30 counts for the day before).
     */
    private static void timeline(JsonGenerator g, List<MemberExplanation> members, List<Decision> decisions,
                                 LocalDate start, LocalDate end, org.planetrewards.Settings settings) throws IOException {
        int days = start == null ? 0 : (int) ChronoUnit.DAYS.between(start, end) + 1;
        long[] active = new long[days];
        long[] counted = new long[days];
        long[] decided = new long[days];
        for (MemberExplanation e : members) {
            for (MemberExplanation.Day d : e.timeline()) {
                int i = (int) ChronoUnit.DAYS.between(start, d.date());
                if (d.checkedIn() || !d.posts().isEmpty()) {
                    active[i]++;
                }
                if (d.counted()) {
                    counted[i]++;
                }
            }
        }
        for (Decision d : decisions) {
            long i = start == null ? -1 : ChronoUnit.DAYS.between(start, settings.communityDay(d.decidedAt()));
            if (i >= 0 && i < days) {
                decided[(int) i]++;
            }
        }
        g.writeObjectFieldStart("timeline");
        g.writeFieldName("active");
        g.writeArray(active, 0, days);
        g.writeFieldName("counted");
        g.writeArray(counted, 0, days);
        g.writeFieldName("decisions");
        g.writeArray(decided, 0, days);
        g.writeEndObject();
    }

    /**
     * A funnel per campaign: all members, then how many reached some, a third, two thirds and all of the
     * target by the progress the campaign's own rules derive (as of each member's latest day), then how many
     * won. A member who won counts as having reached every stage, even when a later rejection took days
     * away (the decision stands), so the funnel never widens. Nothing here knows a campaign kind.
     */
    private static void campaigns(JsonGenerator g, List<Campaign> campaigns, List<MemberExplanation> members, Say say) throws IOException {
        g.writeArrayFieldStart("campaigns");
        for (Campaign c : campaigns) {
            List<CampaignProgress> all = members.stream()
                    .map(e -> e.progress().campaign(c.id()).orElseThrow()).toList();
            Map<String, Long> stages = new LinkedHashMap<>();
            stages.put(say.t("report.funnel.all-members"), (long) members.size());
            int target = all.stream().mapToInt(CampaignProgress::target).max().orElse(0);
            String measure = all.stream().map(CampaignProgress::measure).filter(java.util.Objects::nonNull).findFirst()
                    .map(m -> say.t("report.funnel.measure", "measure", m))
                    .orElse(say.t("report.funnel.no-progress"));
            Set<Integer> thresholds = new LinkedHashSet<>();
            for (int t : new int[]{1, Math.round(target / 3f), Math.round(2 * target / 3f), target}) {
                if (t >= 1) {
                    thresholds.add(t);
                }
            }
            for (int t : thresholds) {
                stages.put(t + "/" + target, all.stream().filter(p -> p.decided() || p.current().count() >= t).count());
            }
            stages.put(say.t("report.funnel.won", "reward", c.reward()), all.stream().filter(CampaignProgress::decided).count());
            g.writeStartObject();
            g.writeStringField("id", c.id());
            g.writeStringField("kind", c.kind());
            g.writeStringField("reward", c.reward());
            g.writeStringField("measure", measure);
            g.writeArrayFieldStart("funnel");
            for (Map.Entry<String, Long> s : stages.entrySet()) {
                g.writeStartObject();
                g.writeStringField("label", s.getKey());
                g.writeNumberField("count", s.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Posts that are not high quality, per reason the rules recorded. */
    private static void reasons(JsonGenerator g, List<MemberExplanation> members) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (MemberExplanation e : members) {
            for (MemberExplanation.Day d : e.timeline()) {
                for (MemberExplanation.PostVerdict p : d.posts()) {
                    if (!p.highQuality()) {
                        p.problems().stream().map(MemberExplanation.Problem::reason).distinct()
                                .forEach(r -> counts.merge(r, 1L, Long::sum));
                    }
                }
            }
        }
        g.writeArrayFieldStart("reasons");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(r -> {
                    try {
                        g.writeStartObject();
                        g.writeStringField("label", r.getKey());
                        g.writeNumberField("count", r.getValue());
                        g.writeEndObject();
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
        g.writeEndArray();
    }

    private static void member(JsonGenerator g, MemberExplanation e, LocalDate start) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", e.member());
        g.writeArrayFieldStart("counted");
        for (LocalDate d : e.countedDays()) {
            g.writeNumber(ChronoUnit.DAYS.between(start, d));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("active");
        int active = 0;
        for (MemberExplanation.Day d : e.timeline()) {
            if (d.checkedIn() || !d.posts().isEmpty()) {
                active++;
                if (!d.counted()) {
                    g.writeNumber(ChronoUnit.DAYS.between(start, d.date()));
                }
            }
        }
        g.writeEndArray();
        g.writeNumberField("countedDays", e.countedDays().size());
        g.writeNumberField("activeDays", active);
        g.writeArrayFieldStart("rewards");
        for (MemberExplanation.Day d : e.timeline()) {
            for (Decision r : d.rewards()) {
                g.writeStartObject();
                g.writeNumberField("day", ChronoUnit.DAYS.between(start, d.date()));
                g.writeStringField("campaign", r.campaign());
                g.writeStringField("reward", r.reward());
                g.writeStringField("at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.decidedAt()));
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("progress");
        for (CampaignProgress p : e.progress().campaigns()) {
            g.writeStartObject();
            g.writeStringField("summary", p.summary());
            g.writeBooleanField("won", p.decided());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String replaceOnce(String text, String placeholder, String value) {
        int at = text.indexOf(placeholder);
        if (at < 0 || text.indexOf(placeholder, at + 1) >= 0) {
            throw new IllegalStateException("the report template must hold " + placeholder + " exactly once");
        }
        return text.substring(0, at) + value + text.substring(at + placeholder.length());
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + HtmlReport.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code <}, {@code >}, {@code &}, {@code '} and the JavaScript line separators as {@code \\uXXXX}. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] ascii;

        HtmlSafeEscapes() {
            ascii = standardAsciiEscapesForJSON();
            for (char c : new char[]{'<', '>', '&', '\''}) {
                ascii[c] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) {
                return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }

    /** One leaderboard as a JSON object: the report's data, and each entry of {@code rewards rankings --json}. */
    public static void writeRanking(JsonGenerator g, Ranking r) throws IOException {
        g.writeStartObject();
        g.writeStringField("campaign", r.campaign());
        g.writeStringField("kind", r.kind());
        g.writeStringField("reward", r.reward());
        g.writeStringField("measure", r.measure());
        g.writeStringField("asOf", r.asOf() == null ? null : r.asOf().toString());
        g.writeNumberField("members", r.members());
        g.writeArrayFieldStart("entries");
        for (Ranking.Entry e : r.entries()) {
            g.writeStartObject();
            g.writeNumberField("place", e.place());
            g.writeStringField("member", e.member());
            g.writeNumberField("count", e.count());
            g.writeNumberField("target", e.target());
            g.writeNumberField("completion", e.completion());
            g.writeBooleanField("decided", e.decided());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
