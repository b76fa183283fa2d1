package org.planetrewards.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planetrewards.cli.ReplayCommandTest.rewards;

/** {@code rewards test DIR}: scenario files as a tester runs them. */
class TestCommandTest {
    static final Path SCENARIOS = Path.of("../engine-testing/src/test/scenarios");

    static final String STORY = "{\"type\":\"post\",\"id\":\"s1\",\"member\":\"m1\",\"at\":\"2026-03-01T21:00:00+08:00\","
            + "\"tags\":[\"球友故事\"],\"text\":\"my short story\"}";
    static final String FEATURE = "{\"type\":\"moderation\",\"post\":\"s1\",\"action\":\"feature\",\"at\":\"2026-03-02T10:00:00+08:00\"}";
    /** Expects the badge when the post arrives: but a 14-character story is high quality only once featured. */
    static final String EXPECT_AT_POST = "{\"expect\":{\"member\":\"m1\",\"campaign\":\"member-story\",\"decidedAt\":\"2026-03-01T21:00:00+08:00\"}}";

    static void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    }

    @Test
    void aFolderOfPassingScenariosPasses(@TempDir Path dir) throws IOException {
        for (String name : List.of("streak-basic", "member-story-badge", "moderation-before-post-waits")) {
            Files.copy(SCENARIOS.resolve(name + ".scenario.jsonl"), dir.resolve(name + ".scenario.jsonl"));
        }
        Files.writeString(dir.resolve("notes.txt"), "not a scenario");

        CommandRun run = rewards("test", dir.toString());

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out().lines()).hasSize(3).allMatch(l -> l.startsWith("PASS "));
        assertThat(run.out()).contains("PASS streak-basic.scenario.jsonl — fifteen good days in a row win both check-in rewards");
        assertThat(run.err()).contains("rewards test: 3 scenarios: 3 passed, 0 failed, 0 malformed (default pack, default settings)");
    }

    @Test
    void theShippedScenariosPassAgainstTheRuleFolder() {
        CommandRun run = rewards("test", SCENARIOS.toString(), "--rules", "../rules/default-pack");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain("FAIL", "MALFORMED");
    }

    @Test
    void aFailingScenarioNamesTheFactWhereExpectedAndActualPart(@TempDir Path dir) throws IOException {
        write(dir.resolve("ok/streak.scenario.jsonl"), Files.readAllLines(SCENARIOS.resolve("member-story-badge.scenario.jsonl")).toArray(String[]::new));
        write(dir.resolve("story.scenario.jsonl"),
                "{\"scenario\":\"a short story wins when posted\",\"intent\":\"wrong on purpose: it needs the feature\"}",
                STORY, FEATURE, EXPECT_AT_POST);

        CommandRun run = rewards("test", dir.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("PASS ok/streak.scenario.jsonl",
                "FAIL story.scenario.jsonl — a short story wins when posted\n",
                "  - decision at line 4 differs: decidedAt 2026-03-02T10:00+08:00 instead of 2026-03-01T21:00+08:00\n",
                "      expected: m1 member-story at 2026-03-01T21:00+08:00, caused by line 2 (stamped 2026-03-01T21:00+08:00)\n",
                "      actual:   {\"member\":\"m1\",\"campaign\":\"member-story\",\"reward\":\"story-badge\","
                        + "\"decidedAt\":\"2026-03-02T10:00:00+08:00\",\"days\":[\"2026-03-01\"]}, caused by line 3\n",
                "    first divergence after line 2: " + STORY + "\n");
        assertThat(run.err()).contains("2 scenarios: 1 passed, 1 failed, 0 malformed");
    }

    @Test
    void aMissingDecisionNamesTheFactStampedWithItsDecidedAt(@TempDir Path dir) throws IOException {
        write(dir.resolve("story.scenario.jsonl"), "{\"scenario\":\"a short story wins\"}", STORY, EXPECT_AT_POST);

        CommandRun run = rewards("test", dir.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("  - expected decision #1 (line 3) m1/member-story did not happen\n",
                "      expected: m1 member-story at 2026-03-01T21:00+08:00, caused by line 2",
                "      actual:   none\n",
                "    first divergence after line 2: " + STORY + "\n");
    }

    @Test
    void aMalformedScenarioIsRefusedWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.copy(SCENARIOS.resolve("streak-basic.scenario.jsonl"), dir.resolve("good.scenario.jsonl"));
        write(dir.resolve("bad.scenario.jsonl"), "{\"scenario\":\"no member\"}", STORY,
                "{\"expect\":{\"campaign\":\"member-story\"}}");
        write(dir.resolve("headless.scenario.jsonl"), STORY);

        CommandRun run = rewards("test", dir.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).contains("MALFORMED bad.scenario.jsonl: bad.scenario.jsonl:3: expectation is missing \"member\"\n",
                "MALFORMED headless.scenario.jsonl: headless.scenario.jsonl:1: the first line must be the header",
                "PASS good.scenario.jsonl");
        assertThat(run.err()).contains("3 scenarios: 1 passed, 0 failed, 2 malformed");
    }

    @Test
    void aFolderWithoutScenariosIsAnError(@TempDir Path dir) {
        CommandRun empty = rewards("test", dir.toString());
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("no scenario files (*.scenario.jsonl) under");

        CommandRun missing = rewards("test", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such folder");
    }
}
