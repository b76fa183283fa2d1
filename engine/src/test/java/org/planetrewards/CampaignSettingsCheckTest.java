package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.Campaign;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the rule check says about campaign periods and campaign kinds of the admin's own. */
class CampaignSettingsCheckTest {
    static final String WEEKLY_RULE = "package org.planetrewards.rules;\n\n"
            + "import org.planetrewards.model.Campaign;\nimport org.planetrewards.model.CountedDay;\nimport org.planetrewards.model.Qualification;\n\n"
            + "rule \"A counted day qualifies for a weekly campaign\"\n    @kind( \"weekly\" ) @parameters( \"\" ) @span( \"1\" )\nwhen\n"
            + "    Campaign( kind == \"weekly\", $campaign : id )\n"
            + "    CountedDay( $member : member, $day : day )\n"
            + "then\n    insertLogical( new Qualification( $member, $campaign, java.util.List.of( $day ) ) );\nend\n";

    static List<String> check(RulePack pack, Settings settings) {
        return RuleCheck.check(pack, settings, "rewards.json", false).stream().map(RuleProblem::toString).toList();
    }

    static RulePack defaultsWith(String name, String text) {
        Map<String, String> files = new LinkedHashMap<>(RulePack.defaults().files());
        files.put(name, text);
        return RulePack.of("pack", files);
    }

    static Settings withCampaign(Campaign extra) {
        List<Campaign> campaigns = new java.util.ArrayList<>(Settings.defaults().campaigns());
        campaigns.add(extra);
        return Settings.defaults().withCampaigns(campaigns);
    }

    @Test
    void aKindOfTheAdminsOwnWithARuleThatHandlesItIsClean() {
        assertThat(check(defaultsWith("weekly.drl", WEEKLY_RULE), withCampaign(new Campaign("w", "weekly", "r", 0, 0, null)))).isEmpty();
    }

    @Test
    void aKindThatARuleHandlesButNoRuleDeclaresIsAWarning() {
        String undeclared = WEEKLY_RULE.replace("    @kind( \"weekly\" ) @parameters( \"\" ) @span( \"1\" )\n", "");
        assertThat(check(defaultsWith("weekly.drl", undeclared), withCampaign(new Campaign("w", "weekly", "r", 0, 0, null)))).containsExactly(
                "rewards.json: $.campaigns[3].kind: warning: no rule declares campaigns of kind \"weekly\" (@kind, @parameters and"
                        + " @span on the rule that decides them), so their parameters are not checked and, with a lateness setting,"
                        + " a campaign of it is assumed to combine at most max(days, window) days");
    }

    @Test
    void aParameterTheKindDoesNotDeclareIsAnErrorAndOneItNeedsToo() {
        assertThat(check(defaultsWith("weekly.drl", WEEKLY_RULE), withCampaign(new Campaign("w", "weekly", "r", 3, 0, null)))).containsExactly(
                "rewards.json: $.campaigns[3].days: error: campaigns of kind \"weekly\" have no \"days\" (the kind's rule file"
                        + " declares @parameters( \"\" ))");
        assertThat(check(RulePack.defaults(), withCampaign(new Campaign("s", "consecutive-days", "r", 0, 0, null)))).containsExactly(
                "rewards.json: $.campaigns[3]: error: campaign \"s\" of kind \"consecutive-days\" needs \"days\" (the kind's rule"
                        + " file declares @parameters( \"days, graceDays?, levels?, repeat?\" ))");
    }

    @Test
    void aMisspelledKindOfThePackIsAnError() {
        assertThat(check(RulePack.defaults(), withCampaign(new Campaign("s", "consecutive-day", "r", 3, 0, null)))).contains(
                "rewards.json: $.campaigns[3].kind: error: expected a kind the pack declares [consecutive-days, days-in-window,"
                        + " tagged-post] or a kind of your own, found \"consecutive-day\", which looks like a misspelling of \"consecutive-days\"");
    }

    @Test
    void aKindOfTheAdminsOwnThatNoRuleHandlesIsAWarning() {
        assertThat(check(RulePack.defaults(), withCampaign(new Campaign("w", "weekly", "r", 0, 0, null)))).containsExactly(
                "rewards.json: $.campaigns[3].kind: warning: no rule in the pack handles campaigns of kind \"weekly\", "
                        + "so campaign \"w\" can never be rewarded");
    }

    @Test
    void aRuleForAKindTheSettingsDoNotHaveCanNeverFireAndTheSettingsKindsAreListed() {
        String undeclared = WEEKLY_RULE.replace("    @kind( \"weekly\" ) @parameters( \"\" ) @span( \"1\" )\n", "");
        assertThat(check(defaultsWith("weekly.drl", undeclared), withCampaign(new Campaign("m", "monthly", "r", 0, 0, null))))
                .containsExactly(
                        "weekly.drl:9:5: warning: rule \"A counted day qualifies for a weekly campaign\" can never fire: it matches "
                                + "campaigns of kind \"weekly\", which is not a campaign kind (kinds: consecutive-days, days-in-window, "
                                + "monthly, tagged-post)",
                        "rewards.json: $.campaigns[3].kind: warning: no rule in the pack handles campaigns of kind \"monthly\", "
                                + "so campaign \"m\" can never be rewarded");
    }

    @Test
    void aTagOfACampaignOfTheAdminsOwnMustBeATagId() {
        String withTag = WEEKLY_RULE.replace("@parameters( \"\" )", "@parameters( \"tag\" )");
        assertThat(check(defaultsWith("weekly.drl", withTag), withCampaign(new Campaign("w", "weekly", "r", 0, 0, "deep-dve"))))
                .containsExactly("rewards.json: $.campaigns[3].tag: warning: campaign \"w\" asks for tag \"deep-dve\", which is not a tag "
                        + "id in $.tags, so it can never be won (tag ids: news, resources, tricks, deep-dive, applications, member-story)");
    }

    @Test
    void anActivePeriodThatEndsBeforeItStartsIsAnError() {
        Campaign c = DefaultKinds.consecutiveDays("streak-3", "r", 3).withActivePeriod(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 1));
        assertThat(check(RulePack.defaults(), Settings.defaults().withCampaigns(List.of(c)))).containsExactly(
                "rewards.json: $.campaigns[0].activeUntil: error: the active period ends on 2026-03-01, before it starts on 2026-03-10");
    }

    @Test
    void anActivePeriodTooShortForTheCampaignIsAWarning() {
        Campaign c = DefaultKinds.daysInWindow("window-15-of-30", "r", 15, 30).withActivePeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 14));
        assertThat(check(RulePack.defaults(), Settings.defaults().withCampaigns(List.of(c)))).containsExactly(
                "rewards.json: $.campaigns[0].activeUntil: warning: campaign \"window-15-of-30\" is active for 14 days (2026-03-01 to "
                        + "2026-03-14), fewer than the 15 counted days it needs, so it can never be won");
    }

    @Test
    void anActivePeriodThatNoHandlingRuleReadsIsAWarning() {
        Campaign c = new Campaign("w", "weekly", "r", 0, 0, null).withActivePeriod(LocalDate.of(2026, 3, 1), null);
        assertThat(check(defaultsWith("weekly.drl", WEEKLY_RULE), withCampaign(c))).containsExactly(
                "rewards.json: $.campaigns[3].activeFrom: warning: campaign \"w\" has an active period, but no rule that handles "
                        + "campaigns of kind \"weekly\" reads it (isActiveOn, activeDays, activeFrom or activeUntil), so days outside it count too");
        String honouring = WEEKLY_RULE.replace("Campaign( kind == \"weekly\", $campaign : id )",
                "$c : Campaign( kind == \"weekly\", $campaign : id )").replace("CountedDay( $member : member, $day : day )",
                "CountedDay( $member : member, $day : day, $c.isActiveOn( day ) )");
        assertThat(check(defaultsWith("weekly.drl", honouring), withCampaign(c))).isEmpty();
    }

    @Test
    void theDefaultPackHonoursActivePeriods() {
        List<Campaign> dated = Settings.defaults().campaigns().stream()
                .map(c -> c.withActivePeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 30))).toList();
        assertThat(check(RulePack.defaults(), Settings.defaults().withCampaigns(dated))).isEmpty();
    }
}
