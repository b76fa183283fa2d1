package org.planetrewards.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planetrewards.cli.ReplayCommandTest.rewards;

/** {@code rewards replay --settings FILE}. */
class ReplaySettingsTest {
    @Test
    void theShippedDefaultSettingsFileReplaysLikeNoSettingsAtAll() {
        CommandRun plain = rewards("replay", "../examples/histories/demo.jsonl");
        CommandRun withFile = rewards("replay", "../examples/histories/demo.jsonl", "--settings", "../rules/default-pack/settings.json");

        assertThat(withFile.code()).as(withFile.err()).isZero();
        assertThat(withFile.out()).isEqualTo(plain.out()).isNotEmpty();
    }

    @Test
    void aSettingsFileChangesTheDecisions() {
        CommandRun run = rewards("replay", "../examples/histories/demo.jsonl", "--settings", "../examples/settings/ten-in-twenty.json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(17)
                .contains("{\"member\":\"zhang\",\"campaign\":\"window-15-of-30\",\"reward\":\"openai-key\",\"decidedAt\":"
                        + "\"2026-03-12T22:52:00+08:00\",\"days\":[\"2026-03-03\",\"2026-03-04\",\"2026-03-05\",\"2026-03-06\","
                        + "\"2026-03-07\",\"2026-03-08\",\"2026-03-09\",\"2026-03-10\",\"2026-03-11\",\"2026-03-12\"]}");
    }

    @Test
    void anUnusableSettingsFileIsExit2WithFileAndJsonPath(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("rewards.json");
        Files.writeString(bad, "{\"campaigns\": [{\"id\": \"a\", \"kind\": \"consecutive-days\", \"reward\": \"r\", \"days\": 0}]}");

        CommandRun run = rewards("replay", "../examples/histories/demo.jsonl", "--settings", bad.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("rewards: rewards.json: $.campaigns[0].days: expected a whole number of at least 1, found number 0");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingSettingsFileIsExit2() {
        CommandRun run = rewards("replay", "../examples/histories/demo.jsonl", "--settings", "no-such-settings.json");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-settings.json");
    }
}
