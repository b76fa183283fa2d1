package org.planetrewards.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planetrewards.Decision;
import org.planetrewards.ExplanationJson;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;
import org.planetrewards.RulePack;
import org.planetrewards.Settings;
import org.planetrewards.generate.HistoryGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign means what its rule file says, and nothing else does: decisions, progress, {@code explain}
 * (text and JSON) and the report all follow an edited rule, a kind written only in a rule file and
 * settings, a campaign's active period and an edited pack {@code settings.json}; and for every member of
 * the demo and of a generated history, under each of these packs, {@code explain --json} agrees with
 * {@code replay}.
 */
class RuleFileIsTheTruthTest {
    static final Path DEFAULT_PACK = Path.of("../rules/default-pack");
    static final Path DOCS = Path.of("../docs/examples");
    static final String TEXT = "今天用ChatGPT把会议录音整理成了纪要，再让它按负责人拆出待办事项，最后核对了一遍原始记录，省下了差不多一个小时。";

    @TempDir
    Path tmp;

    /** A copy of the default pack folder with its files edited (by name) and files added from elsewhere. */
    Path pack(String name, Map<String, UnaryOperator<String>> edits, Path... added) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.list(DEFAULT_PACK)) {
            for (Path f : files.toList()) {
                if (Files.isDirectory(f)) { // the pack's message files: copied as they are
                    Path to = Files.createDirectories(dir.resolve(f.getFileName()));
                    try (Stream<Path> inside = Files.list(f)) {
                        for (Path g : inside.toList()) {
                            Files.copy(g, to.resolve(g.getFileName()));
                        }
                    }
                    continue;
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                UnaryOperator<String> edit = edits.getOrDefault(f.getFileName().toString(), UnaryOperator.identity());
                String edited = edit.apply(text);
                if (edits.containsKey(f.getFileName().toString())) {
                    assertThat(edited).as("the edit of " + f.getFileName() + " changes it").isNotEqualTo(text);
                }
                Files.writeString(dir.resolve(f.getFileName()), edited);
            }
        }
        for (Path f : added) {
            Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    /** The streak rule edited as an admin would to forgive one missed day: in the decision, the progress and the span. */
    Path oneMissPack() throws IOException {
        return pack("one-miss", Map.of("campaign-consecutive-days.drl", drl -> drl
                .replace("DayRun.firstRun( $season.days, $level.days, $grace )", "DayRun.firstRun( $season.days, $level.days, $grace + 1 )")
                .replace("DayRun.currentRun( $season.days, $asOf, $grace )", "DayRun.currentRun( $season.days, $asOf, $grace + 1 )")
                .replace("@span( \"days + graceDays\" )", "@span( \"days + graceDays + 1\" )")));
    }

    /** The add-a-campaign example's new kind (tagged-days-in-a-row), written only in a rule file and settings. */
    Path newKindPack() throws IOException {
        return pack("new-kind", Map.of("settings.json", s -> read(DOCS.resolve("add-a-campaign/settings.json"))),
                DOCS.resolve("add-a-campaign/campaign-tagged-days-in-a-row.drl"));
    }

    /** The pack's own settings.json edited: a 5-day streak. */
    Path editedSettingsPack() throws IOException {
        return pack("edited-settings", Map.of("settings.json", s -> s.replace(
                "{ \"id\": \"streak-15\", \"kind\": \"consecutive-days\", \"reward\": \"chatgpt-account\", \"days\": 15 }",
                "{ \"id\": \"streak-5\", \"kind\": \"consecutive-days\", \"reward\": \"mug\", \"days\": 5 }")));
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A history: {@code member} checks in and posts a good post on each day (a day may carry tags and a link). */
    static String days(String member, List<String> tags, boolean link, LocalDate... days) {
        StringBuilder s = new StringBuilder();
        for (LocalDate d : days) {
            s.append("{\"type\":\"checkin\",\"member\":\"").append(member).append("\",\"at\":\"").append(d).append("T08:00:00+08:00\"}\n");
            s.append("{\"type\":\"post\",\"id\":\"").append(member).append('-').append(d).append("\",\"member\":\"").append(member)
                    .append("\",\"at\":\"").append(d).append("T21:00:00+08:00\",\"text\":\"").append(TEXT).append("\",\"tags\":[");
            for (int i = 0; i < tags.size(); i++) {
                s.append(i == 0 ? "" : ",").append('"').append(tags.get(i)).append('"');
            }
            s.append("],\"links\":[").append(link ? "\"https://example.org/source\"" : "").append("]}\n");
        }
        return s.toString();
    }

    static LocalDate[] march(int... days) {
        return java.util.Arrays.stream(days).mapToObj(d -> LocalDate.of(2026, 3, d)).toArray(LocalDate[]::new);
    }

    static int[] range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).toArray();
    }

    Path history(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    static JsonNode campaign(JsonNode explanation, String id) {
        for (JsonNode c : explanation.get("progress").get("campaigns")) {
            if (c.get("campaign").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no campaign " + id + " in " + explanation);
    }

    static JsonNode explainJson(String... args) {
        List<String> all = new ArrayList<>(List.of("explain"));
        all.addAll(List.of(args));
        all.add("--json");
        CommandRun run = CommandRun.of(all.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        return Json.read(run.out().strip());
    }

    static List<JsonNode> replay(String... args) {
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(List.of(args));
        CommandRun run = CommandRun.of(all.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        return run.lines().stream().map(Json::read).toList();
    }

    static List<String> decided(List<JsonNode> decisions, String member) {
        return decisions.stream().filter(d -> d.get("member").asText().equals(member))
                .map(d -> d.get("campaign").asText() + "@" + d.get("decidedAt").asText()).toList();
    }

    // 03-01..03-07 and 03-09..03-16: 15 counted days with 03-08 missed.
    static final int[] ONE_MISS = java.util.stream.IntStream.concat(java.util.Arrays.stream(range(1, 7)),
            java.util.Arrays.stream(range(9, 16))).toArray();

    @Test
    void aStreakRuleEditedToForgiveOneMissedDayChangesDecisionProgressExplainAndReportAlike() throws IOException {
        Path pack = oneMissPack();
        Path whole = history("whole.jsonl", days("m1", List.of("news"), false, march(ONE_MISS)));
        Path untilFifteenth = history("until-15.jsonl", days("m1", List.of("news"), false,
                march(java.util.Arrays.copyOf(ONE_MISS, 14))));

        assertThat(decided(replay(whole.toString(), "--rules", pack.toString()), "m1"))
                .contains("streak-15@2026-03-16T21:00:00+08:00");
        assertThat(decided(replay(whole.toString()), "m1")).noneMatch(d -> d.startsWith("streak-15"));

        // On the 15th, 14 counted days with one miss: the edited rule says the 16th wins.
        JsonNode edited = campaign(explainJson(untilFifteenth.toString(), "--member", "m1", "--rules", pack.toString()), "streak-15");
        assertThat(edited.get("decided").asBoolean()).isFalse();
        assertThat(edited.get("current").get("count").asInt()).isEqualTo(14);
        assertThat(edited.get("current").get("from").asText()).isEqualTo("2026-03-01");
        assertThat(edited.get("nextNeeded").asText()).isEqualTo("2026-03-16");
        assertThat(edited.get("winsOn").asText()).isEqualTo("2026-03-16");
        assertThat(edited.get("missing").asText()).endsWith("that day wins chatgpt-account");
        // The default rule: only 03-09..03-15 are in a row.
        JsonNode unedited = campaign(explainJson(untilFifteenth.toString(), "--member", "m1"), "streak-15");
        assertThat(unedited.get("current").get("count").asInt()).isEqualTo(7);
        assertThat(unedited.get("winsOn").asText()).isEqualTo("2026-03-23");

        CommandRun text = CommandRun.of("explain", untilFifteenth.toString(), "--member", "m1", "--rules", pack.toString());
        assertThat(text.out()).contains("  streak-15: 14/15 counted days in a row (2026-03-01..2026-03-15), next needed 2026-03-16,"
                + " wins chatgpt-account on 2026-03-16 at the earliest\n");

        Path report = tmp.resolve("report.html");
        CommandRun r = CommandRun.of("report", whole.toString(), "--out", report.toString(), "--rules", pack.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(read(report)).contains("streak-15: won chatgpt-account at 2026-03-16T21:00:00+08:00");
    }

    @Test
    void aKindWrittenOnlyInARuleFileAndSettingsGetsProgressAndExplanationsInNumbers() throws IOException {
        Path pack = newKindPack();
        Path h = history("analyst.jsonl", days("m1", List.of("deep-dive"), true, march(range(1, 4))));

        JsonNode analyst = campaign(explainJson(h.toString(), "--member", "m1", "--rules", pack.toString()), "analyst");
        assertThat(analyst.get("kind").asText()).isEqualTo("tagged-days-in-a-row");
        assertThat(analyst.get("current").get("count").asInt()).isEqualTo(4);
        assertThat(analyst.get("target").asInt()).isEqualTo(7);
        assertThat(analyst.get("measure").asText()).isEqualTo("days in a row with a high-quality post tagged deep-dive");
        assertThat(analyst.get("nextNeeded").asText()).isEqualTo("2026-03-05");
        assertThat(analyst.get("winsOn").asText()).isEqualTo("2026-03-07");

        CommandRun text = CommandRun.of("explain", h.toString(), "--member", "m1", "--rules", pack.toString());
        assertThat(text.out()).contains("  analyst: 4/7 days in a row with a high-quality post tagged deep-dive (2026-03-01..2026-03-04)")
                .doesNotContain("no progress");

        Path seven = history("analyst-7.jsonl", days("m1", List.of("deep-dive"), true, march(range(1, 7))));
        assertThat(decided(replay(seven.toString(), "--rules", pack.toString()), "m1")).contains("analyst@2026-03-07T21:00:00+08:00");
    }

    @Test
    void theSeasonalExamplesSecondMemberIsNeverToldItWins() throws IOException {
        Path scenario = DOCS.resolve("seasonal-campaign/spring-streak.scenario.jsonl");
        String facts = read(scenario).lines().filter(l -> l.startsWith("{\"type\":\"checkin\"") || l.startsWith("{\"type\":\"post\"")
                || l.startsWith("{\"type\":\"moderation\"")).reduce("", (a, b) -> a + b + "\n");
        Path h = history("seasonal.jsonl", facts);
        String settings = DOCS.resolve("seasonal-campaign/settings.json").toString();

        assertThat(decided(replay(h.toString(), "--settings", settings), "m2")).noneMatch(d -> d.startsWith("spring-streak-7"));
        JsonNode spring = campaign(explainJson(h.toString(), "--member", "m2", "--settings", settings), "spring-streak-7");
        assertThat(spring.get("decided").asBoolean()).isFalse();
        assertThat(spring.get("current").get("count").asInt()).isLessThan(7);
        assertThat(spring.get("nextNeeded").isNull()).isTrue();
        assertThat(spring.get("winsOn").isNull()).isTrue();
        assertThat(spring.get("missing").asText()).contains("no day can win spring-sticker any more: the campaign ended on 2026-04-05")
                .doesNotContain("that day wins");
    }

    @Test
    void anEditedPackSettingsFileIsWhatThatPackRunsWith() throws IOException {
        Path pack = editedSettingsPack();
        Path h = history("five.jsonl", days("m1", List.of("news"), false, march(range(1, 5))));

        assertThat(decided(replay(h.toString(), "--rules", pack.toString()), "m1")).containsExactly("streak-5@2026-03-05T21:00:00+08:00");
        assertThat(decided(replay(h.toString()), "m1")).isEmpty();
        assertThat(Settings.ofPack(pack).campaigns().get(0).id()).isEqualTo("streak-5");
        assertThat(Settings.ofPack(DEFAULT_PACK)).isEqualTo(Settings.defaults());
        CommandRun check = CommandRun.of("check", "--rules", pack.toString());
        assertThat(check.code()).as(check.out() + check.err()).isZero();
    }

    // ---- explain --json agrees with replay, for every member --------------------------------------------

    /**
     * For every member: a campaign shows as decided exactly when replay decided it for them, and a campaign
     * not decided never shows a count at or above its target. Explanations are the JSON {@code explain --json}
     * prints ({@link ExplanationJson}), of an engine that replayed the history like {@code replay} does.
     */
    static int agree(Path history, Path rules, Settings settings) throws IOException {
        List<JsonNode> decisions = rules == null ? replay(history.toString())
                : replay(history.toString(), "--rules", rules.toString());
        Set<String> replayed = new HashSet<>();
        decisions.forEach(d -> replayed.add(d.get("member").asText() + " " + d.get("campaign").asText()));
        RewardsEngine.Builder b = RewardsEngine.builder().settings(settings);
        if (rules != null) {
            b.rules(RulePack.folder(rules));
        }
        int checked = 0;
        try (RewardsEngine engine = b.build(); HistoryReader reader = HistoryReader.open(history)) {
            List<Decision> made = engine.replay(reader);
            assertThat(made).hasSize(decisions.size());
            for (String member : new TreeSet<>(engine.members())) {
                JsonNode e = Json.read(ExplanationJson.toJson(engine.explain(member)));
                for (JsonNode c : e.get("progress").get("campaigns")) {
                    String key = member + " " + c.get("campaign").asText();
                    assertThat(c.get("decided").asBoolean()).as(key + " decided by explain vs replay").isEqualTo(replayed.contains(key));
                    if (!c.get("decided").asBoolean()) {
                        assertThat(c.get("current").get("count").asInt()).as(key + ": " + c.get("missing").asText())
                                .isLessThan(c.get("target").asInt());
                        assertThat(c.get("measure").isNull()).as(key + " has a measure").isFalse();
                    }
                    checked++;
                }
            }
        }
        return checked;
    }

    @Test
    void explainAgreesWithReplayForEveryMemberUnderEveryPack() throws IOException {
        Path demo = Path.of("../examples/histories/demo.jsonl");
        StringWriter generated = new StringWriter();
        new HistoryGenerator(7, 500, 30).write(generated);
        Path five00 = history("generated-500.jsonl", generated.toString());
        Map<String, Path> packs = new LinkedHashMap<>();
        packs.put("default", null);
        packs.put("one-miss", oneMissPack());
        packs.put("new-kind", newKindPack());
        packs.put("edited-settings", editedSettingsPack());
        for (Map.Entry<String, Path> p : packs.entrySet()) {
            Settings settings = p.getValue() == null ? Settings.defaults() : Settings.ofPack(p.getValue());
            for (Path h : List.of(demo, five00)) {
                assertThat(agree(h, p.getValue(), settings)).as(p.getKey() + " on " + h.getFileName()).isPositive();
            }
        }
    }
}
