package org.planetrewards.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology on a real broker in this JVM (one combined broker and controller on loopback,
 * replication factor 1), three partitions a topic, exactly-once: a {@code read_committed} consumer
 * must see each decision once, though the streams instance is closed in the middle of the history
 * and a new one, with an empty state directory, restores the stores from their changelogs.
 */
class RealBrokerTest {
    private static final RewardsTopology.Topics TOPICS = RewardsTopology.Topics.defaults();
    private static KafkaClusterTestKit cluster;
    private static Locale locale;
    private static volatile Throwable failure;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        // The build runs tests in a Turkish locale to catch case mapping that depends on the machine;
        // Kafka's broker upper-cases enum names that way ("CLASSİC") and fails to start. The broker is
        // not under test here; the driver tests keep running our topology in that locale.
        locale = Locale.getDefault();
        Locale.setDefault(Locale.ROOT);
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBaseDirectory(dir.resolve("broker")).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        assertThat(cluster.bootstrapServers()).matches("(localhost|127\\.0\\.0\\.1):\\d+(,(localhost|127\\.0\\.0\\.1):\\d+)*");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createTopics(TOPICS.newTopics(3, (short) 1)).all().get();
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        Locale.setDefault(locale);
    }

    @Test
    void aReadCommittedConsumerSeesEachDecisionOnceAcrossARestartMidHistory() throws Exception {
        Path history = withoutOvertakingModerations(Histories.generated(dir, 21L, 40, 24));
        List<String> lines = Histories.lines(history);
        Map<String, String> expected = Histories.replay(history);
        // The history goes in in two halves, the second only after the first instance is gone: so the
        // restart falls in the middle of the history however fast the first instance was, and the
        // second instance's decisions depend on state it had to restore (streaks run across the halves).
        List<String> firstHalf = lines.subList(0, lines.size() / 2);
        Path firstHalfFile = dir.resolve("first-half.jsonl");
        java.nio.file.Files.write(firstHalfFile, firstHalf);
        int firstHalfDecisions = Histories.replay(firstHalfFile).size();
        assertThat(firstHalfDecisions).as("the first half decides something").isPositive();
        assertThat(expected.size()).as("the second half decides something").isGreaterThan(firstHalfDecisions);
        long start = System.nanoTime();
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(); KafkaConsumer<String, String> consumer = decisionsConsumer()) {
            send(producer, firstHalf);
            KafkaStreams first = streams(dir.resolve("instance-1"));
            first.start();
            // Closed while it still works on the first half: its open transaction is aborted, its
            // committed work stays. It leaves the group, so the next instance need not wait for its
            // session to time out.
            poll(consumer, seen, () -> seen.size() >= Math.max(1, firstHalfDecisions / 2), Duration.ofSeconds(60));
            first.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            assertThat(seen).as("decisions from the first instance").isNotEmpty();
            int seenByFirst = seen.size();
            send(producer, lines.subList(firstHalf.size(), lines.size()));
            try (KafkaStreams second = streams(dir.resolve("instance-2"))) { // no local state: restores from the changelogs
                second.start();
                poll(consumer, seen, () -> seen.size() >= expected.size(), Duration.ofSeconds(60));
                poll(consumer, seen, () -> false, Duration.ofSeconds(3)); // anything sent twice would come now
                second.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            }
            System.out.printf(Locale.ROOT, "real broker: the first instance's decisions seen before its close: %d of %d%n",
                    seenByFirst, expected.size());
        }
        assertThat(failure).as("the streams instance failed").isNull();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "real broker: %d facts, %d decisions, %.1f s with a restart (%.0f facts/s)%n",
                lines.size(), seen.size(), seconds, lines.size() / seconds);
        Map<String, String> actual = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : seen) {
            assertThat(actual.put(r.key(), r.value())).as("decision %s seen twice", r.key()).isNull();
        }
        assertThat(Histories.difference(expected, actual)).isEmpty();
    }

    /**
     * The history without the moderations of posts it has. On a cluster a moderation travels on its
     * post's partition, so it can overtake its post (or be overtaken) on the way to the member's
     * engine, and then the engine decides as if the history had them in that order, not the file's
     * (seen here: a reject that reached the post stage before the member's claim took a story badge
     * away). The driver test, which keeps the file's order, covers moderations; this test is about
     * the broker, exactly-once and the restart. Moderations of posts that never come stay: they wait
     * in the post stage and decide nothing, in any order.
     */
    private static Path withoutOvertakingModerations(Path file) throws java.io.IOException {
        List<String> lines = Histories.lines(file);
        java.util.Set<String> posts = new java.util.HashSet<>();
        for (String line : lines) {
            if (HistoryReader.parseLine(line) instanceof org.planetrewards.Post p) {
                posts.add(p.id());
            }
        }
        Path out = dir.resolve("without-overtaking-moderations.jsonl");
        java.nio.file.Files.write(out, lines.stream()
                .filter(l -> !(HistoryReader.parseLine(l) instanceof org.planetrewards.Moderation m && posts.contains(m.post())))
                .toList());
        return out;
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    /** Lines keyed as a producer of facts keys them, with their event time as record time. */
    private static void send(KafkaProducer<String, String> producer, List<String> lines) throws Exception {
        List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
        for (String line : lines) {
            sends.add(producer.send(new ProducerRecord<>(TOPICS.input(), null,
                    HistoryReader.parseLine(line).stamp().toInstant().toEpochMilli(), Histories.key(line), line)));
        }
        for (var f : sends) {
            f.get();
        }
    }

    private static KafkaStreams streams(Path stateDir) {
        Properties p = RewardsTopology.properties("rewards-broker-test", cluster.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // A post goes to the post stage and back before it applies: two transactions, so latency is
        // a few commit intervals and fetch waits per post. Short ones keep the test short.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 10);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        KafkaStreams streams = new KafkaStreams(RewardsTopology.build(TOPICS, RewardsEngine::builder), p);
        streams.setUncaughtExceptionHandler(e -> {
            failure = e;
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        return streams;
    }

    private static KafkaConsumer<String, String> decisionsConsumer() {
        KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "decisions-reader"),
                new StringDeserializer(), new StringDeserializer());
        c.subscribe(List.of(TOPICS.decisions()));
        return c;
    }

    private static void poll(KafkaConsumer<String, String> consumer, List<ConsumerRecord<String, String>> seen,
                             java.util.function.BooleanSupplier done, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline && failure == null) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);

        }
    }
}
