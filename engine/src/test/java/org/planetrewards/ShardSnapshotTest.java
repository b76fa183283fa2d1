package org.planetrewards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.PostVersion;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A shard's state as records and back, check-in times included; and a snapshot written before there were times. */
class ShardSnapshotTest {
    static final OffsetDateTime EIGHT = OffsetDateTime.parse("2026-03-01T08:00:00+08:00");

    static PostVersion post(String id, String member, int day) {
        return new PostVersion(id, member, LocalDate.of(2026, 3, day), Instant.parse("2026-03-01T13:00:00Z").plusSeconds(86_400L * (day - 1)),
                120, List.of("resources"), true);
    }

    @Test
    void aShardsStateLoadsIntoAnEmptyShardAsItWasTaken() {
        ShardFacts facts = new ShardFacts(MemberState::new);
        DecidedCampaigns decided = new DecidedCampaigns();
        facts.checkIn(facts.state("ann"), new CheckInDay("ann", LocalDate.of(2026, 3, 1), EIGHT));
        facts.post(facts.state("ann"), post("p1", "ann", 1), null, null, false);
        facts.post(facts.state("bob"), post("p2", "bob", 2), null, null, false);
        decided.decided.addAll(List.of(new Shard.Decided("bob", "member-story")));
        Shard.ShardState state = ShardSnapshot.take(facts, decided, ZoneId.of("Asia/Shanghai"));
        assertThat(state.members()).containsExactly("ann", "bob");
        assertThat(state.checkIns()).containsExactly(new CheckInDay("ann", LocalDate.of(2026, 3, 1), EIGHT));

        ShardFacts loaded = new ShardFacts(MemberState::new);
        DecidedCampaigns loadedDecided = new DecidedCampaigns();
        ShardSnapshot.load(state, loaded, loadedDecided, Settings.defaults());
        assertThat(ShardSnapshot.take(loaded, loadedDecided, ZoneId.of("Asia/Shanghai"))).isEqualTo(state);
        assertThat(loaded.members.get("ann").get(LocalDate.of(2026, 3, 1)).checkInAt()).isEqualTo(EIGHT.toInstant());
    }

    @Test
    void aSnapshotOfFormatOneIsReadWithCheckInTimesUnknown() throws Exception {
        String json;
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            engine.apply(new CheckIn("ann", EIGHT));
            json = engine.snapshot().toJson();
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode doc = (ObjectNode) mapper.readTree(json);
        assertThat(doc.get("version").intValue()).isEqualTo(2);
        assertThat(doc.get("checkIns").get(0).get("at").textValue()).isEqualTo("2026-03-01T00:00:00Z");

        doc.put("version", 1);
        ((ObjectNode) doc.get("checkIns").get(0)).remove("at");
        Snapshot old = Snapshot.parse("old.json", doc.toString());
        try (RewardsEngine engine = RewardsEngine.builder().resumeFrom(old).build()) {
            ObjectNode again = (ObjectNode) mapper.readTree(engine.snapshot().toJson());
            assertThat(again.get("version").intValue()).as("written in the new format").isEqualTo(2);
            assertThat(again.get("checkIns").get(0).get("at").isNull()).as("the time stays unknown").isTrue();
            engine.apply(new CheckIn("ann", EIGHT.minusHours(1)));
            again = (ObjectNode) mapper.readTree(engine.snapshot().toJson());
            assertThat(again.get("checkIns").get(0).get("at").isNull()).as("the unknown earliest may be earlier still").isTrue();
        }

        ((ObjectNode) doc.get("checkIns").get(0)).put("at", "2026-03-01T00:00:00Z");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Snapshot.parse("old.json", doc.toString()))
                .as("version 1 had no check-in times").hasMessageStartingWith("old.json: $.checkIns[0].at: ");
    }
}
