package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every way a settings file is refused, as the rule check prints it: the file, the JSON path of the
 * offending value, and what was expected.
 */
class SettingsProblemsTest {

    static String problem(String json) {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> Settings.parse("rewards.json", json));
        assertThat(e).as("refused: " + json).isNotNull();
        RuleProblem p = RuleProblem.of(e);
        assertThat(p.isError()).isTrue();
        assertThat(p.file()).isEqualTo("rewards.json");
        assertThat(p.jsonPath()).isEqualTo(e.path());
        return p.toString();
    }

    @Test
    void invalidJson() {
        assertThat(problem("{\"zone\": }")).startsWith("rewards.json: $: error: invalid JSON at line 1, column 10: ");
    }

    @Test
    void anUnknownKey() {
        assertThat(problem("{\"zones\": \"UTC\"}")).isEqualTo(
                "rewards.json: $.zones: error: unknown key (expected one of [campaigns, dayStartsAt, lateness, limits, locale, quality, tags, zone])");
    }

    @Test
    void aDayStartThatIsNotAnHourAndMinuteOnA24HourClock() {
        for (String bad : new String[]{"\"4:00\"", "\"04:00:30\"", "\"24:00\"", "\"4am\"", "4", "\"\""}) {
            assertThat(problem("{\"dayStartsAt\": " + bad + "}")).isEqualTo("rewards.json: $.dayStartsAt: error: expected a time of day"
                    + " like \"04:00\" (hours 00 to 23, minutes, on the community's clock), found " + (bad.startsWith("\"") ? "string " : "number ") + bad);
        }
        assertThat(Settings.parse("rewards.json", "{\"dayStartsAt\": \"23:59\"}").dayStartsAt()).isEqualTo(java.time.LocalTime.of(23, 59));
    }

    @Test
    void aCapOfNoPostsOrARepeatSettingThatIsNotABoolean() {
        assertThat(problem("{\"quality\": {\"minVisibleCharacters\": 50, \"maxCountedPostsPerDay\": 0}}")).isEqualTo(
                "rewards.json: $.quality.maxCountedPostsPerDay: error: expected a whole number of at least 1, found number 0");
        assertThat(problem("{\"quality\": {\"minVisibleCharacters\": 50, \"refuseRepeatedText\": \"yes\"}}")).isEqualTo(
                "rewards.json: $.quality.refuseRepeatedText: error: expected true or false, found string \"yes\"");
        assertThat(problem("{\"quality\": {\"minVisibleCharacters\": 50, \"minMinutesAfterCheckIn\": 0.5}}")).isEqualTo(
                "rewards.json: $.quality.minMinutesAfterCheckIn: error: expected a whole number of at least 1, found number 0.5");
    }

    @Test
    void aWrongType() {
        assertThat(problem("{\"tags\": {}}")).isEqualTo("rewards.json: $.tags: error: expected an array, found object {}");
        assertThat(problem("{\"quality\": {\"minVisibleCharacters\": \"50\"}}")).isEqualTo(
                "rewards.json: $.quality.minVisibleCharacters: error: expected a whole number of at least 0, found string \"50\"");
    }

    @Test
    void aMissingRequiredValue() {
        assertThat(problem("{\"tags\": [{\"id\": \"news\"}]}")).isEqualTo("rewards.json: $.tags[0].label: error: missing (required)");
    }

    @Test
    void anUnknownZone() {
        assertThat(problem("{\"zone\": \"Mars/Olympus\"}")).isEqualTo(
                "rewards.json: $.zone: error: expected a time zone id like \"Asia/Shanghai\" or \"UTC\", found \"Mars/Olympus\"");
    }

    @Test
    void aTagWordUsedTwice() {
        assertThat(problem("{\"tags\": [{\"id\": \"news\", \"label\": \"新闻\"}, {\"id\": \"NEWS\", \"label\": \"x\"}]}")).isEqualTo(
                "rewards.json: $.tags[1].id: error: \"NEWS\" already names another tag (ids and labels are compared ignoring case)");
    }

    @Test
    void aCampaignWithNoReward() {
        assertThat(problem("{\"campaigns\": [{\"id\": \"a\", \"kind\": \"consecutive-days\", \"days\": 3}]}")).isEqualTo(
                "rewards.json: $.campaigns[0].reward: error: missing (required)");
        assertThat(problem("{\"campaigns\": [{\"id\": \"a\", \"kind\": \"consecutive-days\", \"reward\": \" \", \"days\": 3}]}")).isEqualTo(
                "rewards.json: $.campaigns[0].reward: error: expected a non-empty string, found string \" \"");
    }

    @Test
    void aCampaignIdUsedTwice() {
        assertThat(problem("{\"campaigns\": [{\"id\": \"a\", \"kind\": \"consecutive-days\", \"reward\": \"r\", \"days\": 3},"
                + " {\"id\": \"a\", \"kind\": \"consecutive-days\", \"reward\": \"r\", \"days\": 4}]}")).isEqualTo(
                "rewards.json: $.campaigns[1].id: error: campaign id \"a\" is used twice");
    }

    /**
     * Any kind in the form of a kind's name is read: the rule pack declares which kinds exist, so a near miss
     * of one of them is the rule check's to tell (CampaignSettingsCheckTest), not the file's.
     */
    @Test
    void aCampaignKindThatIsNotAKindName() {
        assertThat(problem("{\"campaigns\": [{\"id\": \"a\", \"kind\": \"Tagged-Post\", \"reward\": \"r\", \"tag\": \"news\"}]}"))
                .isEqualTo("rewards.json: $.campaigns[0].kind: error: expected a campaign kind that a rule file declares, in lower-case"
                        + " letters, digits and hyphens, found \"Tagged-Post\"");
        assertThat(problem("{\"campaigns\": [{\"id\": \"a\", \"kind\": \"Weekly Streak\", \"reward\": \"r\"}]}")).isEqualTo(
                "rewards.json: $.campaigns[0].kind: error: expected a campaign kind that a rule file declares, in lower-case"
                        + " letters, digits and hyphens, found \"Weekly Streak\"");
    }

    @Test
    void anActivePeriodThatIsNotADateOrEndsBeforeItStarts() {
        assertThat(problem("{\"campaigns\": [{\"id\": \"a\", \"kind\": \"consecutive-days\", \"reward\": \"r\", \"days\": 3,"
                + " \"activeFrom\": \"2026-3-1\"}]}")).isEqualTo("rewards.json: $.campaigns[0].activeFrom: error: expected a date like "
                + "\"2026-03-01\" (year-month-day, a day in the community's zone), found string \"2026-3-1\"");
        assertThat(problem("{\"campaigns\": [{\"id\": \"a\", \"kind\": \"consecutive-days\", \"reward\": \"r\", \"days\": 3,"
                + " \"activeUntil\": \"2026-03-01T00:00:00+08:00\"}]}")).isEqualTo("rewards.json: $.campaigns[0].activeUntil: error: "
                + "expected a date like \"2026-03-01\" (year-month-day, a day in the community's zone), found string \"2026-03-01T00:00:00+08:00\"");
        assertThat(problem("{\"campaigns\": [{\"id\": \"a\", \"kind\": \"tagged-post\", \"reward\": \"r\", \"tag\": \"news\","
                + " \"activeFrom\": \"2026-03-10\", \"activeUntil\": \"2026-03-01\"}]}")).isEqualTo(
                "rewards.json: $.campaigns[0].activeUntil: error: the active period ends on 2026-03-01, before it starts on 2026-03-10");
    }

    @Test
    void aKindOfTheAdminsOwnTakesOnlyTheKnownParameters() {
        assertThat(problem("{\"campaigns\": [{\"id\": \"a\", \"kind\": \"weekly\", \"reward\": \"r\", \"weeks\": 3}]}")).isEqualTo(
                "rewards.json: $.campaigns[0].weeks: error: unknown key (expected one of "
                        + "[activeFrom, activeUntil, days, graceDays, id, kind, levels, repeat, revocableFor, reward, tag, window])");
        assertThat(problem("{\"campaigns\": [{\"id\": \"a\", \"kind\": \"weekly\", \"reward\": \"r\", \"days\": 0}]}")).isEqualTo(
                "rewards.json: $.campaigns[0].days: error: expected a whole number of at least 1, found number 0");
    }

    /** The pack declares which parameters a kind takes: an engine with that pack refuses a campaign that sets another. */
    @Test
    void aKeyTheCampaignKindDoesNotTake() {
        Settings s = Settings.parse("rewards.json",
                "{\"campaigns\": [{\"id\": \"a\", \"kind\": \"tagged-post\", \"reward\": \"r\", \"tag\": \"news\", \"days\": 3}]}");
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> RewardsEngine.builder().settings(s).build());
        assertThat(e.path()).isEqualTo("$.campaigns[0].days");
        assertThat(e.problem()).isEqualTo("campaigns of kind \"tagged-post\" have no \"days\" (the kind's rule file declares"
                + " @parameters( \"tag\" ))");
    }

    @Test
    void numbersOutOfRange() {
        assertThat(problem("{\"campaigns\": [{\"id\": \"a\", \"kind\": \"consecutive-days\", \"reward\": \"r\", \"days\": 0}]}")).isEqualTo(
                "rewards.json: $.campaigns[0].days: error: expected a whole number of at least 1, found number 0");
        assertThat(problem("{\"campaigns\": [{\"id\": \"a\", \"kind\": \"days-in-window\", \"reward\": \"r\", \"days\": 15, \"window\": 10}]}"))
                .isEqualTo("rewards.json: $.campaigns[0].window: error: a window of 10 days cannot hold 15 counted days");
    }

    @Test
    void anUnreadableFile(@TempDir Path dir) {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> Settings.load(dir.resolve("rewards.json")));
        assertThat(RuleProblem.of(e).toString()).startsWith("rewards.json: $: error: cannot be read: ");
    }
}
