package org.planetrewards.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of {@code rewards bench}: it runs end to end on a tiny generated history and reports
 * every mode. It proves the instrument works; it never asserts a timing (CI machines are noisy).
 */
class BenchCommandTest {
    @TempDir
    static Path dir;
    static Path history;

    static CommandRun rewards(String... args) {
        return CommandRun.of(args);
    }

    @BeforeAll
    static void tinyHistory() throws IOException {
        history = dir.resolve("tiny.jsonl");
        try (Writer w = Files.newBufferedWriter(history, StandardCharsets.UTF_8)) {
            new org.planetrewards.generate.HistoryGenerator(1, 20, 5).write(w);
        }
    }

    @Test
    void printsARowPerModeTheRatiosAndTheHeap() {
        CommandRun run = rewards("bench", history.toString(), "--warmup", "0", "--runs", "1", "--checkpoint-day", "3", "--latency");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("history   tiny.jsonl")
                .contains("facts/s", "vs parse", "decisions", "peak MB", "retained MB", "B/member")
                .contains("parse only", "parse + reference", "parse + engine")
                .contains("ratio (3)/(1) engine / parse:", "ratio (2)/(1) reference / parse:")
                .contains("decisions: engine and reference agree")
                .contains("retained  parse + engine", "empty:", "day 3:", "(end)")
                .contains("live path: one further day", "p50", "p99", "p99.9", "max")
                .doesNotContain("WARNING", "FAILED");
        assertThat(run.err()).contains("parse + engine run 1/1");
    }

    @Test
    void skippedModesLeaveTheirRowsOut() {
        CommandRun run = rewards("bench", history.toString(), "--warmup", "0", "--runs", "1", "--skip-reference", "--skip-engine");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("parse only", "ratio (3)/(1) engine / parse:    n/a")
                .doesNotContain("parse + reference ", "parse + engine ");
    }

    @Test
    void jsonReportHasEveryMode() throws IOException {
        CommandRun run = rewards("bench", history.toString(), "--warmup", "1", "--warmup-facts", "50", "--runs", "2", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.at("/history/members").asInt()).isBetween(1, 20); // members who checked in or posted
        for (String mode : new String[] {"parse", "reference", "engine"}) {
            assertThat(doc.at("/modes/" + mode + "/ok").asBoolean()).as(mode).isTrue();
            assertThat(doc.at("/modes/" + mode + "/runs").size()).as(mode).isEqualTo(2);
            assertThat(doc.at("/modes/" + mode + "/factsPerSecond").isNumber()).as(mode).isTrue();
        }
        assertThat(doc.at("/ratios/engineToParse").isNumber()).isTrue();
        assertThat(doc.at("/decisionsAgree").asBoolean()).isTrue();
    }

    @Test
    void aMissingFileIsInvalidInput() {
        CommandRun run = rewards("bench", dir.resolve("nope.jsonl").toString());
        assertThat(run.code()).isEqualTo(Rewards.INVALID_INPUT);
        assertThat(run.err()).contains("no such file");
    }
}
