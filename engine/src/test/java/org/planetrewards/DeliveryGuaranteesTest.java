package org.planetrewards;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision outlet's promises, one at a time, on hand-made facts (the generated-history versions are in examples). */
class DeliveryGuaranteesTest {
    static final OffsetDateTime T = OffsetDateTime.parse("2026-03-01T21:00:00+08:00");
    static final String STORY = "我第一次用 ChatGPT 是帮孩子改作文，后来用它写周报、查资料、学英语、做旅行计划，现在每天都离不开它。";

    static Post story(String member) {
        return new Post("p-" + member, member, T, STORY, List.of("#球友故事#"), List.of());
    }

    @Test
    void aRefusedDecisionIsOfferedAgainFirstAndInOrder() {
        List<String> accepted = new ArrayList<>();
        boolean[] down = {true};
        try (RewardsEngine engine = RewardsEngine.builder().shards(2).onDecision(d -> {
            if (down[0]) {
                throw new IllegalStateException("down");
            }
            accepted.add(d.member());
        }).build()) {
            assertThat(engine.apply(story("a"))).hasSize(1); // returned even though the handler refused it
            engine.apply(story("b"));
            assertThat(engine.pendingDecisions()).extracting(Decision::member).containsExactly("a", "b");
            assertThatThrownBy(engine::deliverPending).isInstanceOf(DecisionDeliveryException.class)
                    .hasMessageContaining("member-story for member a").hasMessageContaining("2 decision(s) stay pending");
            down[0] = false;
            engine.apply(story("c"));
            assertThat(accepted).containsExactly("a", "b", "c");
            assertThat(engine.pendingDecisions()).isEmpty();
            engine.deliverPending(); // nothing left: a no-op
            assertThat(accepted).hasSize(3);
        }
    }

    /**
     * Regression: decisions were queued for the handler only after the engine let go of its lifecycle
     * lock, so a snapshot taken by another thread in between saw the campaign decided but the decision
     * neither pending nor delivered: resumed from it, the decision was lost. Here one thread's handler
     * is busy; another thread's decision waits behind it; a snapshot taken then must hold both.
     */
    @Test
    void aSnapshotTakenWhileTheHandlerIsBusyHoldsEveryUndeliveredDecision() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> accepted = new CopyOnWriteArrayList<>();
        try (RewardsEngine engine = RewardsEngine.builder().shards(4).onDecision(d -> {
            if (d.member().equals("slow")) {
                inHandler.countDown();
                await(release);
            }
            accepted.add(d.member());
        }).build()) {
            CompletableFuture<List<Decision>> slow = CompletableFuture.supplyAsync(() -> engine.apply(story("slow")));
            assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<List<Decision>> quick = CompletableFuture.supplyAsync(() -> engine.apply(story("quick")));
            waitUntil(() -> engine.pendingDecisions().size() == 2);

            Snapshot snapshot = CompletableFuture.supplyAsync(engine::snapshot).get(10, TimeUnit.SECONDS);

            release.countDown();
            slow.get(10, TimeUnit.SECONDS);
            quick.get(10, TimeUnit.SECONDS);
            assertThat(accepted).containsExactly("slow", "quick");
            // Resumed from the snapshot, both are offered again (at least once): none lost.
            List<String> again = new ArrayList<>();
            try (RewardsEngine resumed = RewardsEngine.builder().shards(4).onDecision(d -> again.add(d.member()))
                    .resumeFrom(Snapshot.parse("s", snapshot.toJson())).build()) {
                resumed.deliverPending();
                assertThat(again).containsExactly("slow", "quick");
            }
        }
    }

    @Test
    void aHandlerThatAppliesFactsItselfGetsTheirDecisionsAfterItReturnsOnceEach() {
        List<String> accepted = new ArrayList<>();
        RewardsEngine[] self = new RewardsEngine[1];
        try (RewardsEngine engine = RewardsEngine.builder().shards(2).onDecision(d -> {
            accepted.add(d.member());
            if (d.member().equals("a")) {
                self[0].apply(story("b")); // the host reacts to a decision with a new fact
            }
        }).build()) {
            self[0] = engine;
            engine.apply(story("a"));
            assertThat(accepted).containsExactly("a", "b");
            assertThat(engine.pendingDecisions()).isEmpty();
        }
    }

    @Test
    void pendingDecisionsSurviveASnapshotAndGoFirstAfterResuming() {
        boolean[] down = {true};
        String json;
        try (RewardsEngine engine = RewardsEngine.builder().shards(3).onDecision(d -> {
            if (down[0]) {
                throw new IllegalStateException("down");
            }
        }).build()) {
            engine.apply(story("a"));
            engine.apply(story("b"));
            json = engine.snapshot().toJson();
        }
        List<String> accepted = new ArrayList<>();
        try (RewardsEngine resumed = RewardsEngine.builder().shards(1).onDecision(d -> accepted.add(d.member()))
                .resumeFrom(Snapshot.parse("s", json)).build()) {
            assertThat(resumed.pendingDecisions()).extracting(Decision::member).containsExactly("a", "b");
            resumed.apply(story("c"));
            assertThat(accepted).containsExactly("a", "b", "c");
            assertThat(resumed.apply(story("a"))).as("decided before the restart: never again").isEmpty();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws Exception {
        CompletableFuture<Void> wait = CompletableFuture.runAsync(() -> {
            while (!condition.getAsBoolean()) {
                Thread.onSpinWait();
            }
        });
        wait.get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
    }
}
