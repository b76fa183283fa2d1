package org.planetrewards.robust;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.Post;
import org.planetrewards.RewardsEngine;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Facts delivered again change nothing and decide nothing, in the library as in replay: a whole
 * history applied a second time, a whole file replayed on top of itself, and a history salted with
 * repeats of earlier facts (the same line again, a post's older version after its edit, an old
 * moderation) decides exactly what the clean history decides, and ends in the very same snapshot.
 */
class IdempotencyTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void everyFactAppliedAgainChangesNothing(long seed) {
        List<Fact> facts = Robust.facts(seed, 60, 30);
        try (RewardsEngine engine = RewardsEngine.builder().shards(3).build()) {
            List<Decision> first = new ArrayList<>();
            facts.forEach(f -> first.addAll(engine.apply(f)));
            String before = engine.snapshot().toJson();
            List<Decision> again = new ArrayList<>();
            facts.forEach(f -> again.addAll(engine.apply(f)));

            assertThat(first).isNotEmpty();
            assertThat(again).isEmpty();
            assertThat(engine.snapshot().toJson()).isEqualTo(before);
            System.out.println("idempotency (apply again, seed " + seed + "): " + facts.size() + " facts re-applied, "
                    + again.size() + " new decisions, snapshot " + (engine.snapshot().toJson().equals(before) ? "identical" : "changed"));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 5})
    void aFileReplayedOnTopOfItselfDecidesNothingMore(long seed) {
        String text = Robust.text(seed, 60, 30);
        try (RewardsEngine engine = RewardsEngine.builder().shards(2).build()) {
            List<Decision> first = engine.replay(HistoryReader.of("h.jsonl", new StringReader(text)));
            String before = engine.snapshot().toJson();
            List<Decision> second = engine.replay(HistoryReader.of("h.jsonl", new StringReader(text)));

            assertThat(first).isNotEmpty();
            assertThat(second).isEmpty();
            assertThat(engine.snapshot().toJson()).isEqualTo(before);
            System.out.println("idempotency (file on itself, seed " + seed + "): " + text.lines().count()
                    + " lines replayed twice, " + second.size() + " new decisions");
        }
    }

    /**
     * Each fact is re-delivered, with some probability, at a random later point: an exact repeat, or
     * (for posts) any older version of the same post. Same decisions, same order, same stamps; the
     * final snapshot byte for byte the same.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {6, 7, 8})
    void repeatsAndStaleVersionsSaltedThroughAHistoryChangeNothing(long seed) {
        List<Fact> facts = Robust.facts(seed, 60, 30);
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Fact>> slots = new ArrayList<>();
        for (int i = 0; i <= facts.size(); i++) {
            slots.add(new ArrayList<>());
        }
        int repeats = 0;
        int staleVersions = 0;
        for (int i = 0; i < facts.size(); i++) {
            Fact f = facts.get(i);
            if (random.nextDouble() < 0.3) {
                int later = i + 1 + random.nextInt(facts.size() - i); // after the original: it must be a repeat then
                Fact repeat = f;
                if (f instanceof Post p && random.nextBoolean()) {
                    // an older version: same post, an earlier stamp, whatever text and tags
                    repeat = new Post(p.id(), p.member(), p.at(), "stale " + p.text(), List.of(), List.of(),
                            p.stamp().minusSeconds(1 + random.nextInt(3600)));
                    staleVersions++;
                }
                slots.get(later).add(repeat);
                repeats++;
            }
        }
        List<Fact> salted = new ArrayList<>();
        for (int i = 0; i <= facts.size(); i++) {
            salted.addAll(slots.get(i));
            if (i < facts.size()) {
                salted.add(facts.get(i));
            }
        }
        String clean;
        List<Decision> expected = new ArrayList<>();
        try (RewardsEngine engine = RewardsEngine.builder().shards(2).build()) {
            facts.forEach(f -> expected.addAll(engine.apply(f)));
            clean = engine.snapshot().toJson();
        }
        List<Decision> actual = new ArrayList<>();
        String dirty;
        try (RewardsEngine engine = RewardsEngine.builder().shards(2).build()) {
            salted.forEach(f -> actual.addAll(engine.apply(f)));
            dirty = engine.snapshot().toJson();
        }
        assertThat(Robust.lines(actual)).isEqualTo(Robust.lines(expected));
        assertThat(dirty).isEqualTo(clean);
        System.out.println("idempotency (salted, seed " + seed + "): " + facts.size() + " facts + " + repeats
                + " re-deliveries (" + staleVersions + " older versions of posts), 0 differences");
    }
}
