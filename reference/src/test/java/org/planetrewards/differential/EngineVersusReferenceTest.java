package org.planetrewards.differential;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Settings;
import org.planetrewards.reference.Golden;
import org.planetrewards.generate.HistoryGenerator;
import org.planetrewards.reference.ReferenceModel;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated community histories (200 members × 45 days, a few seeds) through the engine with the
 * default rule pack and through the reference model: the same decisions, in the same order, fact by fact.
 * The golden histories too (the reference model reproduces their expected output exactly). Dense histories
 * (a campaign under way: most members check in and post every day) go through a replay of their JSON Lines,
 * as {@code rewards replay} runs them (shards in parallel, batches), against the model fact by fact.
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

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22})
    void aReplayOfADenseHistoryDecidesLikeTheReferenceModel(long seed) throws IOException {
        HistoryGenerator generator = new HistoryGenerator(seed, 200, 45, HistoryGenerator.Density.DENSE);
        StringWriter text = new StringWriter();
        generator.write(text);
        ReferenceModel reference = new ReferenceModel(Settings.defaults());
        List<Decision> expected = new ArrayList<>();
        generator.facts().forEach(f -> expected.addAll(reference.apply(f)));
        List<Decision> replayed;
        try (RewardsEngine engine = RewardsEngine.builder().shards(2).build();
             HistoryReader in = HistoryReader.of("dense.jsonl", new StringReader(text.toString()))) {
            replayed = engine.replay(in);
        }
        assertThat(replayed).isEqualTo(expected);
        assertThat(expected).as("the history is rich enough to decide every campaign").hasSizeGreaterThan(100)
                .extracting(Decision::campaign).contains("streak-15", "window-15-of-30", "member-story");
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
