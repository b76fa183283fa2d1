package org.planetrewards.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.planetrewards.CheckIn;
import org.planetrewards.Decision;
import org.planetrewards.HistoryReader;
import org.planetrewards.Post;
import org.planetrewards.RewardsEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's HTML and data, without a browser (ReportBrowserTest draws it). */
class HtmlReportTest {
    static final Path DEMO = Path.of("../examples/histories/demo.jsonl");
    /** Member and post ids are hostile input. */
    static final List<String> HOSTILE = List.of("<img src=x onerror=alert(1)>", "\"><svg onload=alert(2)>",
            "</script><script>alert(3)</script>", "<!--", "' onmouseover='alert(4)", "&amp;&lt;");  // U+2028 and other separators in ids are refused by the engine itself
    static final String LONG = "I asked ChatGPT to turn my meeting notes into a task list for each owner, and it saved an hour.";

    record Built(RewardsEngine engine, List<Decision> decisions) {
    }

    static Built demo() throws IOException {
        RewardsEngine engine = RewardsEngine.builder().build();
        try (HistoryReader history = HistoryReader.open(DEMO)) {
            return new Built(engine, engine.replay(history));
        }
    }

    /** Each hostile id checks in and posts a member story (so it wins a reward and shows everywhere). */
    static List<Decision> addHostileMembers(RewardsEngine engine) {
        List<Decision> decided = new ArrayList<>();
        int i = 0;
        for (String id : HOSTILE) {
            OffsetDateTime at = OffsetDateTime.parse("2026-03-0" + (1 + i++) + "T21:00:00+08:00");
            decided.addAll(engine.apply(new CheckIn(id, at.minusHours(12))));
            decided.addAll(engine.apply(new Post(id + " post " + id, id, at, LONG, List.of("#球友故事#"), List.of())));
            decided.addAll(engine.apply(new Post(id + " short", id, at, "short", List.of(id), List.of())));
        }
        return decided;
    }

    static JsonNode data(String html) throws IOException {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    @Test
    void theDemoReportCountsWhatTheRulesDerived() throws IOException {
        Built b = demo();
        try (RewardsEngine engine = b.engine()) {
            JsonNode data = data(HtmlReport.render(engine, b.decisions(), "demo.jsonl"));

            assertThat(data.get("start").asText()).isEqualTo("2026-03-01");
            assertThat(data.get("end").asText()).isEqualTo("2026-04-14");
            assertThat(data.get("days").asInt()).isEqualTo(45);
            assertThat(data.get("members")).hasSize(13);
            // Stages by the progress each campaign's rules derive: what progress() tells each member, counted.
            assertThat(funnel(data, 0)).isEqualTo("all members=13, " + stages(engine, "streak-15", 1, 5, 10, 15) + ", won chatgpt-account=2");
            assertThat(funnel(data, 1)).isEqualTo("all members=13, " + stages(engine, "window-15-of-30", 1, 5, 10, 15) + ", won openai-key=4");
            assertThat(funnel(data, 2)).isEqualTo("all members=13, " + stages(engine, "member-story", 1) + ", won story-badge=8");
            assertThat(data.get("campaigns").get(0).get("measure").asText()).contains("counted days in a row");
            List<String> reasons = new ArrayList<>();
            data.get("reasons").forEach(r -> reasons.add(r.get("label").asText() + "=" + r.get("count").asInt()));
            assertThat(reasons).containsExactly("too-short=18", "no-known-tag=17", "no-source-link=13", "rejected=3");
            assertThat(data.get("decisions")).hasSize(14);
            assertThat(data.get("decisions").get(7).get("member").asText()).isEqualTo("mei");
            assertThat(data.get("decisions").get(7).get("days").asText()).isEqualTo("2026-03-01..2026-03-15");

            JsonNode mei = member(data, "mei");
            assertThat(mei.get("countedDays").asInt()).isEqualTo(19);
            // 03-03 is active but no longer counted: the admin rejected its only post.
            assertThat(mei.get("active").toString()).isEqualTo("[2]");
            assertThat(mei.get("rewards").toString()).contains("{\"day\":14,\"campaign\":\"streak-15\"");
        }
    }

    /**
     * The community timeline agrees with the members' own timelines, counted independently here: a day's
     * active members and counted days, and each decision on the day of its decidedAt.
     */
    /** The leaderboards are the engine's rankings on the history's latest day, ten members a campaign. */
    @Test
    void theLeaderboardsAreTheEnginesRankings() throws IOException {
        Built b = demo();
        try (RewardsEngine engine = b.engine()) {
            JsonNode data = new ObjectMapper().readTree(HtmlReport.data(engine, b.decisions(), "demo"));
            java.util.List<org.planetrewards.Ranking> rankings = engine.rankings(null, HtmlReport.LEADERS, "en");
            assertThat(data.get("leaderboards")).hasSize(rankings.size());
            for (int i = 0; i < rankings.size(); i++) {
                JsonNode board = data.get("leaderboards").get(i);
                org.planetrewards.Ranking r = rankings.get(i);
                assertThat(board.get("campaign").asText()).isEqualTo(r.campaign());
                assertThat(board.get("entries")).hasSize(10);
                for (int j = 0; j < 10; j++) {
                    assertThat(board.get("entries").get(j).get("member").asText()).isEqualTo(r.entries().get(j).member());
                    assertThat(board.get("entries").get(j).get("count").asInt()).isEqualTo(r.entries().get(j).count());
                }
            }
        }
    }

    @Test
    void theTimelineCountsEachDayOfTheCommunity() throws IOException {
        Built b = demo();
        try (RewardsEngine engine = b.engine()) {
            JsonNode data = data(HtmlReport.render(engine, b.decisions(), "demo.jsonl"));
            JsonNode t = data.get("timeline");
            java.time.LocalDate start = java.time.LocalDate.parse(data.get("start").asText());

            long[] active = new long[45];
            long[] counted = new long[45];
            for (String m : engine.members()) {
                for (var d : engine.explain(m).timeline()) {
                    int i = (int) java.time.temporal.ChronoUnit.DAYS.between(start, d.date());
                    active[i] += d.checkedIn() || !d.posts().isEmpty() ? 1 : 0;
                    counted[i] += d.counted() ? 1 : 0;
                }
            }
            long[] decided = new long[45];
            b.decisions().forEach(d -> decided[(int) java.time.temporal.ChronoUnit.DAYS.between(start, d.decidedAt().toLocalDate())]++);

            assertThat(t.get("active")).hasSize(45);
            assertThat(longs(t.get("active"))).containsExactly(active);
            assertThat(longs(t.get("counted"))).containsExactly(counted);
            assertThat(longs(t.get("decisions"))).containsExactly(decided);
            // mei's streak decision (2026-03-15) is on day 14
            assertThat(t.get("decisions").get(14).asLong()).isPositive();
            assertThat(java.util.Arrays.stream(longs(t.get("decisions"))).sum()).isEqualTo(14);
        }
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    @Test
    void membersComeInTheOrderPeopleCount() throws IOException {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            OffsetDateTime at = OffsetDateTime.parse("2026-03-01T08:00:00+08:00");
            for (String id : List.of("m10", "m2", "m100", "m1", "b", "m02", "a9", "a10")) {
                engine.apply(new CheckIn(id, at));
            }
            JsonNode data = data(HtmlReport.render(engine, List.of(), "order"));
            List<String> ids = new ArrayList<>();
            data.get("members").forEach(m -> ids.add(m.get("id").asText()));

            assertThat(ids).containsExactly("a9", "a10", "b", "m1", "m2", "m02", "m10", "m100");
        }
    }

    /** "1/15=9, 5/15=5, ...": how many members' progress in the campaign reached each count (or who won it). */
    private static String stages(RewardsEngine engine, String campaign, int... counts) {
        List<String> out = new ArrayList<>();
        int target = counts[counts.length - 1];
        for (int t : counts) {
            long n = engine.members().stream().map(m -> engine.progress(m).campaign(campaign).orElseThrow())
                    .filter(p -> p.decided() || p.current().count() >= t).count();
            out.add(t + "/" + target + "=" + n);
        }
        return String.join(", ", out);
    }

    private static String funnel(JsonNode data, int campaign) {
        List<String> stages = new ArrayList<>();
        data.get("campaigns").get(campaign).get("funnel").forEach(s -> stages.add(s.get("label").asText() + "=" + s.get("count").asInt()));
        return String.join(", ", stages);
    }

    private static JsonNode member(JsonNode data, String id) {
        for (JsonNode m : data.get("members")) {
            if (m.get("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no member " + id);
    }

    @Test
    void oneSelfContainedFileThatRunsOnlyItsOwnScript() throws Exception {
        Built b = demo();
        try (RewardsEngine engine = b.engine()) {
            String html = HtmlReport.render(engine, b.decisions(), "demo.jsonl");

            assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("@@");
            // Nothing is fetched: no external script, style sheet, image or font.
            assertThat(html).doesNotContainPattern("(?i)<(script|img|link|iframe)[^>]*\\s(src|href)\\s*=")
                    .doesNotContainPattern("(?i)url\\(|@import");
            assertThat(html).contains("default-src 'none'");
            Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
            assertThat(script.find()).isTrue();
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(script.group(1).getBytes(StandardCharsets.UTF_8)));
            assertThat(html).contains("script-src 'sha256-" + hash + "'");
            assertThat(script.find()).as("one script").isFalse();
            assertThat(HtmlReport.render(engine, b.decisions(), "demo.jsonl")).as("same bytes").isEqualTo(html);
        }
    }

    @Test
    void hostileIdsStayInsideTheDataAsEscapedText() throws IOException {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            List<Decision> decisions = addHostileMembers(engine);
            String html = HtmlReport.render(engine, decisions, "<b>history</b>.jsonl");

            for (String id : HOSTILE) {
                assertThat(html).doesNotContain(id);
            }
            assertThat(html).doesNotContain("<img", "<svg", "<b>", "alert(3)</script>", "\u2028")
                    .contains("\\u003Cimg src=x onerror=alert(1)\\u003E");
            // The page has exactly its own two script elements: nothing in the data closed one.
            assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(2);
            assertThat(Pattern.compile("</script>").matcher(html).results().count()).isEqualTo(2);
            JsonNode data = data(html);
            List<String> ids = new ArrayList<>();
            data.get("members").forEach(m -> ids.add(m.get("id").asText()));
            assertThat(ids).containsExactlyInAnyOrderElementsOf(HOSTILE);
            assertThat(data.get("title").asText()).isEqualTo("<b>history</b>.jsonl");
            assertThat(data.get("decisions")).hasSize(HOSTILE.size());
        }
    }

    @Test
    void anEngineWithoutMembersStillGivesAPage() throws IOException {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            JsonNode data = data(HtmlReport.render(engine, List.of(), "empty.jsonl"));
            assertThat(data.get("members")).isEmpty();
            assertThat(data.get("days").asInt()).isZero();
            assertThat(data.get("start").isNull()).isTrue();
        }
    }
}
