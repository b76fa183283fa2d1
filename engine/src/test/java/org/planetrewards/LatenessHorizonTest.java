package org.planetrewards;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.planetrewards.model.ModerationAction;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The opt-in lateness horizon (settings' {@code "lateness": {"days": L}}): refusals, eviction, snapshots. */
class LatenessHorizonTest {
    private static final LocalDate START = LocalDate.of(2026, 3, 1);
    private static final String TEXT = "A long enough post about the planet and its rewards, well over fifty visible characters.";

    private static OffsetDateTime at(int day) {
        return START.plusDays(day).atTime(12, 0).atOffset(java.time.ZoneOffset.ofHours(8));
    }

    private static Post post(String member, int day) {
        return new Post(member + "-" + day, member, at(day), TEXT, List.of("news"), List.of());
    }

    private static RewardsEngine engine(int late) {
        return RewardsEngine.builder().shards(2).settings(Settings.defaults().withLateDays(late)).build();
    }

    @Test
    void aFactOlderThanTheHorizonIsRefusedWithItsReasonAndChangesNothing() {
        try (RewardsEngine engine = engine(3)) {
            engine.apply(new CheckIn("ana", at(10)));
            engine.apply(post("ana", 7)); // 3 days late: allowed
            String before = engine.snapshot().toJson();
            assertThatThrownBy(() -> engine.apply(new CheckIn("ana", at(6))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("check-in of 2026-03-07 is 4 days older than the newest fact (2026-03-11); the lateness setting allows 3");
            assertThatThrownBy(() -> engine.apply(post("bo", 2)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("post of 2026-03-03 is 8 days older than the newest fact (2026-03-11)");
            assertThat(engine.snapshot().toJson()).isEqualTo(before);
        }
    }

    @Test
    void aModerationOfAPostOlderThanTheHorizonIsRefusedEvenWhenTheModerationIsRecent() {
        try (RewardsEngine engine = engine(3)) {
            engine.apply(post("ana", 0));
            engine.apply(new CheckIn("ana", at(5)));
            // Featuring a 5-day-old post would change day 0, beyond the horizon.
            assertThatThrownBy(() -> engine.apply(new Moderation("ana-0", ModerationAction.FEATURE, at(5))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("moderation of a post of 2026-03-01, which is 5 days older than the newest fact (2026-03-06)");
            engine.apply(post("ana", 4));
            assertThat(engine.apply(new Moderation("ana-4", ModerationAction.REJECT, at(5)))).isEmpty();
        }
    }

    @Test
    void aLenientReplaySkipsTooLateLinesIntoTheRejections() {
        String history = String.join("\n",
                "{\"type\":\"checkin\",\"member\":\"ana\",\"at\":\"2026-03-20T10:00:00+08:00\"}",
                "{\"type\":\"checkin\",\"member\":\"ana\",\"at\":\"2026-03-01T10:00:00+08:00\"}",
                "{\"type\":\"checkin\",\"member\":\"ana\",\"at\":\"2026-03-19T10:00:00+08:00\"}");
        for (int shards : new int[]{1, 3}) {
            List<HistoryReader.Rejected> rejected = new ArrayList<>();
            try (RewardsEngine engine = RewardsEngine.builder().shards(shards)
                    .settings(Settings.defaults().withLateDays(5)).build()) {
                engine.replay(HistoryReader.of("h.jsonl", new StringReader(history)).skipInvalid(rejected::add));
                assertThat(rejected).extracting(HistoryReader.Rejected::line).containsExactly(2L);
                assertThat(rejected.get(0).reason()).contains("19 days older than the newest fact (2026-03-20)");
                assertThat(engine.explain("ana").toString()).contains("2026-03-19");
            }
        }
    }

    @Test
    void oldDaysLeaveTheStateAsDaysPass() throws Exception {
        // Horizon 2 days, longest campaign 30 days: 31 days kept; one post and check-in a day for 120 days.
        try (RewardsEngine bounded = engine(2); RewardsEngine unbounded = RewardsEngine.builder().shards(2).build()) {
            List<Decision> a = new ArrayList<>();
            List<Decision> b = new ArrayList<>();
            for (int d = 0; d < 120; d++) {
                for (String m : List.of("ana", "bo", "cy")) {
                    for (Fact f : List.of(new CheckIn(m, at(d)), post(m, d))) {
                        a.addAll(bounded.apply(f));
                        b.addAll(unbounded.apply(f));
                    }
                }
            }
            assertThat(a).isEqualTo(b).isNotEmpty();
            var json = new ObjectMapper().readTree(bounded.snapshot().toJson());
            assertThat(json.get("posts").size()).isEqualTo(3 * (2 + 30));
            assertThat(json.get("checkIns").size()).isEqualTo(3 * (2 + 30));
            assertThat(json.get("routes").size()).isEqualTo(3 * (2 + 30));
            assertThat(json.get("newestDay").asText()).isEqualTo(START.plusDays(119).toString());
            assertThat(new ObjectMapper().readTree(unbounded.snapshot().toJson()).get("posts").size()).isEqualTo(3 * 120);
            assertThat(new ObjectMapper().readTree(unbounded.snapshot().toJson()).has("newestDay")).isFalse();
        }
    }

    @Test
    void aSnapshotKeepsTheWatermarkSoAResumedEngineRefusesTheSame() {
        Snapshot snap;
        try (RewardsEngine engine = engine(3)) {
            engine.apply(new CheckIn("ana", at(10)));
            snap = Snapshot.parse("s.json", engine.snapshot().toJson());
        }
        try (RewardsEngine resumed = RewardsEngine.builder().settings(Settings.defaults().withLateDays(3)).resumeFrom(snap).build()) {
            assertThatThrownBy(() -> resumed.apply(new CheckIn("bo", at(6))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("4 days older");
            assertThat(resumed.snapshot().toJson()).isEqualTo(snap.toJson());
        }
    }

    @Test
    void theSettingReadsWritesAndIsCheckedStrictly() {
        Settings s = Settings.parse("s.json", "{\"lateness\": {\"days\": 10}}");
        assertThat(s.lateDays()).isEqualTo(10);
        assertThat(s.lateness()).hasValue(10);
        assertThat(Settings.parse("again.json", s.toJson())).isEqualTo(s);
        assertThat(Settings.defaults().lateness()).isEmpty();
        assertThat(Settings.defaults().toJson()).doesNotContain("lateness");
        assertThatThrownBy(() -> Settings.parse("s.json", "{\"lateness\": {\"days\": 0}}"))
                .isInstanceOf(SettingsException.class)
                .hasMessage("s.json: $.lateness.days: expected a whole number of at least 1, found number 0");
        assertThatThrownBy(() -> Settings.parse("s.json", "{\"lateness\": {}}"))
                .hasMessage("s.json: $.lateness.days: missing (required)");
        // A typo is two problems, both reported at once: the unknown key and the key it should have been.
        assertThatThrownBy(() -> Settings.parse("s.json", "{\"lateness\": {\"day\": 3}}"))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).extracting(Throwable::getMessage)
                        .containsExactly("s.json: $.lateness.day: unknown key (expected one of [days])",
                                "s.json: $.lateness.days: missing (required)"));
        assertThatThrownBy(() -> Settings.parse("s.json", "{\"lateness\": 3}"))
                .hasMessage("s.json: $.lateness: expected an object, found number 3");
    }
}
