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

/** {@code rewards diff}: one history, two configurations, what changes. */
class DiffCommandTest {
    static final String DEMO = "../examples/histories/demo.jsonl";
    static final String TEN_IN_TWENTY = "../examples/settings/ten-in-twenty.json";
    static final String DEFAULT_PACK = "../rules/default-pack";

    /** The demo history, default settings against "10 in 20": the window campaign only, by member. */
    static final List<String> DEMO_TEN_IN_TWENTY = List.of(
            "appears  chen   window-15-of-30  -                         -> 2026-03-20T21:42:00+08:00  openai-key",
            "moves    gao    window-15-of-30  2026-03-27T07:50:00+08:00 -> 2026-03-30T20:13:00+08:00  openai-key",
            "moves    he     window-15-of-30  2026-04-03T10:00:00+08:00 -> 2026-03-25T21:50:00+08:00  openai-key",
            "moves    li     window-15-of-30  2026-03-18T23:50:00+08:00 -> 2026-03-11T20:01:00+08:00  openai-key",
            "moves    mei    window-15-of-30  2026-03-15T21:00:00+08:00 -> 2026-03-10T21:15:00+08:00  openai-key",
            "appears  sun    window-15-of-30  -                         -> 2026-03-20T21:46:00+08:00  openai-key",
            "appears  zhang  window-15-of-30  -                         -> 2026-03-12T22:52:00+08:00  openai-key",
            "3 appeared, 0 disappeared, 4 moved, 10 unchanged (old: 14 decisions, new: 17 decisions)");

    @Test
    void aSingleSettingsFileIsComparedWithTheDefaults() {
        CommandRun run = rewards("diff", DEMO, "--settings", TEN_IN_TWENTY);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactlyElementsOf(DEMO_TEN_IN_TWENTY);
        assertThat(run.err()).contains("old = default pack + default settings; new = default pack + " + Path.of(TEN_IN_TWENTY));
    }

    @Test
    void theSameAsGivingTheDefaultSettingsFileFirst() {
        CommandRun run = rewards("diff", DEMO, "--settings", DEFAULT_PACK + "/settings.json", "--settings", TEN_IN_TWENTY);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactlyElementsOf(DEMO_TEN_IN_TWENTY);
    }

    @Test
    void rulesAndSettingsEachGivenOnceAreNewAgainstTheDefaults() {
        CommandRun run = rewards("diff", DEMO, "--rules", DEFAULT_PACK, "--settings", TEN_IN_TWENTY);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactlyElementsOf(DEMO_TEN_IN_TWENTY);
        assertThat(run.err()).contains("old = default pack + default settings; new = " + DEFAULT_PACK + " + " + Path.of(TEN_IN_TWENTY));
    }

    @Test
    void swappedSidesSwapAppearAndDisappear() {
        CommandRun run = rewards("diff", DEMO, "--settings", TEN_IN_TWENTY, "--settings", DEFAULT_PACK + "/settings.json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines()).contains(
                "disappears  zhang  window-15-of-30  2026-03-12T22:52:00+08:00 -> -                          openai-key",
                "moves       mei    window-15-of-30  2026-03-10T21:15:00+08:00 -> 2026-03-15T21:00:00+08:00  openai-key");
        assertThat(run.out().lines().toList()).last()
                .isEqualTo("0 appeared, 3 disappeared, 4 moved, 10 unchanged (old: 17 decisions, new: 14 decisions)");
    }

    @Test
    void twoRuleFoldersWithTheSameSettingsOnBothSides(@TempDir Path dir) throws IOException {
        Path noStories = dir.resolve("no-stories");
        Files.createDirectories(noStories);
        try (var files = Files.list(Path.of(DEFAULT_PACK))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".drl") && !f.endsWith("campaign-tagged-post.drl")).toList()) {
                Files.copy(f, noStories.resolve(f.getFileName()));
            }
        }

        CommandRun run = rewards("diff", DEMO, "--rules", DEFAULT_PACK, "--rules", noStories.toString(),
                "--settings", TEN_IN_TWENTY);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(9).allSatisfy(l -> assertThat(l).containsAnyOf("disappeared", "member-story"));
        assertThat(run.out().lines().toList()).first().isEqualTo(
                "disappears  chen   member-story  2026-03-02T19:40:00+08:00 -> -                          story-badge");
        assertThat(run.out().lines().toList()).last()
                .isEqualTo("0 appeared, 8 disappeared, 0 moved, 9 unchanged (old: 17 decisions, new: 9 decisions)");
        assertThat(run.err()).contains("old = " + DEFAULT_PACK + " + " + Path.of(TEN_IN_TWENTY))
                .contains("new = " + noStories + " + " + Path.of(TEN_IN_TWENTY));
    }

    @Test
    void noDifferenceIsASummaryOnly() {
        CommandRun run = rewards("diff", DEMO);

        assertThat(run.code()).isZero();
        assertThat(run.out().lines()).containsExactly("0 appeared, 0 disappeared, 0 moved, 14 unchanged (old: 14 decisions, new: 14 decisions)");
    }

    @Test
    void theOutputIsTheSameEveryTime() {
        assertThat(rewards("diff", DEMO, "--settings", TEN_IN_TWENTY).out())
                .isEqualTo(rewards("diff", DEMO, "--settings", TEN_IN_TWENTY).out());
    }

    @Test
    void anInvalidHistoryLineIsExit2WithFileAndLine(@TempDir Path dir) throws IOException {
        Path history = dir.resolve("broken.jsonl");
        Files.write(history, List.of("{\"type\":\"checkin\",\"member\":\"m1\",\"at\":\"2026-03-01T08:00:00+08:00\"}",
                "{\"type\":\"checkin\",\"member\":\"m1\",\"at\":\"2026-03-02T08:00:00\"}"), StandardCharsets.UTF_8);

        CommandRun run = rewards("diff", history.toString(), "--settings", TEN_IN_TWENTY);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("broken.jsonl:2: checkin \"at\" has no offset");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anInvalidSettingsFileIsExit2WithFileAndJsonPath(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"quality\": {\"minVisibleCharacters\": \"50\"}}");

        CommandRun run = rewards("diff", DEMO, "--settings", TEN_IN_TWENTY, "--settings", bad.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("rewards: bad.json: $.quality.minVisibleCharacters: expected a whole number of at least 0, "
                + "found string \"50\"");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aBrokenRuleFolderIsExit2WithFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.drl"), "package x;\nrule \"never closed\"\nwhen\n  eval(true\nthen\nend\n");

        CommandRun run = rewards("diff", DEMO, "--rules", DEFAULT_PACK, "--rules", dir.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("broken.drl:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void moreThanTwoOfAnOptionIsExit2() {
        CommandRun run = rewards("diff", DEMO, "--settings", TEN_IN_TWENTY, "--settings", TEN_IN_TWENTY,
                "--settings", TEN_IN_TWENTY);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("at most twice");
    }

    @Test
    void aMissingHistoryIsExit2() {
        CommandRun run = rewards("diff", "no-such-history.jsonl");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-history.jsonl");
    }
}
