package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.Campaign;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a pack declares its campaign kinds, and what the engine reads from the declarations. */
class CampaignKindsTest {
    static final String HEAD = "package org.planetrewards.rules;\n\nimport org.planetrewards.model.Campaign;\n\n";

    static CampaignKinds kinds(String drl) {
        return CampaignKinds.of(List.of(RuleFile.read("k.drl", drl)));
    }

    static String rule(String annotations) {
        return HEAD + "rule \"r\"\n    " + annotations + "\nwhen\n    Campaign( kind == \"k\" )\nthen\nend\n";
    }

    @Test
    void theDefaultPackDeclaresItsKindsLikeAnyPack() {
        CampaignKinds kinds = CompiledRules.compile(RulePack.defaults()).kinds();
        assertThat(kinds.kinds().keySet()).containsExactly("consecutive-days", "days-in-window", "tagged-post");
        assertThat(kinds.kinds().get("days-in-window").parameters()).containsExactly("days", "window");
        // The longest span of the default settings: the 30-day window.
        assertThat(kinds.span(Settings.defaults().campaigns())).isEqualTo(30);
    }

    @Test
    void aSpanAddsNumbersAndTheKindsNumberParameters() {
        CampaignKinds kinds = kinds(rule("@kind( \"k\" ) @parameters( \"days\" ) @span( \"days + 1\" )"));
        assertThat(kinds.problems()).isEmpty();
        assertThat(kinds.span(List.of(new Campaign("c", "k", "r", 15, 0, null)))).isEqualTo(16);
        assertThat(kinds.span(List.of(new Campaign("c", "undeclared", "r", 3, 9, null)))).as("undeclared: the larger number").isEqualTo(9);
    }

    @Test
    void aDeclarationThatCannotBeReadIsAnErrorAtItsRule() {
        assertThat(kinds(rule("@kind( \"k\" ) @parameters( \"weeks\" ) @span( \"1\" )")).problems()).extracting(RuleProblem::toString)
                .containsExactly("k.drl:5:1: error: kind \"k\": @parameters names \"weeks\"; a campaign's parameters are days, window and tag,"
                        + " and optionally graceDays?, levels? and repeat?");
        assertThat(kinds(rule("@kind( \"k\" ) @parameters( \"days\" )")).problems()).extracting(RuleProblem::toString)
                .containsExactly("k.drl:5:1: error: kind \"k\" needs @span: how many calendar days one of its conditions combines,"
                        + " e.g. @span( \"days\" ), @span( \"window\" ) or @span( \"1\" )");
        assertThat(kinds(rule("@kind( \"k\" ) @parameters( \"days\" ) @span( \"window\" )")).problems()).extracting(RuleProblem::toString)
                .containsExactly("k.drl:5:1: error: kind \"k\": @span( \"window\" ) must add up whole numbers and the kind's number"
                        + " parameters (days), found \"window\"");
        assertThat(kinds(rule("@span( \"1\" )")).problems()).hasSize(1);
    }

    @Test
    void theEngineRefusesAPackThatDeclaresAKindTwice() {
        String twice = rule("@kind( \"k\" ) @parameters( \"\" ) @span( \"1\" )");
        RulePack pack = RulePack.of("pack", Map.of("a.drl", twice, "b.drl", twice.replace("rule \"r\"", "rule \"s\"")));
        assertThatThrownBy(() -> CompiledRules.compile(pack)).isInstanceOf(RulesException.class)
                .hasMessageContaining("campaign kind \"k\" is declared twice");
    }

    /** The horizon keeps what the kind's span says: a streak that forgives a miss reaches one day further back. */
    @Test
    void theLatenessHorizonReadsTheDeclaredSpan() {
        Map<String, String> files = new java.util.LinkedHashMap<>(RulePack.defaults().files());
        files.computeIfPresent("campaign-consecutive-days.drl", (k, v) -> v.replace("@span( \"days + graceDays\" )", "@span( \"days + graceDays + 1\" )"));
        CampaignKinds edited = CompiledRules.compile(RulePack.of("edited", files)).kinds();
        List<Campaign> streak = List.of(DefaultKinds.consecutiveDays("s", "r", 15));
        assertThat(CompiledRules.compile(RulePack.defaults()).kinds().span(streak)).isEqualTo(15);
        assertThat(edited.span(streak)).isEqualTo(16);
    }
}
