package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.DayRun;
import org.planetrewards.model.Level;
import org.planetrewards.model.Season;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The settings of what is won (graceDays, levels, repeat, revocableFor): read, refused at their JSON path,
 * written back; and the campaign's seasons and levels the streak rule reads.
 */
class AwardingSettingsTest {
    private static final String STREAK = "{\"id\": \"s\", \"kind\": \"consecutive-days\", \"reward\": \"r\"";

    private static Settings parse(String campaign) {
        return Settings.parse("rewards.json", "{\"campaigns\": [" + campaign + "]}");
    }

    private static String refusal(String campaign) {
        try {
            parse(campaign);
        } catch (SettingsException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + campaign);
    }

    private static LocalDate d(String monthDay) {
        return LocalDate.parse("2026-" + monthDay);
    }

    @Test
    void theFourKeysAreReadAndWrittenBack() {
        Settings s = parse(STREAK + ", \"graceDays\": 1, \"repeat\": \"every 10 days\", \"revocableFor\": 7, \"levels\": ["
                + "{\"name\": \"bronze\", \"days\": 3, \"reward\": \"b\"}, {\"name\": \"gold\", \"days\": 7, \"reward\": \"g\"}]}");
        Campaign c = s.campaigns().get(0);
        assertThat(c.graceDays()).isEqualTo(1);
        assertThat(c.repeat()).isEqualTo("every 10 days");
        assertThat(c.revocableFor()).isEqualTo(7);
        assertThat(c.levels()).containsExactly(new Level("bronze", 3, "b"), new Level("gold", 7, "g"));
        assertThat(c.days()).as("the top level's days").isEqualTo(7);
        assertThat(Settings.parse("written", s.toJson())).isEqualTo(s);
    }

    @Test
    void badValuesAreRefusedAtTheirPath() {
        assertThat(refusal(STREAK + ", \"days\": 5, \"graceDays\": -1}"))
                .isEqualTo("rewards.json: $.campaigns[0].graceDays: expected a whole number of at least 0, found number -1");
        assertThat(refusal(STREAK + ", \"days\": 5, \"repeat\": \"yearly\"}"))
                .isEqualTo("rewards.json: $.campaigns[0].repeat: expected \"monthly\", \"weekly\", \"every N days\" (N from 1 to 9999)"
                        + " or \"after-reward\", found string \"yearly\"");
        assertThat(refusal(STREAK + ", \"days\": 5, \"repeat\": \"every 0 days\"}")).contains("$.campaigns[0].repeat: expected");
        assertThat(refusal(STREAK + ", \"days\": 5, \"revocableFor\": \"7 days\"}"))
                .isEqualTo("rewards.json: $.campaigns[0].revocableFor: expected a whole number of at least 0, found string \"7 days\"");
        assertThat(refusal(STREAK + ", \"levels\": [{\"name\": \"silver\", \"days\": 7, \"reward\": \"s\"}, {\"name\": \"bronze\", \"days\": 3, \"reward\": \"b\"}]}"))
                .isEqualTo("rewards.json: $.campaigns[0].levels[1].days: levels must need more days each, lowest first: level \"bronze\""
                        + " needs 3, not more than \"silver\" before it (7)");
        assertThat(refusal(STREAK + ", \"levels\": [{\"name\": \"bronze\", \"days\": 3}]}"))
                .isEqualTo("rewards.json: $.campaigns[0].levels[0].reward: missing (required)");
        assertThat(refusal(STREAK + ", \"levels\": [{\"name\": \"a/b\", \"days\": 3, \"reward\": \"x\"}]}"))
                .contains("$.campaigns[0].levels[0].name: expected a level name");
        assertThat(refusal(STREAK + ", \"levels\": []}")).contains("$.campaigns[0].levels: expected at least one level");
        assertThat(refusal(STREAK + ", \"days\": 5, \"levels\": [{\"name\": \"bronze\", \"days\": 3, \"reward\": \"b\"}]}"))
                .isEqualTo("rewards.json: $.campaigns[0].days: a campaign with levels takes its days from them: leave \"days\" out");
    }

    @Test
    void aKindThatDoesNotDeclareAnOptionalKeyRefusesIt() {
        Settings s = Settings.defaults().withCampaigns(List.of(
                new Campaign("story", "tagged-post", "badge", 0, 0, "member-story").withAwarding(0, List.of(), "monthly", 0)));
        assertThat(CampaignSettingsCheckTest.check(RulePack.defaults(), s)).containsExactly(
                "rewards.json: $.campaigns[0].repeat: error: campaigns of kind \"tagged-post\" have no \"repeat\": the kind's rules"
                        + " do not read it (its rule file declares @parameters( \"tag\" ))");
    }

    @Test
    void rewardsCheckLintsWhatCanNeverBeWonAndWhatCodeCanBuild() {
        Campaign levels = DefaultKinds.consecutiveDays("s", "r", 7).withAwarding(-1,
                List.of(new Level("bronze", 3, "badge"), new Level("silver", 3, "badge"), new Level("gold", 7, " ")), null, 0);
        assertThat(CampaignSettingsCheckTest.check(RulePack.defaults(), Settings.defaults().withCampaigns(List.of(levels)))).containsExactly(
                "rewards.json: $.campaigns[0].graceDays: error: expected a whole number of at least 0, found number -1",
                "rewards.json: $.campaigns[0].levels[1].reward: warning: level \"silver\" of campaign \"s\" wins \"badge\", as a lower"
                        + " level does: a member wins it twice",
                "rewards.json: $.campaigns[0].levels[1].days: error: levels must need more days each, lowest first: level \"silver\""
                        + " needs 3, not more than \"bronze\" before it (3)",
                "rewards.json: $.campaigns[0].levels[2].reward: error: level \"gold\" of campaign \"s\" has no reward");
        Campaign tooLong = DefaultKinds.consecutiveDays("m", "r", 10).withAwarding(0, List.of(), "weekly", 0);
        assertThat(CampaignSettingsCheckTest.check(RulePack.defaults(), Settings.defaults().withCampaigns(List.of(tooLong)))).containsExactly(
                "rewards.json: $.campaigns[0].repeat: warning: campaign \"m\" needs 10 days, but counting starts again every season"
                        + " of at most 7 days (\"weekly\"), so it can never be won");
        assertThatThrownBy(() -> DefaultKinds.consecutiveDays("y", "r", 3).withAwarding(0, List.of(), "yearly", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRepeatAfterTheRewardIsRefusedWithALatenessHorizon() {
        assertThatThrownBy(() -> RewardsEngine.builder().settings(Settings.parse("rewards.json", "{\"lateness\": {\"days\": 5},"
                + " \"campaigns\": [" + STREAK + ", \"days\": 3, \"repeat\": \"after-reward\"}]}")).build())
                .hasMessageContaining("$.campaigns[0].repeat: a campaign that repeats \"after-reward\"");
    }

    @Test
    void graceDaysWidenTheSpanTheHorizonKeeps() {
        Campaign graced = DefaultKinds.consecutiveDays("s", "r", 15).withAwarding(2, List.of(), null, 0);
        assertThat(CompiledRules.compile(RulePack.defaults()).kinds().span(List.of(graced))).isEqualTo(17);
    }

    @Test
    void monthlyWeeklyAndEveryNDaysSeasonsSplitTheDays() {
        List<LocalDate> days = List.of(d("03-29"), d("03-30"), d("03-31"), d("04-01"), d("04-02"));
        Campaign c = DefaultKinds.consecutiveDays("s", "r", 3);
        assertThat(c.seasons(days)).containsExactly(new Season("", null, days));
        assertThat(c.withAwarding(0, List.of(), "monthly", 0).seasons(days)).containsExactly(
                new Season("2026-03", d("03-01"), days.subList(0, 3)), new Season("2026-04", d("04-01"), days.subList(3, 5)));
        // 2026-03-29 is a Sunday: ISO week 13 ends on it.
        assertThat(c.withAwarding(0, List.of(), "weekly", 0).seasons(days)).extracting(Season::key).containsExactly("2026-W13", "2026-W14");
        assertThat(c.withAwarding(0, List.of(), "every 2 days", 0).withActivePeriod(d("03-30"), null).seasons(days))
                .containsExactly(new Season("2026-03-30", d("03-30"), List.of(d("03-30"), d("03-31"))),
                        new Season("2026-04-01", d("04-01"), List.of(d("04-01"), d("04-02"))));
        assertThat(c.withAwarding(0, List.of(), "monthly", 0).seasonOn(days, d("04-02")))
                .isEqualTo(new Season("2026-04", d("04-01"), days.subList(3, 5)));
    }

    @Test
    void afterTheRewardASeasonEndsWithTheWinningRun() {
        Campaign c = DefaultKinds.consecutiveDays("s", "r", 2).withAwarding(0, List.of(), "after-reward", 0);
        List<LocalDate> days = List.of(d("03-01"), d("03-03"), d("03-04"), d("03-05"), d("03-07"));
        assertThat(c.seasons(days)).containsExactly(
                new Season("streak-1", d("03-01"), List.of(d("03-01"), d("03-03"), d("03-04"))),
                new Season("streak-2", d("03-05"), List.of(d("03-05"), d("03-07"))));
        assertThat(c.seasonOn(days, d("03-08")).key()).isEqualTo("streak-2");
    }

    @Test
    void progressAimsAtTheNextLevel() {
        Campaign c = DefaultKinds.consecutiveDays("s", "r", 0).withAwarding(0,
                List.of(new Level("bronze", 3, "b"), new Level("silver", 7, "s")), null, 0);
        assertThat(c.nextTier(0).name()).isEqualTo("bronze");
        assertThat(c.nextTier(3).name()).isEqualTo("silver");
        assertThat(c.nextTier(9).name()).as("all reached: the top").isEqualTo("silver");
        assertThat(c.nextTier(4).towards("counted days in a row")).isEqualTo("counted days in a row towards silver");
        assertThat(DefaultKinds.consecutiveDays("s", "r", 5).tiers()).containsExactly(new Level("", 5, "r"));
    }

    @Test
    void theMissedDaysOfARunAreItsGracedDays() {
        assertThat(new DayRun(List.of(d("03-01"), d("03-02"), d("03-04"), d("03-07"))).missed())
                .containsExactly(d("03-03"), d("03-05"), d("03-06"));
        assertThat(new DayRun(List.of(d("03-01"), d("03-02"))).missed()).isEmpty();
        assertThatThrownBy(() -> new DayRun(List.of(d("03-01"), LocalDate.of(2100, 1, 1))).missed())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyedDecisionHasItsOwnIdAndAnUnkeyedOneKeepsTheOldOne() {
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse("2026-03-03T21:00:00+08:00");
        Decision once = new Decision("m1", "streak-15", "r", at, List.of(d("03-01")));
        // The id every earlier version gave member m1 and campaign streak-15: a name-based UUID of "9:streak-15/m1".
        assertThat(once.id()).isEqualTo(java.util.UUID.nameUUIDFromBytes("9:streak-15/m1".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        Decision bronze = new Decision("m1", "streak-15", "r", at, List.of(d("03-01")), "bronze", List.of(), null);
        Decision silver = new Decision("m1", "streak-15", "r", at, List.of(d("03-01")), "silver", List.of(), null);
        assertThat(List.of(once.id(), bronze.id(), silver.id())).doesNotHaveDuplicates();
        assertThat(bronze.revoked(at, "gone", "a fact").id()).isEqualTo(bronze.id());
    }

    @Test
    void keyGracedAndRevocationAreWrittenOnlyWhenSetAndReadBack() {
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse("2026-03-03T21:00:00+08:00");
        Decision plain = new Decision("m1", "c", "r", at, List.of(d("03-01")));
        assertThat(DecisionJson.toJson(plain)).isEqualTo(
                "{\"member\":\"m1\",\"campaign\":\"c\",\"reward\":\"r\",\"decidedAt\":\"2026-03-03T21:00:00+08:00\",\"days\":[\"2026-03-01\"]}");
        Decision full = new Decision("m1", "c", "r", at, List.of(d("03-01"), d("03-03")), "2026-03/silver", List.of(d("03-02")), null)
                .revoked(at.plusDays(1), "no longer holds", "moderation reject of post \"p\"");
        assertThat(DecisionJson.toJson(full)).isEqualTo("{\"member\":\"m1\",\"campaign\":\"c\",\"reward\":\"r\","
                + "\"decidedAt\":\"2026-03-04T21:00:00+08:00\",\"days\":[\"2026-03-01\",\"2026-03-03\"],\"key\":\"2026-03/silver\","
                + "\"graced\":[\"2026-03-02\"],\"status\":\"revoked\",\"reason\":\"no longer holds\",\"cause\":\"moderation reject of post \\\"p\\\"\"}");
        assertThat(DecisionJson.parse(DecisionJson.toJson(full))).isEqualTo(full);
        assertThat(DecisionJson.parse(DecisionJson.toJson(plain))).isEqualTo(plain);
    }
}
