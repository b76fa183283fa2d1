package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.ModerationAction;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A shard's stored facts: each fact applied and undone (as when a rule fails on it), and the lateness horizon's eviction. */
class ShardFactsTest {
    static LocalDate mar(int day) {
        return LocalDate.of(2026, 3, day);
    }

    static PostVersion post(String id, int day, String stamp) {
        return new PostVersion(id, "ann", mar(day), Instant.parse(stamp), 120, List.of("resources"), true);
    }

    static ModerationState reject(String post) {
        return new ModerationState(post, ModerationAction.REJECT, Instant.parse("2026-03-05T00:00:00Z"),
                LocalDateTime.parse("2026-03-05T08:00:00"));
    }

    @Test
    void aFirstCheckInRegistersTheMemberAndItsUndoLeavesNoTrace() {
        ShardFacts facts = new ShardFacts(MemberState::new);
        MemberState ann = facts.state("ann");
        ShardFacts.Change change = facts.checkIn(ann, new CheckInDay("ann", mar(1), OffsetDateTime.parse("2026-03-01T08:00:00+08:00")));
        assertThat(change.newMember()).isTrue();
        assertThat(change.days()).containsExactly(mar(1));
        assertThat(facts.members).containsKey("ann");
        assertThat(ann.get(mar(1)).checkInAt()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        change.undo().run();
        assertThat(facts.members).isEmpty();
        assertThat(ann.registered).isFalse();
        assertThat(ann.days()).isEmpty();
    }

    @Test
    void aLaterCheckInChangesNothingAndAnEarlierOneReplacesTheTimeUntilUndone() {
        ShardFacts facts = new ShardFacts(MemberState::new);
        MemberState ann = facts.state("ann");
        facts.checkIn(ann, new CheckInDay("ann", mar(1), OffsetDateTime.parse("2026-03-01T10:00:00+08:00")));
        assertThat(facts.checkIn(ann, new CheckInDay("ann", mar(1), OffsetDateTime.parse("2026-03-01T11:00:00+08:00")))).isNull();
        ShardFacts.Change earlier = facts.checkIn(ann, new CheckInDay("ann", mar(1), OffsetDateTime.parse("2026-03-01T07:00:00+08:00")));
        assertThat(earlier.newMember()).isFalse();
        assertThat(ann.get(mar(1)).checkInAt()).isEqualTo(Instant.parse("2026-03-01T07:00:00+08:00"));
        earlier.undo().run();
        assertThat(ann.get(mar(1)).checkInAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00+08:00"));
        assertThat(facts.members).containsKey("ann");
    }

    @Test
    void anEditThatMovesAPostToAnotherDayIsUndoneToTheOldDayWithItsModeration() {
        ShardFacts facts = new ShardFacts(MemberState::new);
        MemberState ann = facts.state("ann");
        facts.post(ann, post("p1", 1, "2026-03-01T13:00:00Z"), reject("p1"), null, false);
        assertThat(ann.get(mar(1)).moderated).isTrue();
        ShardFacts.Change move = facts.post(ann, post("p1", 2, "2026-03-02T13:00:00Z"), null, mar(1), false);
        assertThat(move.days()).containsExactly(mar(1), mar(2));
        assertThat(ann.get(mar(2)).moderated).as("the moderation moves with the post").isTrue();
        assertThat(ann.get(mar(1)).post("p1")).isNull();
        move.undo().run();
        assertThat(ann.get(mar(1)).post("p1").stamp()).isEqualTo(Instant.parse("2026-03-01T13:00:00Z"));
        assertThat(ann.get(mar(2))).as("emptied, so dropped").isNull();
        assertThat(facts.moderations).containsKey("p1");
    }

    @Test
    void aModerationThatWaitedForItsPostIsUndoneWithThePost() {
        ShardFacts facts = new ShardFacts(MemberState::new);
        MemberState ann = facts.state("ann");
        ShardFacts.Change first = facts.post(ann, post("p1", 1, "2026-03-01T13:00:00Z"), reject("p1"), null, false);
        first.undo().run();
        assertThat(facts.moderations).isEmpty();
        assertThat(facts.members).isEmpty();
        assertThat(ann.days()).isEmpty();
    }

    @Test
    void aModerationOfAPostNoLongerHeldIsStoredButChangesNoDay() {
        ShardFacts facts = new ShardFacts(MemberState::new);
        MemberState ann = facts.state("ann");
        facts.post(ann, post("p1", 1, "2026-03-01T13:00:00Z"), null, null, false);
        assertThat(facts.moderation(reject("gone"), "ann", mar(1))).isNull();
        assertThat(facts.moderations).containsKey("gone");
        ShardFacts.Change change = facts.moderation(reject("p1"), "ann", mar(1));
        assertThat(change.days()).containsExactly(mar(1));
        change.undo().run();
        assertThat(facts.moderations).doesNotContainKey("p1");
    }

    @Test
    void evictionForgetsTheDaysBeforeTheHorizonWithTheirModerationsAndNeverGoesBack() {
        ShardFacts facts = new ShardFacts(MemberState::new);
        MemberState ann = facts.state("ann");
        for (int day = 1; day <= 5; day++) {
            facts.checkIn(ann, new CheckInDay("ann", mar(day), OffsetDateTime.parse("2026-03-01T08:00:00+08:00").plusDays(day - 1)));
            facts.post(ann, post("p" + day, day, "2026-03-0" + day + "T13:00:00Z"), reject("p" + day), null, false);
        }
        facts.evict(mar(4));
        assertThat(ann.days()).extracting(d -> d.date).containsExactly(mar(4), mar(5));
        assertThat(facts.moderations).containsOnlyKeys("p4", "p5");
        facts.evict(mar(2)); // an older horizon: nothing comes back, nothing more goes
        assertThat(ann.days()).extracting(d -> d.date).containsExactly(mar(4), mar(5));
        facts.evict(mar(5));
        assertThat(ann.days()).extracting(d -> d.date).containsExactly(mar(5));
    }
}
