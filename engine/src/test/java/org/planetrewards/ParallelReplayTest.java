package org.planetrewards;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Parallel replay (more than one shard) ends the way a one-by-one replay does when something goes
 * wrong part way: the same exception, the same decisions delivered, no worker left behind.
 */
class ParallelReplayTest {
    static final String STORY = RuntimeRuleFailureTest.STORY;

    static String storyLine(String member, String id) {
        return "{\"type\":\"post\",\"id\":\"" + id + "\",\"member\":\"" + member
                + "\",\"at\":\"2026-03-01T21:00:00+08:00\",\"tags\":[\"#球友故事#\"],\"text\":\"" + STORY + "\"}\n";
    }

    /** Gives {@code text}, then fails the next read as a disk or network error would. */
    static Reader failingAfter(String text) {
        return new Reader() {
            private final StringReader in = new StringReader(text);
            private boolean drained;

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                if (drained) {
                    throw new IOException("connection reset");
                }
                int n = in.read(buf, off, len);
                if (n < 0) {
                    drained = true;
                    throw new IOException("connection reset");
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    static long replayThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("planet-rewards-replay-") && t.isAlive()).count();
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a result lost while held would leave the replay waiting for it for ever
    void aMemberWhoseFactsAreFarApartHoldsBackNothingButItsOwnTurn() throws IOException {
        // The lonely member's story waits in its shard's unfilled chunk while 20,000 stories of members
        // of the other shard are applied: results are held until their turn, far more than the replay
        // keeps at first, and still come out in file order.
        StringBuilder lines = new StringBuilder(storyLine(memberOfShard(0, 0), "lonely-1"));
        for (int i = 0; i < 20_000; i++) {
            lines.append(storyLine(memberOfShard(1, i), "busy-" + i));
        }
        lines.append(storyLine(memberOfShard(0, 1), "lonely-2"));
        List<Decision> oneByOne = new java.util.ArrayList<>();
        try (RewardsEngine single = RewardsEngine.builder().shards(1).build();
             HistoryReader in = HistoryReader.of("spread.jsonl", new StringReader(lines.toString()))) {
            for (Fact f; (f = in.next()) != null; ) {
                oneByOne.addAll(single.apply(f));
            }
        }
        List<Decision> handed = new CopyOnWriteArrayList<>();
        try (RewardsEngine parallel = RewardsEngine.builder().shards(2).onDecision(handed::add).build()) {
            List<Decision> replayed = parallel.replay(HistoryReader.of("spread.jsonl", new StringReader(lines.toString())));
            assertThat(oneByOne).hasSize(20_002);
            assertThat(replayed).isEqualTo(oneByOne);
            assertThat(handed).isEqualTo(oneByOne);
        }
    }

    /** The {@code n}-th member id that a two-shard engine puts on shard {@code shard}. */
    private static String memberOfShard(int shard, int n) {
        int found = 0;
        for (int i = 0; ; i++) {
            String id = "m" + i;
            if (Math.floorMod(id.hashCode(), 2) == shard && found++ == n) {
                return id;
            }
        }
    }

    @Test
    void aReadErrorMidFileStillDeliversTheDecisionsOfTheFactsReadBeforeIt() {
        String history = storyLine("m1", "p1") + storyLine("m2", "p2") + storyLine("m3", "p3");
        for (int shards : new int[] {1, 4}) {
            List<Decision> handed = new CopyOnWriteArrayList<>();
            try (RewardsEngine engine = RewardsEngine.builder().shards(shards).onDecision(handed::add).build()) {
                Throwable e = catchThrowable(() -> engine.replay(HistoryReader.of("h.jsonl", failingAfter(history))));

                assertThat(e).as("%d shards", shards).isInstanceOf(UncheckedIOException.class).hasMessageContaining("h.jsonl:4");
                assertThat(handed).as("%d shards: decisions of the facts applied before the error", shards)
                        .extracting(Decision::member).containsExactly("m1", "m2", "m3");
                assertThat(engine.snapshot().lastStamp()).as("%d shards", shards).isNotNull();
                assertThat(replayThreadsAlive()).as("%d shards: replay workers left running", shards).isZero();
            }
        }
    }

    @Test
    void aRuleFailureBeforeABadLineIsReportedNotTheBadLine() {
        String history = """
                {"type":"checkin","member":"bomb","at":"2026-03-01T09:00:00+08:00"}
                {"type":"checkin","member":"b","at":"2026-03-01T10:00:00+08:00"}
                not json
                """;
        for (int shards : new int[] {1, 4}) {
            try (RewardsEngine engine = RewardsEngine.builder().rules(RuntimeRuleFailureTest.hostilePack()).shards(shards).build()) {
                RuleFailureException e = catchThrowableOfType(RuleFailureException.class,
                        () -> engine.replay(HistoryReader.of("h.jsonl", new StringReader(history))));

                assertThat(e).as("%d shards: the first problem in file order", shards).isNotNull();
                assertThat(e.getMessage()).startsWith("h.jsonl:1: rule \"Explodes on member bomb\" failed");
            }
        }
    }
}
