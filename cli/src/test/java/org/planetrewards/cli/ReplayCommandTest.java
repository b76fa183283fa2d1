package org.planetrewards.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay command, as a tester runs it. */
class ReplayCommandTest {
    static final Path GOLDEN = Path.of("../reference/src/test/resources/golden");

    static CommandRun rewards(String... args) {
        return CommandRun.of(args);
    }

    /**
     * The golden files were produced by an independent implementation of docs/default-rules.md. Their README says
     * to compare member, campaign, reward and the decidedAt instant; the evidence may differ.
     */
    @ParameterizedTest
    @ValueSource(strings = {"streak-basic", "window-with-gaps", "community-mix"})
    void replayAgreesWithTheIndependentImplementation(String name) throws IOException {
        CommandRun run = rewards("replay", GOLDEN.resolve(name + ".jsonl").toString());

        assertThat(run.code()).as(run.err()).isZero();
        List<String> expected = Files.readAllLines(GOLDEN.resolve(name + ".expected.jsonl"));
        assertThat(keys(run.out().lines().toList())).containsExactlyElementsOf(keys(expected));
        assertThat(run.err()).contains("replayed").contains(name + ".jsonl");
    }

    private static List<String> keys(List<String> decisionLines) {
        return decisionLines.stream().map(l -> {
            var node = Json.read(l);
            return node.get("member").asText() + " " + node.get("campaign").asText() + " " + node.get("reward").asText()
                    + " " + OffsetDateTime.parse(node.get("decidedAt").asText()).toInstant();
        }).toList();
    }

    @Test
    void invalidLineStopsTheReplayWithFileAndLineAndNothingAfterIt(@TempDir Path dir) throws IOException {
        List<String> streak = Files.readAllLines(GOLDEN.resolve("streak-basic.jsonl"));
        // The 15th post (line 30) makes both decisions; break the history right before it.
        List<String> broken = new java.util.ArrayList<>(streak.subList(0, 29));
        broken.add("{\"type\":\"post\",\"id\":\"x\",\"member\":\"mei\",\"at\":\"2026-03-15T20:10:00+08:00\"}");
        broken.addAll(streak.subList(29, streak.size()));
        Path file = dir.resolve("broken.jsonl");
        Files.write(file, broken, StandardCharsets.UTF_8);

        CommandRun run = rewards("replay", file.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("broken.jsonl:30: post is missing \"text\"");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void decisionsBeforeTheBadLineAreKept(@TempDir Path dir) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(GOLDEN.resolve("streak-basic.jsonl")));
        lines.add("{\"type\":\"checkin\",\"member\":\"mei\",\"at\":\"2026-03-20T08:00:00\"}");
        Path file = dir.resolve("late-error.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);

        CommandRun run = rewards("replay", file.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("late-error.jsonl:" + lines.size() + ": checkin \"at\" has no offset");
        assertThat(run.out().lines()).hasSize(2);
    }

    @Test
    void missingHistoryFileIsInvalidInput() {
        CommandRun run = rewards("replay", "no-such-history.jsonl");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-history.jsonl");
    }

    @Test
    void brokenRuleFolderIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.drl"), "package x;\nrule \"never closed\"\nwhen\n  eval(true\nthen\nend\n");

        CommandRun run = rewards("replay", GOLDEN.resolve("streak-basic.jsonl").toString(), "--rules", dir.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("broken.drl:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theDefaultPackFolderReplaysLikeTheJar() {
        CommandRun jar = rewards("replay", GOLDEN.resolve("community-mix.jsonl").toString());
        CommandRun folder = rewards("replay", GOLDEN.resolve("community-mix.jsonl").toString(), "--rules", "../rules/default-pack");

        assertThat(folder.code()).isZero();
        assertThat(folder.out()).isEqualTo(jar.out()).isNotEmpty();
    }
}
