package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.ModerationAction;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A repeated or stale fact changes nothing at all, down to the last byte of a snapshot. */
class RepeatedFactsTest {
    static final OffsetDateTime T = OffsetDateTime.parse("2026-03-01T21:00:00+08:00");
    static final String STORY = "我第一次用 ChatGPT 是帮孩子改作文，后来用它写周报、查资料、学英语、做旅行计划，现在每天都离不开它。";

    /**
     * Regression: the engine remembered the stamp of the last fact applied (it stamps decisions made by
     * a reload) even when the fact was a repeat, so re-delivering an old line changed the state.
     */
    @Test
    void aRepeatOrAStaleVersionLeavesTheSnapshotByteForByteTheSame() {
        Post first = new Post("p1", "mei", T, "short", List.of("news"), List.of());
        Post edit = new Post("p1", "mei", T, STORY, List.of("#球友故事#"), List.of(), T.plusHours(2));
        Moderation feature = new Moderation("p1", ModerationAction.FEATURE, T.plusHours(3));
        CheckIn morning = new CheckIn("mei", T.minusHours(12));
        try (RewardsEngine engine = RewardsEngine.builder().shards(2).build()) {
            engine.apply(morning);
            engine.apply(first);
            assertThat(engine.apply(edit)).hasSize(1);
            engine.apply(feature);
            engine.apply(new Moderation("gone", ModerationAction.REJECT, T)); // waits for a post that never comes
            engine.apply(new CheckIn("wang", T.plusDays(1)));
            String before = engine.snapshot().toJson();

            List<Fact> repeats = List.of(first, edit, feature, morning,
                    new CheckIn("mei", T), // another check-in on a day already checked in
                    new Post("p1", "mei", T, "stale text", List.of(), List.of(), T.plusHours(1)), // older than the edit
                    new Moderation("p1", ModerationAction.REJECT, T.plusHours(3)), // same instant as the latest
                    new Moderation("p1", ModerationAction.RESTORE, T.plusHours(1)), // older
                    new Moderation("gone", ModerationAction.REJECT, T));
            for (Fact repeat : repeats) {
                assertThat(engine.apply(repeat)).as("%s", repeat).isEmpty();
                assertThat(engine.snapshot().toJson()).as("after %s", repeat).isEqualTo(before);
            }
        }
    }

    /**
     * Regression: an instant at the far ends of time has no date in the community zone; the engine
     * threw a DateTimeException from the middle of applying it. It is invalid input, refused first.
     */
    @Test
    void aTimestampWithNoDateInTheZoneIsInvalidInputAndChangesNothing() {
        OffsetDateTime endOfTime = OffsetDateTime.of(java.time.LocalDateTime.MAX, ZoneOffset.ofHours(-18));
        // Limits that let every instant through, so the engine's own guard is what refuses it.
        HistoryReader.Limits allTime = HistoryReader.Limits.DEFAULT.withTimeRange(java.time.Instant.MIN, java.time.Instant.MAX);
        try (RewardsEngine engine = RewardsEngine.builder().shards(1).limits(allTime).build()) {
            engine.apply(new CheckIn("mei", T));
            String before = engine.snapshot().toJson();
            assertThatThrownBy(() -> engine.apply(new CheckIn("mei", endOfTime)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("checkin \"at\"").hasMessageContaining("has no date");
            assertThatThrownBy(() -> engine.apply(new Post("p1", "mei", T, STORY, List.of("#球友故事#"), List.of(), endOfTime)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("post \"editedAt\"");
            assertThat(engine.snapshot().toJson()).isEqualTo(before);
            assertThat(engine.apply(new Post("p1", "mei", T, STORY, List.of("#球友故事#"), List.of()))).hasSize(1);
        }
    }
}
