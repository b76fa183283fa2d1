package org.planetrewards.robust;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.planetrewards.CheckIn;
import org.planetrewards.Decision;
import org.planetrewards.DecisionJson;
import org.planetrewards.Fact;
import org.planetrewards.Moderation;
import org.planetrewards.Post;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight threads submit a history's facts at once to a multi-shard engine, each member's facts (and the
 * moderations of that member's posts) in order on one thread, as the engine's javadoc asks. The result
 * is the serial replay's: the same decisions, for each member in the same order with the same stamps and
 * evidence, handed to the handler once each, and the same final state. Meanwhile another thread takes
 * snapshots: each one reads back, and every campaign it records as decided has its decision either
 * pending in it or already handed over.
 */
class ConcurrencyTest {
    static final int THREADS = 8;

    @ParameterizedTest(name = "seed {0}, {1} shards")
    @CsvSource({"21, 4", "22, 5", "23, 8"})
    void eightThreadsDecideWhatASerialReplayDecides(long seed, int shards) throws Exception {
        List<Fact> facts = Robust.facts(seed, 150, 30);
        List<Decision> serial = new ArrayList<>();
        String serialState;
        try (RewardsEngine engine = RewardsEngine.builder().shards(shards).build()) {
            facts.forEach(f -> serial.addAll(engine.apply(f)));
            serialState = Robust.canonical(engine.snapshot().toJson(), false);
        }

        List<List<Fact>> lanes = partitionByMember(facts);
        List<Decision> handed = Collections.synchronizedList(new ArrayList<>());
        List<List<Decision>> returned = new ArrayList<>();
        int snapshots = 0;
        String parallelState;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try (RewardsEngine engine = RewardsEngine.builder().shards(shards).onDecision(handed::add).build()) {
            CyclicBarrier start = new CyclicBarrier(THREADS + 1);
            List<CompletableFuture<List<Decision>>> lanesDone = new ArrayList<>();
            for (List<Fact> lane : lanes) {
                lanesDone.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    List<Decision> out = new ArrayList<>();
                    lane.forEach(f -> out.addAll(engine.apply(f)));
                    return out;
                }, pool));
            }
            AtomicBoolean done = new AtomicBoolean();
            CompletableFuture<Integer> snapshotter = CompletableFuture.supplyAsync(() -> {
                await(start);
                int n = 0;
                while (!done.get()) {
                    checkSnapshot(engine.snapshot().toJson(), handed);
                    n++;
                }
                return n;
            }, pool);
            for (CompletableFuture<List<Decision>> lane : lanesDone) {
                returned.add(lane.get(60, TimeUnit.SECONDS));
            }
            done.set(true);
            snapshots = snapshotter.get(60, TimeUnit.SECONDS);
            parallelState = Robust.canonical(engine.snapshot().toJson(), false);
            assertThat(engine.pendingDecisions()).isEmpty();
        } finally {
            pool.shutdownNow();
        }

        List<Decision> parallel = returned.stream().flatMap(List::stream).toList();
        assertThat(sorted(parallel)).as("the same decisions").isEqualTo(sorted(serial));
        assertThat(byMember(parallel)).as("each member's decisions in the same order").isEqualTo(byMember(serial));
        assertThat(sorted(handed)).as("handed over once each").isEqualTo(sorted(serial));
        assertThat(byMember(handed)).isEqualTo(byMember(serial));
        assertThat(parallelState).as("the same state in the end").isEqualTo(serialState);
        System.out.println("concurrency (seed " + seed + ", " + shards + " shards): " + facts.size() + " facts on " + THREADS
                + " threads, " + serial.size() + " decisions, " + snapshots + " snapshots taken meanwhile, 0 differences");
    }

    /** One lane per thread: a member's facts stay together and in order; a moderation goes with its post's member. */
    static List<List<Fact>> partitionByMember(List<Fact> facts) {
        Map<String, String> postOwner = new HashMap<>();
        for (Fact f : facts) {
            if (f instanceof Post p) {
                postOwner.putIfAbsent(p.id(), p.member());
            }
        }
        Map<String, Integer> laneOf = new HashMap<>();
        List<List<Fact>> lanes = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            lanes.add(new ArrayList<>());
        }
        for (Fact f : facts) {
            String key;
            if (f instanceof CheckIn c) {
                key = c.member();
            } else if (f instanceof Post p) {
                key = p.member();
            } else {
                String post = ((Moderation) f).post();
                key = postOwner.getOrDefault(post, "post:" + post); // a post that never comes: its moderations stay together
            }
            int lane = laneOf.computeIfAbsent(key, k -> laneOf.size() % THREADS);
            lanes.get(lane).add(f);
        }
        return lanes;
    }

    /** Every campaign the snapshot has decided is pending in it or was handed over before it returned. */
    private static void checkSnapshot(String json, List<Decision> handed) {
        Snapshot.parse("concurrent", json);
        Set<String> handedKeys = new HashSet<>();
        synchronized (handed) {
            handed.forEach(d -> handedKeys.add(d.member() + "/" + d.campaign()));
        }
        JsonNode tree = Robust.tree(json);
        Set<String> pending = new HashSet<>();
        tree.get("pending").forEach(p -> {
            Decision d = DecisionJson.parse(p.asText());
            pending.add(d.member() + "/" + d.campaign());
        });
        for (JsonNode decided : tree.get("decided")) {
            String key = decided.get("member").asText() + "/" + decided.get("campaign").asText();
            assertThat(pending.contains(key) || handedKeys.contains(key))
                    .as("%s is decided in a snapshot but neither pending in it nor handed over", key).isTrue();
        }
    }

    private static List<String> sorted(List<Decision> decisions) {
        List<String> out = new ArrayList<>(Robust.lines(decisions));
        out.sort(null);
        return out;
    }

    private static Map<String, List<String>> byMember(List<Decision> decisions) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Decision d : decisions) {
            out.computeIfAbsent(d.member(), m -> new ArrayList<>()).add(DecisionJson.toJson(d));
        }
        return new java.util.TreeMap<>(out);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
