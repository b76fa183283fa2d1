package org.planetrewards.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The conventions a user brings from other command lines: help, version, standard input, honest messages. */
class CliConventionsTest {
    static final Path DEMO = Path.of("../examples/histories/demo.jsonl");
    static final String CHECKIN = "{\"type\":\"checkin\",\"member\":\"mei\",\"at\":\"2026-03-01T08:00:00+08:00\"}";
    static final String STORY = "{\"type\":\"post\",\"id\":\"p1\",\"member\":\"mei\",\"at\":\"2026-03-01T21:00:00+08:00\","
            + "\"tags\":[\"#球友故事#\"],\"text\":\"我第一次用 ChatGPT 是帮孩子改作文，后来用它写周报、查资料、学英语、做旅行计划，现在每天都离不开它。\"}";

    @Test
    void noArgumentsPrintsTheUsageAndSucceeds() {
        CommandRun run = CommandRun.of();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Usage: rewards").contains("replay", "check", "help", "generate-completion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "check", "diff", "test", "explain", "report", "rankings", "generate", "bench",
            "generate-completion"})
    void everyCommandHasHelpAndVersion(String command) {
        // picocli says what it cannot format (a lone % in a description) on System.err, not on the command's own stream
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream picocliSaid = new java.io.ByteArrayOutputStream();
        CommandRun help;
        try {
            System.setErr(new java.io.PrintStream(picocliSaid, true, StandardCharsets.UTF_8));
            help = CommandRun.of(command, "--help");
        } finally {
            System.setErr(before);
        }
        assertThat(picocliSaid.toString(StandardCharsets.UTF_8)).as("what picocli said of " + command + "'s help").isEmpty();
        CommandRun shortHelp = CommandRun.of(command, "-h");
        CommandRun version = CommandRun.of(command, "--version");

        assertThat(help.code()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: rewards " + command);
        assertThat(shortHelp.out()).isEqualTo(help.out());
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("rewards ");
    }

    @Test
    void helpNamesACommand() {
        CommandRun run = CommandRun.of("help", "check");

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo(CommandRun.of("check", "--help").out());
    }

    @Test
    void shellCompletionKnowsTheCommandsAndTheirOptions() {
        CommandRun run = CommandRun.of("generate-completion");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("complete -F").contains("replay").contains("--skip-invalid");
    }

    @Test
    void dashReadsTheHistoryFromStandardInput() throws IOException {
        String history = Files.readString(DEMO, StandardCharsets.UTF_8);

        CommandRun fromFile = CommandRun.of("replay", DEMO.toString());
        CommandRun fromStdin = CommandRun.withStdin(history, "replay", "-");

        assertThat(fromStdin.code()).as(fromStdin.err()).isZero();
        assertThat(fromStdin.out()).isNotEmpty().isEqualTo(fromFile.out());
        assertThat(fromStdin.err()).contains("of stdin");
    }

    @Test
    void diffReadsStandardInputOnBothSides() throws IOException {
        String history = Files.readString(DEMO, StandardCharsets.UTF_8);

        CommandRun run = CommandRun.withStdin(history, "diff", "-", "--settings", "../examples/settings/ten-in-twenty.json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(CommandRun.of("diff", DEMO.toString(), "--settings", "../examples/settings/ten-in-twenty.json").out());
    }

    @Test
    void anIgnoredKeyIsCountedWithItsFirstLine() {
        // "link" for "links": a typo that silently drops the source link a deep-dive post needs.
        String typo = "{\"type\":\"post\",\"id\":\"p%d\",\"member\":\"mei\",\"at\":\"2026-03-0%dT21:00:00+08:00\",\"tags\":[\"深度\"],"
                + "\"link\":[\"https://openai.com\"],\"text\":\"x\"}";
        String history = String.join("\n", CHECKIN, typo.formatted(1, 1), typo.formatted(2, 2), typo.formatted(3, 3)) + "\n";

        CommandRun run = CommandRun.withStdin(history, "replay", "-");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("ignored 3 unknown keys: link (3); the first on line 2");
    }

    @Test
    void aCleanHistorySaysNothingAboutKeys() {
        CommandRun run = CommandRun.of("replay", DEMO.toString());

        assertThat(run.err()).doesNotContain("unknown key");
    }

    @Test
    void countsAreWrittenInTheSingularForOne(@TempDir Path dir) throws IOException {
        CommandRun run = CommandRun.withStdin(CHECKIN + "\n" + STORY + "\n", "replay", "-");
        Path html = dir.resolve("r.html");
        CommandRun report = CommandRun.withStdin(CHECKIN + "\n" + STORY + "\n", "report", "-", "--out", html.toString());

        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.err()).contains("replayed 2 lines of stdin: 1 decision {member-story=1}");
        assertThat(report.err()).contains("1 member, 1 decision");
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "explain", "report", "diff"})
    void everyCommandThatReadsAHistoryCanSkipInvalidLines(String command, @TempDir Path dir) {
        String history = CHECKIN + "\n{\"type\":\"post\",\"id\":\"p0\"}\n" + STORY + "\n";
        List<String> args = new ArrayList<>(List.of(command, "-"));
        if (command.equals("explain")) {
            args.addAll(List.of("--member", "mei"));
        }
        if (command.equals("report")) {
            args.addAll(List.of("--out", dir.resolve("r.html").toString()));
        }

        CommandRun strict = CommandRun.withStdin(history, args.toArray(String[]::new));
        args.add("--skip-invalid");
        CommandRun lenient = CommandRun.withStdin(history, args.toArray(String[]::new));

        assertThat(strict.code()).isEqualTo(Rewards.INVALID_INPUT);
        assertThat(strict.err()).contains("stdin:2: post is missing").doesNotContain("skipped");
        assertThat(lenient.code()).as(lenient.err()).isZero();
        assertThat(lenient.err()).contains("skipped stdin:2: post is missing").contains("skipped 1 invalid line of stdin");
    }

    @Test
    void aBadDateIsToldInTheUsersWords() {
        CommandRun run = CommandRun.of("explain", DEMO.toString(), "--member", "zhang", "--date", "2026-13-01");

        assertThat(run.code()).isEqualTo(Rewards.INVALID_INPUT);
        assertThat(run.err()).contains("'2026-13-01' is not a date; write it like 2026-03-14")
                .doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void brokenJsonIsToldWithoutTheParsersInternals() {
        CommandRun run = CommandRun.withStdin(CHECKIN + "\n{\"type\":\"post\",\"tags\":[\"a\"\n", "replay", "-");

        assertThat(run.code()).isEqualTo(Rewards.INVALID_INPUT);
        assertThat(run.err()).contains("stdin:2: invalid JSON").doesNotContain("Source").doesNotContain("REDACTED")
                .doesNotContain("StreamReadFeature");
    }

    @Test
    void strictModeNeverSaysALineWasSkipped() {
        String tooLong = "{\"type\":\"checkin\",\"member\":\"" + "m".repeat(70_000) + "\"}";

        CommandRun run = CommandRun.withStdin(CHECKIN + "\n" + tooLong + "\n", "replay", "-");

        assertThat(run.code()).isEqualTo(Rewards.INVALID_INPUT);
        assertThat(run.err()).contains("stdin:2: line is longer than 65536 bytes").doesNotContain("skipped");
    }

    @Test
    void reviewedRuleCodeRunsWithAllowUnsafeCode(@TempDir Path dir) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (Path drl : Files.list(Path.of("../rules/default-pack")).filter(p -> p.toString().endsWith(".drl")).toList()) {
            Files.copy(drl, rules.resolve(drl.getFileName()));
        }
        String tags = Files.readString(rules.resolve("tags.drl"), StandardCharsets.UTF_8);
        Files.writeString(rules.resolve("tags.drl"), tags.replaceFirst("\\bthen\\b", "then\n        System.getProperty(\"user.dir\");"),
                StandardCharsets.UTF_8);
        String history = CHECKIN + "\n" + STORY + "\n";

        CommandRun refused = CommandRun.withStdin(history, "replay", "-", "--rules", rules.toString());
        CommandRun allowed = CommandRun.withStdin(history, "replay", "-", "--rules", rules.toString(), "--allow-unsafe-code");
        CommandRun explained = CommandRun.withStdin(history, "explain", "-", "--member", "mei", "--rules", rules.toString(),
                "--allow-unsafe-code");

        assertThat(refused.code()).isEqualTo(Rewards.INVALID_INPUT);
        assertThat(refused.err()).contains("java.lang.System").contains("--allow-unsafe-code");
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(allowed.out()).contains("member-story");
        assertThat(explained.code()).as(explained.err()).isZero();
    }
}
