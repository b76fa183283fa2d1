package org.planetrewards.robust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.planetrewards.Decision;
import org.planetrewards.DecisionDeliveryException;
import org.planetrewards.DecisionHandler;
import org.planetrewards.Fact;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stop anywhere, resume, lose nothing and repeat nothing. An engine is stopped after fact k, its
 * snapshot goes through JSON text into a new engine (often with another shard count), which applies
 * the rest: the decisions before the stop and after it, put together, are exactly those of the run
 * that never stopped, decidedAt and evidence included.
 */
class KillAndResumeTest {

    /** Every stop point of a short history: after each fact, each one resumed on its own. */
    @ParameterizedTest(name = "seed {0}, {1} members x {2} days")
    @CsvSource({"3, 20, 20", "7, 12, 25"})
    void everyStopPointOfAShortHistory(long seed, int members, int days) {
        List<Fact> facts = Robust.facts(seed, members, days);
        List<List<Decision>> uninterrupted = Robust.perFact(facts, 2);
        List<Decision> all = Robust.flat(uninterrupted);
        assertThat(all).as("a history worth stopping").hasSizeGreaterThanOrEqualTo(8);

        int differences = 0;
        int afterABurst = 0;
        List<String> firstDifferences = new ArrayList<>();
        try (RewardsEngine first = RewardsEngine.builder().shards(2).build()) {
            List<Decision> before = new ArrayList<>();
            for (int k = 0; k <= facts.size(); k++) {
                if (k > 0) {
                    before.addAll(first.apply(facts.get(k - 1)));
                    if (!uninterrupted.get(k - 1).isEmpty()) {
                        afterABurst++;
                    }
                }
                String json = first.snapshot().toJson();
                List<Decision> joined = new ArrayList<>(before);
                int shards = 1 + k % 4;
                try (RewardsEngine resumed = RewardsEngine.builder().shards(shards)
                        .resumeFrom(Snapshot.parse("after-" + k, json)).build()) {
                    assertThat(resumed.pendingDecisions()).isEmpty();
                    for (int i = k; i < facts.size(); i++) {
                        joined.addAll(resumed.apply(facts.get(i)));
                    }
                }
                if (!joined.equals(all)) {
                    differences++;
                    if (firstDifferences.size() < 3) {
                        firstDifferences.add("stopped after fact " + k + " (" + shards + " shards):\n  got      "
                                + Robust.lines(joined) + "\n  expected " + Robust.lines(all));
                    }
                }
            }
        }
        System.out.println("kill-and-resume (every stop point, seed " + seed + "): " + (facts.size() + 1) + " stop points, "
                + afterABurst + " right after a decision, " + all.size() + " decisions, " + differences + " differences");
        assertThat(firstDifferences).isEmpty();
    }

    /**
     * A longer history stopped again and again, each engine resumed from the last one's snapshot (so
     * snapshots of resumed engines are tested too): after every fact that made decisions, and at random
     * points, with the shard count changing at each restart. The handler refuses now and then, so some
     * snapshots carry pending decisions; everything handed over across all the engines, in order, is the
     * uninterrupted run's decisions, each exactly once.
     */
    @Test
    void manyRestartsInARowOfALongerHistory() {
        List<Fact> facts = Robust.facts(3, 60, 40);
        List<List<Decision>> uninterrupted = Robust.perFact(facts, 4);
        List<Decision> all = Robust.flat(uninterrupted);
        SplittableRandom random = new SplittableRandom(20260301);
        TreeSet<Integer> stops = new TreeSet<>();
        for (int i = 0; i < facts.size(); i++) {
            if (!uninterrupted.get(i).isEmpty()) {
                stops.add(i + 1); // right after a fact that decided something
            }
        }
        int bursts = stops.size();
        while (stops.size() < bursts + 40) {
            stops.add(1 + random.nextInt(facts.size() - 1));
        }

        List<Decision> made = new ArrayList<>();
        List<Decision> handed = new ArrayList<>();
        int[] calls = {0};
        DecisionHandler flaky = d -> {
            if (++calls[0] % 5 == 0) {
                throw new IllegalStateException("the queue is full");
            }
            handed.add(d);
        };
        int restarts = 0;
        int withPending = 0;
        RewardsEngine engine = RewardsEngine.builder().shards(3).onDecision(flaky).build();
        try {
            for (int i = 0; i < facts.size(); i++) {
                made.addAll(engine.apply(facts.get(i)));
                if (stops.contains(i + 1)) {
                    String json = engine.snapshot().toJson();
                    if (!engine.pendingDecisions().isEmpty()) {
                        withPending++;
                    }
                    engine.close(); // killed: nothing more comes out of it
                    engine = RewardsEngine.builder().shards(1 + restarts % 6).onDecision(flaky)
                            .resumeFrom(Snapshot.parse("restart-" + restarts, json)).build();
                    restarts++;
                }
            }
            while (!engine.pendingDecisions().isEmpty()) {
                try {
                    engine.deliverPending();
                } catch (DecisionDeliveryException refusedAgain) {
                    // offered again on the next round
                }
            }
        } finally {
            engine.close();
        }
        System.out.println("kill-and-resume (restarts in a row): " + facts.size() + " facts, " + restarts + " restarts ("
                + bursts + " right after a decision, " + withPending + " with decisions pending), " + all.size()
                + " decisions, " + (made.equals(all) && handed.equals(all) ? 0 : 1) + " differences");
        assertThat(Robust.lines(made)).isEqualTo(Robust.lines(all));
        assertThat(Robust.lines(handed)).as("handed over across restarts, each once, in order").isEqualTo(Robust.lines(all));
        assertThat(withPending).as("some snapshots carried pending decisions").isPositive();
    }
}
