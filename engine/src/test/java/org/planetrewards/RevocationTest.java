package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.ModerationAction;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation (revocableFor) where scenario files cannot reach: across a snapshot, for a campaign decided
 * day by day (tagged-post), and in what explain says afterwards.
 */
class RevocationTest {
    private static final String TEXT = "I asked ChatGPT to turn my meeting notes into a task list for each owner, and it saved an hour.";
    private static final String STORY = "我第一次用 ChatGPT 是帮孩子改作文，后来用它写周报、查资料、学英语、做旅行计划，现在每天都离不开它。";

    private static Settings settings(String campaigns) {
        return Settings.parse("rewards.json", "{\"campaigns\": [" + campaigns + "]}");
    }

    private static OffsetDateTime at(String monthDayTime) {
        return OffsetDateTime.parse("2026-" + monthDayTime + ":00+08:00");
    }

    private static List<Decision> days(RewardsEngine engine, String member, int from, int to) {
        List<Decision> out = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            String day = String.format("03-%02dT", d);
            out.addAll(engine.apply(new CheckIn(member, at(day + "08:00"))));
            out.addAll(engine.apply(new Post(member + "-p" + d, member, at(day + "21:00"), TEXT, List.of("玩法"), List.of())));
        }
        return out;
    }

    @Test
    void aSnapshotKeepsTheRevocableDecisionSoAResumedEngineRevokesIt() {
        Settings s = settings("{\"id\": \"streak-3\", \"kind\": \"consecutive-days\", \"reward\": \"sticker\", \"days\": 3, \"revocableFor\": 7}");
        String json;
        Decision won;
        try (RewardsEngine engine = RewardsEngine.builder().settings(s).build()) {
            won = days(engine, "m1", 1, 3).get(0);
            json = engine.snapshot().toJson();
        }
        assertThat(json).contains("\"decision\" : ");
        try (RewardsEngine resumed = RewardsEngine.builder().settings(s).resumeFrom(Snapshot.parse("s", json)).build()) {
            List<Decision> out = resumed.apply(new Moderation("m1-p2", ModerationAction.REJECT, at("03-05T10:00")));
            assertThat(out).hasSize(1);
            assertThat(out.get(0).isRevocation()).isTrue();
            assertThat(out.get(0).id()).isEqualTo(won.id());
            assertThat(out.get(0).days()).isEqualTo(won.days());
            assertThat(resumed.snapshot().toJson()).as("nothing left to revoke").doesNotContain("\"decision\"");
        }
    }

    @Test
    void withoutRevocableForTheSnapshotIsAsBefore() {
        try (RewardsEngine engine = RewardsEngine.builder().settings(settings(
                "{\"id\": \"streak-3\", \"kind\": \"consecutive-days\", \"reward\": \"sticker\", \"days\": 3}")).build()) {
            days(engine, "m1", 1, 3);
            assertThat(engine.snapshot().toJson()).contains("\"campaign\" : \"streak-3\"").doesNotContain("\"key\"").doesNotContain("\"decision\"");
            assertThat(engine.apply(new Moderation("m1-p2", ModerationAction.REJECT, at("03-05T10:00")))).isEmpty();
        }
    }

    @Test
    void aStoryBadgeDecidedFromOneDayIsRevokedWhenItsPostIsRejected() {
        try (RewardsEngine engine = RewardsEngine.builder().settings(settings("{\"id\": \"member-story\", \"kind\": \"tagged-post\","
                + " \"reward\": \"story-badge\", \"tag\": \"member-story\", \"revocableFor\": 3}")).build()) {
            List<Decision> won = engine.apply(new Post("s1", "mei", at("03-01T21:00"), STORY, List.of("#球友故事#"), List.of()));
            assertThat(won).hasSize(1);
            // An unrelated fact of mei's within the period changes nothing.
            assertThat(engine.apply(new CheckIn("mei", at("03-02T08:00")))).isEmpty();
            List<Decision> revoked = engine.apply(new Moderation("s1", ModerationAction.REJECT, at("03-02T09:00")));
            assertThat(revoked).singleElement().satisfies(d -> {
                assertThat(d.isRevocation()).isTrue();
                assertThat(d.id()).isEqualTo(won.get(0).id());
                assertThat(d.revocation().cause()).startsWith("moderation reject of post \"s1\"");
            });
            assertThat(engine.explain("mei").progress().campaigns().get(0).decided()).as("explain no longer says it is won").isFalse();
            // Restored by a moderator: the badge is decided again, with the same id.
            List<Decision> again = engine.apply(new Moderation("s1", ModerationAction.RESTORE, at("03-02T10:00")));
            assertThat(again).singleElement().satisfies(d -> {
                assertThat(d.isRevocation()).isFalse();
                assertThat(d.id()).isEqualTo(won.get(0).id());
            });
        }
    }
}
