package org.planetrewards.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.planetrewards.RewardsEngine;

import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The rewards engine as a Kafka Streams topology: facts in, decisions out, members spread over
 * partitions and so over instances.
 *
 * <p>Topics (all with the same number of partitions, because a member's partition number must name
 * the same task on the input and on {@code byMember}):
 * <ul>
 *   <li>{@code input}: history lines (the JSON Lines format of {@code rewards replay}); check-ins and
 *       posts keyed by member, moderations by post id;</li>
 *   <li>{@code decisions}: each decision once, keyed by {@link org.planetrewards.Decision#id()}, the
 *       value its JSON line, the record time its {@code decidedAt};</li>
 *   <li>{@code rejects}: input records that were refused, with where they were and why;</li>
 *   <li>{@code byPost}, {@code byMember}: between the two stages (post ownership and moderations).</li>
 * </ul>
 * Run it with {@link #properties}: exactly-once ({@code exactly_once_v2}) is what makes a rebuilt
 * engine agree with the decisions already sent.
 */
public final class RewardsTopology {
    static final String MEMBERS_STORE = "rewards-members";
    static final String LOG_STORE = "rewards-member-facts";
    static final String POSTS_STORE = "rewards-posts";
    static final String TO_POSTS = "to-posts";
    static final String TO_DECISIONS = "to-decisions";
    static final String TO_REJECTS = "to-rejects";

    private RewardsTopology() {
    }

    /** The topic names the topology reads and writes. */
    public record Topics(String input, String decisions, String rejects, String byPost, String byMember) {
        public Topics {
            List.of(input, decisions, rejects, byPost, byMember).forEach(Objects::requireNonNull);
        }

        /** {@code rewards-facts}, {@code rewards-decisions}, {@code rewards-rejects}, {@code rewards-by-post}, {@code rewards-by-member}. */
        public static Topics defaults() {
            return new Topics("rewards-facts", "rewards-decisions", "rewards-rejects", "rewards-by-post", "rewards-by-member");
        }

        /** All five, to create with an admin client before the first start. */
        public List<NewTopic> newTopics(int partitions, short replicationFactor) {
            return List.of(input, decisions, rejects, byPost, byMember).stream()
                    .map(t -> new NewTopic(t, partitions, replicationFactor)).toList();
        }
    }

    /**
     * The topology. {@code engines} makes the builder of each task's engine (rules and settings; no
     * handler: decisions go to the topic); it is called once per task start.
     *
     * @throws IllegalArgumentException when the settings have a lateness horizon: its watermark is the
     *                                  newest day of all facts, which no task sees
     */
    public static Topology build(Topics topics, Supplier<RewardsEngine.Builder> engines) {
        try (RewardsEngine probe = engines.get().build()) {
            if (probe.settings().lateDays() != null) {
                throw new IllegalArgumentException("the lateness setting needs the newest day of all facts; "
                        + "a stream task sees only its partitions' members: leave lateness out of the settings");
            }
        }
        Serde<String> s = Serdes.String();
        Topology t = new Topology();
        t.addSource("facts", s.deserializer(), s.deserializer(), topics.input(), topics.byMember());
        t.addProcessor("members", () -> new MemberStage(topics, engines), "facts");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MEMBERS_STORE), s, s), "members");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LOG_STORE), s, s), "members");
        t.addSink(TO_POSTS, topics.byPost(), s.serializer(), s.serializer(), "members");
        t.addSink(TO_DECISIONS, topics.decisions(), s.serializer(), s.serializer(), "members");
        t.addSink(TO_REJECTS, topics.rejects(), s.serializer(), s.serializer(), "members");

        t.addSource("post-messages", s.deserializer(), s.deserializer(), topics.byPost());
        t.addProcessor("posts", PostStage::new, "post-messages");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POSTS_STORE), s, s), "posts");
        t.addSink("to-members", topics.byMember(), s.serializer(), s.serializer(), "posts");
        return t;
    }

    /** Streams properties for {@code applicationId} on {@code bootstrapServers}: exactly-once, string keys and values. */
    public static Properties properties(String applicationId, String bootstrapServers) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return p;
    }
}
