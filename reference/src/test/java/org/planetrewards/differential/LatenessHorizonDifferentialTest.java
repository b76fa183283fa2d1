package org.planetrewards.differential;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Settings;
import org.planetrewards.Snapshot;
import org.planetrewards.generate.FactJson;
import org.planetrewards.generate.HistoryGenerator;
import org.planetrewards.reference.ReferenceModel;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lateness horizon changes no decision while no fact is too late: generated histories (whose late
 * lines are at most a few days late) long enough for old days to be evicted many times over, through an
 * engine with a generous horizon (10 days), an engine without one and the reference model, fact by fact,
 * in a parallel replay, and across a snapshot and resume.
 */
class LatenessHorizonDifferentialTest {
    private static final Settings BOUNDED = Settings.defaults().withLateDays(10);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void aGenerousHorizonDecidesLikeNoHorizonAndTheReferenceModel(long seed) {
        List<Fact> facts = new HistoryGenerator(seed, 150, 100).facts();
        ReferenceModel reference = new ReferenceModel(Settings.defaults());
        List<Decision> expected = new ArrayList<>();
        List<Decision> bounded = new ArrayList<>();
        List<Decision> unbounded = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        try (RewardsEngine withHorizon = RewardsEngine.builder().shards(3).settings(BOUNDED).build();
             RewardsEngine without = RewardsEngine.builder().shards(3).build()) {
            for (int i = 0; i < facts.size(); i++) {
                List<Decision> ref = reference.apply(facts.get(i));
                List<Decision> b = withHorizon.apply(facts.get(i)); // a too-late fact would throw here
                List<Decision> u = without.apply(facts.get(i));
                expected.addAll(ref);
                bounded.addAll(b);
                unbounded.addAll(u);
                if ((!b.equals(ref) || !u.equals(ref)) && mismatches.size() < 10) {
                    mismatches.add("fact #" + i + " " + facts.get(i) + "\n  bounded: " + b + "\n  unbounded: " + u + "\n  reference: " + ref);
                }
            }
            assertThat(mismatches).isEmpty();
            assertThat(bounded).isEqualTo(unbounded).isEqualTo(expected).hasSizeGreaterThan(50);
            // and memory was actually given back: far fewer posts kept than applied
            int keptBounded = withHorizon.snapshot().toJson().split("\"visibleLength\"").length;
            int keptUnbounded = without.snapshot().toJson().split("\"visibleLength\"").length;
            assertThat(keptBounded).isLessThan(keptUnbounded / 2);
        }

        // A parallel replay of the same lines, stopped half way through a snapshot and resumed.
        String lines = facts.stream().map(FactJson::toJson).collect(Collectors.joining("\n"));
        int half = lines.length() / 2;
        int cut = lines.indexOf('\n', half);
        List<Decision> replayed = new ArrayList<>();
        Snapshot snap;
        try (RewardsEngine first = RewardsEngine.builder().shards(4).settings(BOUNDED).build()) {
            replayed.addAll(first.replay(HistoryReader.of("a.jsonl", new StringReader(lines.substring(0, cut)))));
            snap = Snapshot.parse("s.json", first.snapshot().toJson());
        }
        try (RewardsEngine second = RewardsEngine.builder().shards(2).settings(BOUNDED).resumeFrom(snap).build()) {
            replayed.addAll(second.replay(HistoryReader.of("b.jsonl", new StringReader(lines.substring(cut + 1)))));
        }
        assertThat(replayed).isEqualTo(expected);
    }
}
