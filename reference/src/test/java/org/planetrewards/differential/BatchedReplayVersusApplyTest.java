package org.planetrewards.differential;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.planetrewards.Decision;
import org.planetrewards.DecisionJson;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;
import org.planetrewards.generate.HistoryGenerator;
import org.planetrewards.reference.Golden;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay runs a shard's consecutive facts of distinct members together; {@code apply} takes one fact at
 * a time. Given generated quiet and dense histories and the golden ones, expect the replay's decisions,
 * as JSON and in order, to be those of applying the facts one by one, whatever the number of shards.
 */
class BatchedReplayVersusApplyTest {

    @ParameterizedTest(name = "seed {0}, {1}, {2} shards")
    @CsvSource({"11, QUIET, 1", "11, QUIET, 3", "12, DENSE, 1", "12, DENSE, 2", "13, DENSE, 4"})
    void generatedHistories(long seed, HistoryGenerator.Density density, int shards) throws IOException {
        HistoryGenerator generator = new HistoryGenerator(seed, 300, 40, density);
        StringWriter text = new StringWriter();
        generator.write(text);
        String replayed = replayed(text.toString(), shards);
        assertThat(replayed).isEqualTo(appliedOneByOne(generator.facts()));
        assertThat(replayed.lines().count()).as("the history is rich enough to decide something").isGreaterThan(20);
    }

    @ParameterizedTest
    @FieldSource("org.planetrewards.reference.Golden#NAMES")
    void goldenHistories(String name) {
        String text = Golden.facts(name).stream().map(org.planetrewards.generate.FactJson::toJson).collect(Collectors.joining("\n"));
        for (int shards : new int[] {1, 3}) {
            assertThat(replayed(text, shards)).as("%d shards", shards).isEqualTo(appliedOneByOne(Golden.facts(name)));
        }
    }

    private static String replayed(String history, int shards) {
        try (RewardsEngine engine = RewardsEngine.builder().shards(shards).build();
             HistoryReader in = HistoryReader.of("h.jsonl", new StringReader(history))) {
            return json(engine.replay(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String appliedOneByOne(List<Fact> facts) {
        try (RewardsEngine engine = RewardsEngine.builder().shards(1).build()) {
            StringBuilder out = new StringBuilder();
            for (Fact f : facts) {
                out.append(json(engine.apply(f)));
            }
            return out.toString();
        }
    }

    private static String json(List<Decision> decisions) {
        StringBuilder out = new StringBuilder();
        decisions.forEach(d -> out.append(DecisionJson.toJson(d)).append('\n'));
        return out.toString();
    }
}
