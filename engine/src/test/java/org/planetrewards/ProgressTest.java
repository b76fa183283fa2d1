package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.Campaign;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress per campaign: runs, windows, what is missing and the next day that needs to count. */
class ProgressTest {
    static final LocalDate MAR_1 = LocalDate.parse("2026-03-01");

    /** Checks in at 08:00 and posts a good post at 21:00 on each day. */
    static void countDays(RewardsEngine engine, String member, LocalDate... days) {
        for (LocalDate d : days) {
            engine.apply(new CheckIn(member, OffsetDateTime.parse(d + "T08:00:00+08:00")));
            engine.apply(new Post(member + "-" + d, member, OffsetDateTime.parse(d + "T21:00:00+08:00"), ExplainTest.LONG,
                    List.of("news"), List.of()));
        }
    }

    static LocalDate[] range(LocalDate from, int days) {
        return from.datesUntil(from.plusDays(days)).toArray(LocalDate[]::new);
    }

    @Test
    void aStreakInProgressSaysWhatTheNextDayIs() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            countDays(engine, "m1", range(MAR_1, 12));

            CampaignProgress streak = engine.progress("m1").campaign("streak-15").orElseThrow();
            assertThat(streak.current()).isEqualTo(new DaySpan(12, MAR_1, LocalDate.parse("2026-03-12")));
            assertThat(streak.decided()).isFalse();
            assertThat(streak.decision()).isNull();
            assertThat(streak.nextNeeded()).isEqualTo(LocalDate.parse("2026-03-13"));
            assertThat(streak.winsOn()).isEqualTo(LocalDate.parse("2026-03-15"));
            assertThat(streak.summary()).isEqualTo("streak-15: 12/15 counted days in a row (2026-03-01..2026-03-12),"
                    + " next needed 2026-03-13, wins chatgpt-account on 2026-03-15 at the earliest");
            assertThat(streak.missing()).isEqualTo("12/15 counted days in a row — check in and publish a high-quality post"
                    + " tomorrow (2026-03-13); counting every day from then on wins chatgpt-account on 2026-03-15");

            // Checked in on the 13th, no post yet: that day is still open.
            engine.apply(new CheckIn("m1", OffsetDateTime.parse("2026-03-13T08:00:00+08:00")));
            streak = engine.progress("m1").campaign("streak-15").orElseThrow();
            assertThat(streak.nextNeeded()).isEqualTo(LocalDate.parse("2026-03-13"));
            assertThat(streak.missing()).startsWith("12/15 counted days in a row — publish a high-quality post on 2026-03-13 (you checked in)");
        }
    }

    @Test
    void aBrokenStreakStartsAgainOnTheLatestDay() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            countDays(engine, "m1", range(MAR_1, 5));
            engine.apply(new Post("p-8", "m1", OffsetDateTime.parse("2026-03-08T21:00:00+08:00"), ExplainTest.LONG,
                    List.of("news"), List.of()));

            MemberProgress p = engine.progress("m1");
            assertThat(p.latestActivity()).isEqualTo(LocalDate.parse("2026-03-08"));
            assertThat(p.countedDays()).isEqualTo(5);
            CampaignProgress streak = p.campaign("streak-15").orElseThrow();
            // The run of 5 ended on 03-05: nothing carries over to the 8th.
            assertThat(streak.current()).isEqualTo(DaySpan.NONE);
            assertThat(streak.nextNeeded()).isEqualTo(LocalDate.parse("2026-03-08"));
            assertThat(streak.summary()).startsWith("streak-15: 0/15 counted days in a row, next needed 2026-03-08");
            assertThat(streak.missing()).isEqualTo("0/15 counted days in a row — check in on 2026-03-08"
                    + " (your post that day is high quality); counting every day from then on wins chatgpt-account on 2026-03-22");
        }
    }

    @Test
    void aWindowCountsTheDaysThatStayInIt() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            countDays(engine, "m1", range(MAR_1, 13));

            CampaignProgress window = engine.progress("m1").campaign("window-15-of-30").orElseThrow();
            assertThat(window.target()).isEqualTo(15);
            assertThat(window.current()).isEqualTo(new DaySpan(13, LocalDate.parse("2026-02-12"), LocalDate.parse("2026-03-13")));
            assertThat(window.nextNeeded()).isEqualTo(LocalDate.parse("2026-03-14"));
            assertThat(window.missing()).endsWith("counting every day from then on wins openai-key on 2026-03-15");
            assertThat(window.summary()).isEqualTo("window-15-of-30: 13/15 counted days in the 30 days up to 2026-03-13"
                    + " (2026-02-12..2026-03-13), next needed 2026-03-14, wins openai-key on 2026-03-15 at the earliest");
        }
    }

    @Test
    void oldDaysLeaveTheWindowAsItMoves() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            countDays(engine, "m1", range(LocalDate.parse("2026-02-01"), 14));
            engine.apply(new CheckIn("m1", OffsetDateTime.parse("2026-03-03T08:00:00+08:00")));

            CampaignProgress window = engine.progress("m1").campaign("window-15-of-30").orElseThrow();
            // Each new day pushes an old one out: only 15 fresh days in a row can win now.
            assertThat(window.current().count()).isEqualTo(13);
            assertThat(window.missing()).endsWith("wins openai-key on 2026-03-17");
        }
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            countDays(engine, "m1", range(LocalDate.parse("2026-02-01"), 14));
            engine.apply(new CheckIn("m1", OffsetDateTime.parse("2026-03-02T08:00:00+08:00")));

            // 03-02 still shares a 30-day window with 02-01.
            assertThat(engine.progress("m1").campaign("window-15-of-30").orElseThrow().missing())
                    .endsWith("publish a high-quality post on 2026-03-02 (you checked in); that day wins openai-key");
        }
    }

    @Test
    void aDecidedCampaignShowsItsDecision() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            countDays(engine, "m1", range(MAR_1, 16));

            CampaignProgress streak = engine.progress("m1").campaign("streak-15").orElseThrow();
            assertThat(streak.decided()).isTrue();
            assertThat(streak.decision().decidedAt()).isEqualTo(OffsetDateTime.parse("2026-03-15T21:00:00+08:00"));
            assertThat(streak.decision().days()).hasSize(15);
            assertThat(streak.nextNeeded()).isNull();
            assertThat(streak.current().count()).isEqualTo(16);
            assertThat(streak.summary()).isEqualTo("streak-15: won chatgpt-account at 2026-03-15T21:00:00+08:00,"
                    + " evidence 15 days 2026-03-01..2026-03-15");
            assertThat(streak.missing()).startsWith("nothing: won chatgpt-account");
        }
    }

    @Test
    void aTaggedPostCampaignCountsOnlyHighQualityTaggedPosts() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            engine.apply(new Post("story", "m1", OffsetDateTime.parse("2026-03-01T21:00:00+08:00"), ExplainTest.LONG,
                    List.of("球友故事", "深度"), List.of()));

            CampaignProgress story = engine.progress("m1").campaign("member-story").orElseThrow();
            assertThat(story.target()).isEqualTo(1);
            assertThat(story.current().count()).isZero();
            assertThat(story.nextNeeded()).isNull();
            assertThat(story.missing()).isEqualTo("0/1 high-quality posts tagged member-story");
            // Why the tagged post does not count is the post's own verdict.
            assertThat(engine.explain("m1").timeline().get(0).posts().get(0).problems()).extracting(MemberExplanation.Problem::reason)
                    .containsExactly("no-source-link");
        }
    }

    @Test
    void aMemberNeverSeenHasNoProgress() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            MemberProgress p = engine.progress("nobody");
            assertThat(p.latestActivity()).isNull();
            assertThat(p.countedDays()).isZero();
            assertThat(p.campaigns()).extracting(CampaignProgress::campaign)
                    .containsExactly("streak-15", "window-15-of-30", "member-story");
            assertThat(p.campaigns()).allSatisfy(c -> {
                assertThat(c.decided()).isFalse();
                assertThat(c.nextNeeded()).isNull();
            });
            assertThat(engine.explain("nobody").timeline()).isEmpty();
            assertThat(engine.members()).isEmpty();
        }
    }

    @Test
    void afterASnapshotDecidedCampaignsStayDecidedWithoutTheirDecision() {
        Snapshot snapshot;
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            countDays(engine, "m1", range(MAR_1, 15));
            snapshot = engine.snapshot();
        }
        try (RewardsEngine resumed = RewardsEngine.builder().resumeFrom(snapshot).build()) {
            CampaignProgress streak = resumed.progress("m1").campaign("streak-15").orElseThrow();
            assertThat(streak.decided()).isTrue();
            assertThat(streak.decision()).isNull();
            assertThat(streak.summary()).contains("decided before this engine resumed from a snapshot");
            assertThat(resumed.progress("m1").countedDays()).isEqualTo(15);
        }
    }

    @Test
    void aReloadMeasuresAgainstTheNewSettings() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            countDays(engine, "m1", range(MAR_1, 8));
            Settings ten = Settings.defaults().withCampaigns(List.of(DefaultKinds.consecutiveDays("streak-10", "mug", 10)));

            engine.reload(RulePack.defaults(), ten);

            MemberProgress p = engine.progress("m1");
            assertThat(p.campaigns()).extracting(CampaignProgress::campaign).containsExactly("streak-10");
            assertThat(p.campaigns().get(0).summary()).startsWith("streak-10: 8/10");
            assertThat(engine.explain("m1").countedDays()).hasSize(8);
        }
    }

    @Test
    void progressIsSafeWhileFactsArrive() throws Exception {
        try (RewardsEngine engine = RewardsEngine.builder().shards(2).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                // Writers start only once the reader is reading, so the two really overlap.
                java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                for (String m : List.of("a", "b")) {
                    writers.add(pool.submit(() -> {
                        reading.await();
                        countDays(engine, m, range(MAR_1, 20));
                        return null;
                    }));
                }
                Future<Integer> reader = pool.submit(() -> {
                    int reads = 0;
                    do {
                        for (String m : List.of("a", "b")) {
                            MemberProgress p = engine.progress(m);
                            assertThat(p.countedDays()).isBetween(0, 20);
                            reads++;
                        }
                        reading.countDown();
                    } while (!writers.stream().allMatch(Future::isDone));
                    return reads;
                });
                for (Future<?> w : writers) {
                    w.get();
                }
                assertThat(reader.get()).isPositive();
            } finally {
                pool.shutdownNow();
            }
            assertThat(engine.progress("a").countedDays()).isEqualTo(20);
            assertThat(engine.progress("b").campaign("streak-15").orElseThrow().decided()).isTrue();
            assertThat(engine.members()).containsExactly("a", "b");
        }
    }
}
