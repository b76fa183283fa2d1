package org.planetrewards.kafka;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology under Kafka's test driver, which runs every record through both stages (and the
 * internal topics between them) before the next: each member sees its facts in file order, so the
 * decisions must be exactly those of the engine's replay of the same file.
 */
class TopologyDriverTest {
    private static final RewardsTopology.Topics TOPICS = RewardsTopology.Topics.defaults();

    @TempDir
    Path dir;

    /** One run of the driver on a state directory; closing it keeps the directory. */
    static final class Driver implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, String> input;
        final TestOutputTopic<String, String> decisions;
        final TestOutputTopic<String, String> rejects;

        Driver(Path stateDir) {
            Topology topology = RewardsTopology.build(TOPICS, RewardsEngine::builder);
            Properties props = RewardsTopology.properties("rewards-driver-test", "localhost:9");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            driver = new TopologyTestDriver(topology, props);
            StringSerializer s = new StringSerializer();
            StringDeserializer d = new StringDeserializer();
            input = driver.createInputTopic(TOPICS.input(), s, s);
            decisions = driver.createOutputTopic(TOPICS.decisions(), d, d);
            rejects = driver.createOutputTopic(TOPICS.rejects(), d, d);
        }

        void send(List<String> lines) {
            for (String line : lines) {
                // Event time on the record too: the fact's own instant.
                input.pipeInput(Histories.key(line), line, HistoryReader.parseLine(line).stamp().toInstant());
            }
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    /** Decisions by id; fails on a decision id sent twice. */
    static Map<String, String> collect(List<KeyValue<String, String>> records) {
        Map<String, String> out = new LinkedHashMap<>();
        for (KeyValue<String, String> kv : records) {
            assertThat(out.put(kv.key, kv.value)).as("decision %s sent twice", kv.key).isNull();
        }
        return out;
    }

    @Test
    void demoHistoryDecidesWhatReplayDecides() {
        Map<String, String> expected = Histories.replay(Histories.DEMO);
        try (Driver run = new Driver(dir)) {
            run.send(Histories.lines(Histories.DEMO));
            assertThat(collect(run.decisions.readKeyValuesToList())).isEqualTo(expected);
            assertThat(run.rejects.readValuesToList()).isEmpty();
        }
        assertThat(expected).hasSizeGreaterThan(5);
    }

    @Test
    void generatedFiveHundredMembersDecideWhatReplayDecides() {
        Path history = Histories.generated(dir, 15L, 500, 20);
        Map<String, String> expected = Histories.replay(history);
        try (Driver run = new Driver(dir.resolve("state"))) {
            List<String> lines = Histories.lines(history);
            long start = System.nanoTime();
            run.send(lines);
            double seconds = (System.nanoTime() - start) / 1e9; // reported, not asserted: docs/scale-out.md
            System.out.printf(java.util.Locale.ROOT, "test driver: %d facts in %.1f s (%.0f facts/s)%n", lines.size(), seconds, lines.size() / seconds);
            Map<String, String> actual = collect(run.decisions.readKeyValuesToList());
            // Members interleave differently; each member's decisions are the same ones.
            assertThat(Histories.difference(expected, actual)).isEmpty();
        }
        assertThat(expected.values()).anyMatch(d -> d.contains("streak-15")).hasSizeGreaterThan(200);
    }

    /**
     * A restart. The test driver deletes its state directory when it closes, so the next driver cannot
     * find the stores on disk; it gets them the way a new instance does after a rebalance: from the
     * changelog records the previous run wrote, replayed into its empty stores before the first record.
     */
    @Test
    void restartedFromItsChangelogsItNeitherRepeatsNorLosesADecision() {
        Path history = Histories.generated(dir, 16L, 500, 20);
        List<String> lines = Histories.lines(history);
        Map<String, String> expected = Histories.replay(history);
        List<KeyValue<String, String>> sent = new ArrayList<>();
        Map<String, List<KeyValue<String, String>>> changelogs = new LinkedHashMap<>();
        int[] cuts = {0, lines.size() / 3, lines.size() * 2 / 3, lines.size()};
        for (int i = 0; i + 1 < cuts.length; i++) {
            try (Driver run = new Driver(dir.resolve("state-" + i))) {
                changelogs.forEach((store, records) -> {
                    KeyValueStore<String, String> target = run.driver.getKeyValueStore(store);
                    records.forEach(kv -> {
                        if (kv.value == null) {
                            target.delete(kv.key);
                        } else {
                            target.put(kv.key, kv.value);
                        }
                    });
                });
                run.send(lines.subList(cuts[i], cuts[i + 1]));
                sent.addAll(run.decisions.readKeyValuesToList());
                for (String store : List.of(RewardsTopology.MEMBERS_STORE, RewardsTopology.LOG_STORE, RewardsTopology.POSTS_STORE)) {
                    String topic = "rewards-driver-test-" + store + "-changelog";
                    assertThat(run.driver.producedTopicNames()).contains(topic);
                    changelogs.computeIfAbsent(store, k -> new ArrayList<>())
                            .addAll(run.driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer()).readKeyValuesToList());
                }
            }
        }
        assertThat(Histories.difference(expected, collect(sent))).isEmpty();
    }
}
