package org.planetrewards.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planetrewards.testing.Scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide's worked examples run as a reader runs them, {@code rewards test docs/examples}: each folder's
 * settings.json and rule files are picked up by the command, with nothing else on the command line.
 */
class DocExamplesCommandTest {
    static final Path EXAMPLES = Path.of("../docs/examples");

    @Test
    void theDocumentedExamplesPass() {
        CommandRun run = CommandRun.of("test", EXAMPLES.toString());

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.lines()).allMatch(l -> l.startsWith("PASS ")).hasSize(Scenarios.find(EXAMPLES).size());
    }

    @Test
    void withoutItsSettingsAnExampleFailsAndSettingsGivesThemBack(@TempDir Path dir) throws IOException {
        Path example = EXAMPLES.resolve("change-a-threshold");
        Path scenario = dir.resolve("ten-in-twenty.scenario.jsonl");
        Files.copy(example.resolve("ten-in-twenty.scenario.jsonl"), scenario);

        CommandRun alone = CommandRun.of("test", dir.toString());
        CommandRun given = CommandRun.of("test", dir.toString(), "--settings", example.resolve("settings.json").toString());
        Files.copy(example.resolve("settings.json"), dir.resolve("settings.json"));
        CommandRun beside = CommandRun.of("test", dir.toString());

        assertThat(alone.code()).isEqualTo(TestCommand.FAILED);
        assertThat(given.code()).as(given.out()).isZero();
        assertThat(beside.code()).as(beside.out()).isZero();
    }

    @Test
    void aRulesFolderBesideTheScenariosIsTheirWholePack(@TempDir Path dir) throws IOException {
        Files.copy(EXAMPLES.resolve("add-a-campaign/analyst-seven-days.scenario.jsonl"), dir.resolve("a.scenario.jsonl"));
        Files.copy(EXAMPLES.resolve("add-a-campaign/settings.json"), dir.resolve("settings.json"));
        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (Path drl : Files.list(Path.of("../rules/default-pack")).filter(p -> p.toString().endsWith(".drl")).toList()) {
            Files.copy(drl, rules.resolve(drl.getFileName()));
        }

        CommandRun withoutTheNewRule = CommandRun.of("test", dir.toString());
        Files.copy(EXAMPLES.resolve("add-a-campaign/campaign-tagged-days-in-a-row.drl"), rules.resolve("campaign-tagged-days-in-a-row.drl"));
        CommandRun withIt = CommandRun.of("test", dir.toString());

        assertThat(withoutTheNewRule.code()).isNotZero();
        assertThat(withIt.code()).as(withIt.out() + withIt.err()).isZero();
    }
}
