package org.planetrewards.differential;

import org.junit.jupiter.api.Test;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Settings;
import org.planetrewards.reference.ReferenceModel;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.QualitySettings;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Minimal histories on which the engine and the reference model once disagreed, shrunk by the property
 * test. Each is a file under test resources {@code disagreements/} and stays here as a regression test.
 * The one below broke the first rule pack, which chained a Streak fact per day through truth maintenance;
 * campaign rules now gather each member's counted days, and the engine agrees.
 */
class EngineKnownDisagreementsTest {
    /** Default tags, 5 visible characters, a 3-day streak and a 3-in-5-days window. */
    static final Settings SMALL = Settings.defaults().withQuality(new QualitySettings(5)).withCampaigns(List.of(
            ReferenceModel.consecutiveDays("streak-3", "chatgpt-account", 3),
            ReferenceModel.daysInWindow("window-3-of-5", "openai-key", 3, 5)));

    /*
     * featured-post-moves-to-next-day.jsonl: p1 is published on 03-08 and featured; its new version
     * (line 7, later stamp) is dated 03-09 and replaces it whole (docs/history-format.md), so 03-08 keeps its check-in
     * but loses its only high-quality post. Counted days after line 7: 03-07 and 03-09, no 3-day streak.
     * The engine decides streak-3 with [03-07, 03-08, 03-09] at line 7. It does not decide
     * window-3-of-5, which would hold if 03-08 still counted: the counted day is withdrawn, but a
     * streak derived through it survives. Without the feature line (p1 high quality automatically only)
     * or with p1 featured but too short (featured only), the engine is right: it takes the one fact that
     * both withdraws a counted day and adds the next one, with the post's HighQualityPost supported twice.
     */
    @Test
    void featuredPostMovedToTheNextDayBreaksTheStreak() {
        List<Fact> facts = facts("featured-post-moves-to-next-day.jsonl");
        assertThat(engine(SMALL, facts)).isEqualTo(reference(SMALL, facts));
    }

    @Test
    void featuredPostMovedToTheNextDayDecidesNothingBySpec() {
        assertThat(reference(SMALL, facts("featured-post-moves-to-next-day.jsonl")))
                .allSatisfy(perFact -> assertThat(perFact).isEmpty());
    }

    @Test
    void withoutTheFeatureTheEngineAgrees() {
        List<Fact> facts = new ArrayList<>(facts("featured-post-moves-to-next-day.jsonl"));
        facts.remove(4);
        assertThat(engine(SMALL, facts)).isEqualTo(reference(SMALL, facts));
    }

    private static List<Fact> facts(String name) {
        var in = Objects.requireNonNull(EngineKnownDisagreementsTest.class.getResourceAsStream("/disagreements/" + name), name);
        return HistoryReader.of(name, new InputStreamReader(in, StandardCharsets.UTF_8)).readAll();
    }

    /** Decisions per fact, so a difference shows at which line it happens. */
    private static List<List<Decision>> engine(Settings settings, List<Fact> facts) {
        List<List<Decision>> out = new ArrayList<>();
        try (RewardsEngine engine = RewardsEngine.builder().settings(settings).build()) {
            facts.forEach(f -> out.add(engine.apply(f)));
        }
        return out;
    }

    private static List<List<Decision>> reference(Settings settings, List<Fact> facts) {
        ReferenceModel model = new ReferenceModel(settings);
        List<List<Decision>> out = new ArrayList<>();
        facts.forEach(f -> out.add(model.apply(f)));
        return out;
    }
}
