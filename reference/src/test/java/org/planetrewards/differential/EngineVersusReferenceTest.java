package org.planetrewards.differential;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Settings;
import org.planetrewards.reference.Golden;
import org.planetrewards.generate.HistoryGenerator;
import org.planetrewards.reference.ReferenceModel;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated community histories (200 members × 45 days, a few seeds) through the engine with the
 * default rule pack and through the reference model: the same decisions, in the same order, fact by fact.
 * The golden histories too (the reference model reproduces their expected output exactly).
 */
class EngineVersusReferenceTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void engineDecidesLikeTheReferenceModel(long seed) {
        compare(new HistoryGenerator(seed, 200, 45).facts(), 50);
    }

    @ParameterizedTest
    @FieldSource("org.planetrewards.reference.Golden#NAMES")
    void onTheGoldenHistoriesToo(String name) {
        compare(Golden.facts(name), 1);
    }

    private static void compare(List<Fact> facts, int atLeast) {
        ReferenceModel reference = new ReferenceModel(Settings.defaults());
        List<String> mismatches = new ArrayList<>();
        int decisions = 0;
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            for (int i = 0; i < facts.size(); i++) {
                List<Decision> expected = reference.apply(facts.get(i));
                List<Decision> actual = engine.apply(facts.get(i));
                decisions += expected.size();
                if (!actual.equals(expected) && mismatches.size() < 10) {
                    mismatches.add("fact #" + i + " " + facts.get(i) + "\n  engine:    " + actual + "\n  reference: " + expected);
                }
            }
        }
        assertThat(mismatches).as("first differences of %d facts", facts.size()).isEmpty();
        assertThat(decisions).as("the history is rich enough to decide something").isGreaterThanOrEqualTo(atLeast);
    }
}
