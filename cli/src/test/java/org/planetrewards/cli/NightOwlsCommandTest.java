package org.planetrewards.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planetrewards.cli.ReplayCommandTest.rewards;

/**
 * A community whose day starts at 04:00 (docs/examples/night-owls): {@code explain} puts a post written at
 * 01:30 under the evening's day and says when days start, and the report counts the decision on that day.
 */
class NightOwlsCommandTest {
    static final String SETTINGS = "../docs/examples/night-owls/settings.json";
    static final String TEXT = "今天用ChatGPT把会议录音整理成了纪要，再让它按负责人拆出待办事项，最后核对了一遍原始记录，省下了差不多一个小时。";

    static Path history(Path dir) throws IOException {
        Path h = dir.resolve("owl.jsonl");
        Files.write(h, List.of(
                "{\"type\":\"checkin\",\"member\":\"owl\",\"at\":\"2026-03-01T22:00:00+08:00\"}",
                "{\"type\":\"post\",\"id\":\"owl-1\",\"member\":\"owl\",\"at\":\"2026-03-02T01:30:00+08:00\",\"tags\":[\"#球友故事#\"],\"text\":\"" + TEXT + "\"}"));
        return h;
    }

    @Test
    void explainShowsThePostOnTheEveningsDayAndWhenDaysStart(@TempDir Path dir) throws IOException {
        CommandRun run = rewards("explain", history(dir).toString(), "--member", "owl", "--settings", SETTINGS);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("owl: 1 counted day, latest activity 2026-03-01 (days in Asia/Shanghai, from 04:00 to 04:00 the next day)\n");
        assertThat(run.out()).contains("2026-03-01  checked in, COUNTED\n    post owl-1 [member-story] version of 2026-03-02T01:30:00+08:00: high quality\n",
                "    REWARD member-story → story-badge decided at 2026-03-02T01:30:00+08:00\n");
        assertThat(run.out()).doesNotContain("2026-03-02  ");
    }

    @Test
    void theReportCountsTheDecisionOnTheCommunityDay(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report.html");
        CommandRun run = rewards("report", history(dir).toString(), "--out", out.toString(), "--settings", SETTINGS);

        assertThat(run.code()).as(run.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", java.util.regex.Pattern.DOTALL)
                .matcher(Files.readString(out));
        assertThat(m.find()).isTrue();
        var data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.group(1));
        assertThat(data.get("zone").asText()).isEqualTo("Asia/Shanghai, days from 04:00");
        assertThat(data.get("start").asText()).isEqualTo("2026-03-01");
        assertThat(data.get("days").asInt()).isEqualTo(1);
        assertThat(data.get("timeline").get("decisions").get(0).asInt()).isEqualTo(1);
    }
}
