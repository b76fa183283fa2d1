package org.planetrewards.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {
    static final Path DEFAULT_PACK = Path.of("../rules/default-pack");
    static final Path HOSTILE = Path.of("../engine/src/test/resources/hostile-rules");
    static final Path MISTAKES = Path.of("../engine/src/test/resources/mistake-rules");
    static final String TAIL = ", which is outside the fact model (rule files are code: allow it only after review, with --allow-unsafe-code)";

    static CommandRun rewards(String... args) {
        return CommandRun.of(args);
    }

    /** A copy of the default pack with more files in it. */
    static Path packWith(Path dir, Path... more) throws IOException {
        Path pack = Files.createDirectories(dir.resolve("pack"));
        try (Stream<Path> files = Files.list(DEFAULT_PACK)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                Files.copy(f, pack.resolve(f.getFileName()));
            }
        }
        for (Path f : more) {
            Files.copy(f, pack.resolve(f.getFileName()));
        }
        return pack;
    }

    @Test
    void theDefaultPackAndSettingsAreClean() {
        CommandRun run = rewards("check");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("rewards check: default pack and default settings: no problems; replays run in batches"
                + System.lineSeparator());
    }

    static final Path BATCHING = Path.of("../engine/src/test/resources/batching");

    @Test
    void aPackWithARuleThatLooksAtEveryonesPostsIsValidAndNotedToReplayOneFactAtATime(@TempDir Path dir) throws IOException {
        Path pack = packWith(dir, BATCHING.resolve("one-at-a-time/quiet-day.drl"));

        CommandRun run = rewards("check", "--rules", pack.toString());

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.lines()).singleElement().asString()
                .startsWith("quiet-day.drl:13:9: note: rule \"A check-in on a quiet day counts\": `PostVersion(...)` under `not`")
                .contains("no equality on `member` (its member) or `id` (its post)", "other members' facts")
                .endsWith("replays of this pack run one fact at a time (slower, same decisions)");
        assertThat(run.err()).endsWith(": no problems; replays run one fact at a time (see the note)" + System.lineSeparator());
    }

    @Test
    void theSameRuleTiedToItsMemberReplaysInBatches(@TempDir Path dir) throws IOException {
        Path pack = packWith(dir, BATCHING.resolve("in-batches/quiet-day.drl"));

        CommandRun run = rewards("check", "--rules", pack.toString());

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).endsWith(": no problems; replays run in batches" + System.lineSeparator());
    }

    @Test
    void theDefaultPackFolderWithItsSettingsWrittenOutIsClean(@TempDir Path dir) throws IOException {
        Path settings = Files.writeString(dir.resolve("rewards.json"), org.planetrewards.Settings.defaults().toJson());

        CommandRun run = rewards("check", "--rules", DEFAULT_PACK.toString(), "--settings", settings.toString());

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void everyHostileFileIsRefusedWithItsFileAndLine() throws IOException {
        CommandRun run = rewards("check", "--rules", HOSTILE.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.lines()).contains(
                "runtime-exec.drl:11:5: error: the consequence of rule \"Run a program whenever a campaign is loaded\" uses java.lang.Runtime" + TAIL,
                "system-exit.drl:11:5: error: the consequence of rule \"Stop the engine on the first check-in\" uses java.lang.System" + TAIL,
                "function-writes-file.drl:8:10: error: function remember uses java.io.FileWriter" + TAIL,
                "reflection-getclass.drl:11:20: error: the consequence of rule \"Call a method by its name\" uses getClass (reflection)" + TAIL);
        try (Stream<Path> files = Files.list(HOSTILE)) {
            for (Path f : files.toList()) {
                assertThat(run.lines()).anyMatch(l -> l.startsWith(f.getFileName() + ":") && l.contains(": error: "));
            }
        }
        assertThat(run.err()).contains("rewards check: " + HOSTILE + " and default settings: ").contains(" errors, ");
    }

    @Test
    void reviewedCodeOutsideTheFactModelPassesOnlyWithTheFlag(@TempDir Path dir) throws IOException {
        Path pack = packWith(dir, HOSTILE.resolve("global-executor.drl"));

        CommandRun refused = rewards("check", "--rules", pack.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.lines()).containsExactly(
                "global-executor.drl:7:8: error: global pool uses java.util.concurrent.ExecutorService" + TAIL);

        CommandRun allowed = rewards("check", "--rules", pack.toString(), "--allow-unsafe-code");
        assertThat(allowed.code()).as(allowed.out() + allowed.err()).isZero();
        assertThat(allowed.err()).contains("code outside the fact model was not checked (--allow-unsafe-code): review the rule files as code");
    }

    @Test
    void adminMistakesAreListed(@TempDir Path dir) throws IOException {
        Path pack = packWith(dir, MISTAKES.resolve("unknown-tag.drl"), MISTAKES.resolve("never-fires.drl"),
                MISTAKES.resolve("unknown-type.drl"));

        CommandRun run = rewards("check", "--rules", pack.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.lines()).containsExactly(
                "never-fires.drl:14:5: warning: rule \"A bonus qualifies for the bonus campaign\" can never fire: it matches Bonus, "
                        + "but neither the engine nor any rule that can fire inserts one (the engine inserts PostVersion, "
                        + "CheckInDay, ModerationState, PostText, Member, CountedDays, AsOf, Tag, QualitySettings and Campaign)",
                "unknown-tag.drl:12:38: warning: rule \"A deep-dive post must be long\" compares tag with \"deep-dve\", which is not "
                        + "a tag id in the settings (tag ids: news, resources, tricks, deep-dive, applications, member-story)",
                "unknown-type.drl:10:5: error: rule \"A member with a badge\" matches Badge, which is not a fact type: it is not in "
                        + "the fact model (org.planetrewards.model), not imported and not declared in the pack");
        assertThat(run.err()).endsWith(": 1 error, 2 warnings" + System.lineSeparator());
    }

    @Test
    void aSettingsErrorIsReportedAtItsJsonPathAndThePackIsStillChecked(@TempDir Path dir) throws IOException {
        Path settings = Files.writeString(dir.resolve("rewards.json"),
                "{\"campaigns\": [{\"id\": \"streak-15\", \"kind\": \"consecutive-days\", \"days\": 15}]}");
        Path pack = packWith(dir, MISTAKES.resolve("never-fires.drl"));

        CommandRun run = rewards("check", "--rules", pack.toString(), "--settings", settings.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.lines()).hasSize(2).last().isEqualTo("rewards.json: $.campaigns[0].reward: error: missing (required)");
        assertThat(run.lines().get(0)).startsWith("never-fires.drl:14:5: warning: ");
    }

    /** An admin fixes a settings file in one pass: every problem is listed, not the first of them. */
    @Test
    void everySettingsProblemIsListedAtOnce(@TempDir Path dir) throws IOException {
        Path settings = Files.writeString(dir.resolve("rewards.json"), """
                {"zone": "Mars/Olympus", "quality": {"minVisibleCharacters": -3}, "tgas": [],
                 "tags": [{"id": "news"}, {"id": "tricks", "label": "玩法"}],
                 "campaigns": [{"id": "a", "kind": "consecutive-days", "reward": "r", "days": 0},
                               {"id": "b", "kind": "tagged-post", "reward": "s", "tag": "news", "colour": "red"}]}
                """);

        CommandRun run = rewards("check", "--settings", settings.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.lines()).containsExactly(
                "rewards.json: $.tgas: error: unknown key (expected one of [campaigns, dayStartsAt, lateness, limits, locale, quality, tags, zone])",
                "rewards.json: $.zone: error: expected a time zone id like \"Asia/Shanghai\" or \"UTC\", found \"Mars/Olympus\"",
                "rewards.json: $.tags[0].label: error: missing (required)",
                "rewards.json: $.quality.minVisibleCharacters: error: expected a whole number of at least 0, found number -3",
                "rewards.json: $.campaigns[0].days: error: expected a whole number of at least 1, found number 0",
                "rewards.json: $.campaigns[1].colour: error: unknown key (expected one of [activeFrom, activeUntil, days, graceDays, id, kind, levels, repeat, revocableFor, reward, tag, window])");
        assertThat(run.err()).contains("6 errors, 0 warnings");
        // A command that runs the engine names the first and says there are more.
        CommandRun replay = rewards("replay", "../examples/histories/demo.jsonl", "--settings", settings.toString());
        assertThat(replay.code()).isEqualTo(Rewards.INVALID_INPUT);
        assertThat(replay.err()).contains("$.tgas: unknown key").contains("and 5 more problems in this file");
    }

    @Test
    void settingsThatTheRulesCannotHonourAreWarned(@TempDir Path dir) throws IOException {
        Path settings = Files.writeString(dir.resolve("rewards.json"), "{\"campaigns\": ["
                + "{\"id\": \"story\", \"kind\": \"tagged-post\", \"reward\": \"story-badge\", \"tag\": \"member-stroy\"}]}");

        CommandRun run = rewards("check", "--settings", settings.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.lines()).containsExactly("rewards.json: $.campaigns[0].tag: warning: campaign \"story\" asks for tag "
                + "\"member-stroy\", which is not a tag id in $.tags, so it can never be won (tag ids: news, resources, tricks, "
                + "deep-dive, applications, member-story)");
    }

    @Test
    void filesThatCannotBeReadExitWithTwo(@TempDir Path dir) {
        assertThat(rewards("check", "--rules", dir.resolve("missing").toString()).code()).isEqualTo(2);
        CommandRun run = rewards("check", "--settings", dir.resolve("missing.json").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("rewards: no such file: ");
    }
}
