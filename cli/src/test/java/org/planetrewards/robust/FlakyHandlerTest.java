package org.planetrewards.robust;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.planetrewards.Decision;
import org.planetrewards.DecisionDeliveryException;
import org.planetrewards.DecisionHandler;
import org.planetrewards.Fact;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that fails on every third call, half the time after it stored the decision (the write
 * went through, the acknowledgement did not) and half the time before. With the host's unique key on
 * {@link Decision#id()} every decision is stored exactly once, in decision order; a refused decision is
 * the very next one offered; and decisions pending at a snapshot are offered first by the engine
 * resumed from it. Run with the failures shifted by 0, 1 and 2 calls, so every decision of a fact that
 * makes two at once is refused in some run, the first or the second.
 */
class FlakyHandlerTest {

    /** The host's store: a table with a unique key on the decision id. */
    static final class Store {
        final Map<String, Decision> byId = new LinkedHashMap<>();
        int duplicatesIgnored;

        void put(Decision d) {
            if (byId.putIfAbsent(d.id(), d) != null) {
                duplicatesIgnored++;
            }
        }
    }

    @ParameterizedTest(name = "seed {0}, failures shifted by {1}")
    @CsvSource({"3, 0", "3, 1", "3, 2", "8, 0", "8, 1", "8, 2"})
    void everyDecisionIsStoredExactlyOnceInOrder(long seed, int shift) {
        List<Fact> facts = Robust.facts(seed, 40, 30);
        List<List<Decision>> perFact = Robust.perFact(facts, 2);
        List<Decision> expected = Robust.flat(perFact);
        long bursts = perFact.stream().filter(d -> d.size() > 1).count();
        Store store = new Store();
        List<Decision> calls = new ArrayList<>();
        List<Integer> failedCalls = new ArrayList<>();
        DecisionHandler flaky = d -> {
            calls.add(d);
            int call = calls.size();
            if ((call + shift) % 3 == 0) {
                failedCalls.add(call - 1);
                if (call % 2 == 0) {
                    store.put(d); // stored, but the acknowledgement is lost
                }
                throw new IllegalStateException("connection reset");
            }
            store.put(d);
        };
        int snapshotsWithPending = 0;
        int pendingAtEnd;
        int lastRestart = 0;
        RewardsEngine engine = RewardsEngine.builder().shards(3).onDecision(flaky).build();
        try {
            for (int i = 0; i < facts.size(); i++) {
                engine.apply(facts.get(i));
                if (!engine.pendingDecisions().isEmpty() && i - lastRestart >= 30) { // a restart while decisions wait
                    lastRestart = i;
                    String json = engine.snapshot().toJson();
                    engine.close();
                    engine = RewardsEngine.builder().shards(2).onDecision(flaky).resumeFrom(Snapshot.parse("s", json)).build();
                    snapshotsWithPending++;
                }
            }
            pendingAtEnd = engine.pendingDecisions().size();
            for (int round = 0; !engine.pendingDecisions().isEmpty(); round++) {
                assertThat(round).as("delivery rounds").isLessThan(100);
                try {
                    engine.deliverPending();
                } catch (DecisionDeliveryException e) {
                    assertThat(e.decision().id()).isEqualTo(calls.get(calls.size() - 1).id());
                }
            }
        } finally {
            engine.close();
        }

        assertThat(Robust.lines(List.copyOf(store.byId.values()))).as("stored once each, in decision order")
                .isEqualTo(Robust.lines(expected));
        for (int failed : failedCalls) {
            if (failed + 1 < calls.size()) {
                assertThat(calls.get(failed + 1).id()).as("after a refusal the same decision comes first").isEqualTo(calls.get(failed).id());
            }
        }
        // The first offer of each decision comes in decision order: nothing newer overtakes a pending one.
        List<String> firstOffers = calls.stream().map(Decision::id).distinct().toList();
        assertThat(firstOffers).isEqualTo(expected.stream().map(Decision::id).toList());
        System.out.println("flaky-handler (seed " + seed + ", shift " + shift + "): " + expected.size() + " decisions, "
                + calls.size() + " handler calls, " + failedCalls.size() + " refused, " + store.duplicatesIgnored
                + " duplicates ignored by the unique key, " + snapshotsWithPending + " restarts with decisions pending, "
                + pendingAtEnd + " pending at the end, " + bursts + " facts with two decisions, 0 lost");
        assertThat(bursts).as("facts that make two decisions at once").isPositive();
        assertThat(failedCalls).isNotEmpty();
        assertThat(snapshotsWithPending).isPositive();
    }
}
