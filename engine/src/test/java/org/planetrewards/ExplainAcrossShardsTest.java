package org.planetrewards;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Explaining a list of members (what a report does) gives what explaining each in turn gives, in the order given,
 * with the shards' members explained on threads of their own; a rule that fails fails the call at the first failing
 * member of that order.
 */
class ExplainAcrossShardsTest {
    private static final int MEMBERS = 24;

    /** Member m{i} counts {@code i % 12 + 1} days in a row, ending on a day that depends on {@code i}. */
    private static RewardsEngine scenario(RulePack rules, int shards, boolean threads) {
        RewardsEngine engine = RewardsEngine.builder().rules(rules).shards(shards).build();
        engine.parallelStandings = threads ? 1 : Integer.MAX_VALUE;
        for (int i = 0; i < MEMBERS; i++) {
            int run = i % 12 + 1;
            LocalDate last = ProgressTest.MAR_1.plusDays(13 + i % 5);
            ProgressTest.countDays(engine, "m" + i, ProgressTest.range(last.minusDays(run - 1L), run));
        }
        return engine;
    }

    /** Every member, last first, and one the engine never saw. */
    private static List<String> asked() {
        List<String> members = new ArrayList<>();
        for (int i = MEMBERS - 1; i >= 0; i--) {
            members.add("m" + i);
        }
        members.add(5, "nobody");
        return members;
    }

    @Test
    void aListIsExplainedAsEachMemberAloneInTheOrderGiven() {
        List<MemberExplanation> alone = new ArrayList<>();
        try (RewardsEngine engine = scenario(RulePack.defaults(), 1, false)) {
            asked().forEach(m -> alone.add(engine.explain(m, "en")));
        }
        assertThat(alone).extracting(MemberExplanation::member).containsExactlyElementsOf(asked());
        assertThat(alone.get(0).countedDays()).hasSize(12); // m23: 23 % 12 + 1 days
        for (int shards : new int[] {1, 2, 3, 4}) {
            try (RewardsEngine engine = scenario(RulePack.defaults(), shards, true)) {
                assertThat(engine.explain(asked(), "en")).as("%d shards on threads", shards).isEqualTo(alone);
            }
        }
    }

    /** A progress rule that throws for some members: of the list asked (last first), m23 is the first of them. */
    private static final String FAILS = """
            package org.planetrewards.rules;
            import org.planetrewards.model.AsOf;
            rule "No progress for members whose id ends in 3"
            when
                AsOf( $member : member, member.endsWith( "3" ) )
            then
                throw new IllegalStateException( "no progress for " + $member );
            end
            """;

    @Test
    void aFailingRuleFailsTheListAtItsFirstFailingMember() {
        Map<String, String> files = new TreeMap<>(RulePack.defaults().files());
        files.put("fails.drl", FAILS);
        RulePack failing = RulePack.of("failing progress", files);
        for (int shards : new int[] {1, 2, 3, 4}) {
            try (RewardsEngine engine = scenario(failing, shards, true)) {
                RuleFailureException e = catchThrowableOfType(RuleFailureException.class, () -> engine.explain(asked(), "en"));
                assertThat(e).as("%d shards on threads", shards).isNotNull();
                assertThat(e.rule()).isEqualTo("No progress for members whose id ends in 3");
                assertThat(e.getMessage()).contains("no progress for m23").doesNotContain("m13", "m3 ");
            }
        }
    }
}
