package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.QualitySettings;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planetrewards.ExplainTest.LONG;
import static org.planetrewards.ExplainTest.at;
import static org.planetrewards.ExplainTest.post;
import static org.planetrewards.ExplainTest.verdict;

/**
 * Explanations under the settings of what counts: a post is shown on its community day, and a repeat or a
 * post over the day's cap says why it did not count, in the rules' words. A snapshot keeps what a repeat
 * is compared with.
 */
class WhatCountsExplainTest {
    static final Settings CAPS = Settings.defaults().withQuality(new QualitySettings(50, true, 1));

    @Test
    void aNightOwlsPostIsExplainedOnTheDayItCountsFor() {
        try (RewardsEngine engine = RewardsEngine.builder().settings(Settings.defaults().withDayStartsAt(LocalTime.of(4, 0))).build()) {
            engine.apply(new CheckIn("m1", at("2026-03-01T22:00:00+08:00")));
            engine.apply(post("p1", "m1", "2026-03-02T01:30:00+08:00", LONG, List.of("news"), List.of()));

            MemberExplanation e = engine.explain("m1");
            assertThat(e.timeline()).hasSize(1);
            MemberExplanation.Day day = e.timeline().get(0);
            assertThat(day.date()).isEqualTo(LocalDate.of(2026, 3, 1));
            assertThat(day.counted()).isTrue();
            assertThat(day.posts()).extracting(MemberExplanation.PostVerdict::id).containsExactly("p1");
            assertThat(e.countedDays()).containsExactly(LocalDate.of(2026, 3, 1));
        }
    }

    @Test
    void aRepeatNamesThePostItRepeatsAndAnOverCapPostTheCap() {
        try (RewardsEngine engine = RewardsEngine.builder().settings(CAPS).build()) {
            engine.apply(post("p1", "m1", "2026-03-01T21:00:00+08:00", LONG, List.of("news"), List.of()));
            engine.apply(post("p2", "m1", "2026-03-02T21:00:00+08:00", LONG.toUpperCase() + " !!", List.of("news"), List.of()));
            engine.apply(post("p3", "m1", "2026-03-02T22:00:00+08:00", "Another story: " + LONG, List.of("news"), List.of()));
            engine.apply(post("p4", "m1", "2026-03-02T23:00:00+08:00", "A third one: " + LONG, List.of("news"), List.of()));

            assertThat(verdict(engine, "m1", "p1").highQuality()).isTrue();
            assertThat(verdict(engine, "m1", "p2").problems()).containsExactly(
                    new MemberExplanation.Problem("repeated-text", "repeats the text of post p1 of 2026-03-01"));
            assertThat(verdict(engine, "m1", "p3").highQuality()).isTrue(); // the repeat took no place under the cap
            assertThat(verdict(engine, "m1", "p4").problems()).containsExactly(
                    new MemberExplanation.Problem("over-daily-cap", "comes after the day's cap: 1 earlier post counts, at most 1 a day"));
        }
    }

    @Test
    void aPostTooSoonAfterTheCheckInSaysHowSoon() {
        try (RewardsEngine engine = RewardsEngine.builder().settings(Settings.defaults().withQuality(new QualitySettings(50, false, 0, 10))).build()) {
            engine.apply(new CheckIn("m1", at("2026-03-01T21:00:00+08:00")));
            engine.apply(post("p1", "m1", "2026-03-01T20:57:00+08:00", LONG, List.of("news"), List.of()));

            assertThat(verdict(engine, "m1", "p1").problems()).containsExactly(new MemberExplanation.Problem("too-soon-after-check-in",
                    "was written 3 minutes from the day's check-in at 21:00; a post needs 10 minutes"));
        }
    }

    @Test
    void aResumedEngineKeepsTheDaysCheckInTime() {
        Settings gap = Settings.defaults().withQuality(new QualitySettings(50, false, 0, 10));
        Snapshot taken;
        try (RewardsEngine engine = RewardsEngine.builder().settings(gap).build()) {
            engine.apply(new CheckIn("m1", at("2026-03-01T13:00:00Z")));
            taken = Snapshot.parse("snap", engine.snapshot().toJson());
        }
        try (RewardsEngine resumed = RewardsEngine.builder().settings(gap).resumeFrom(taken).build()) {
            resumed.apply(post("p1", "m1", "2026-03-01T21:05:00+08:00", LONG, List.of("news"), List.of()));
            assertThat(verdict(resumed, "m1", "p1").problems()).extracting(MemberExplanation.Problem::reason)
                    .containsExactly("too-soon-after-check-in");
        }
    }

    @Test
    void aResumedEngineStillKnowsWhichTextCameFirst() {
        Snapshot taken;
        try (RewardsEngine engine = RewardsEngine.builder().settings(CAPS).build()) {
            engine.apply(post("p1", "m1", "2026-03-01T21:00:00+08:00", LONG, List.of("news"), List.of()));
            taken = Snapshot.parse("snap", engine.snapshot().toJson());
        }
        try (RewardsEngine resumed = RewardsEngine.builder().settings(CAPS).resumeFrom(taken).build()) {
            resumed.apply(post("p2", "m1", "2026-03-05T21:00:00+08:00", LONG, List.of("news"), List.of()));
            assertThat(verdict(resumed, "m1", "p2").problems()).extracting(MemberExplanation.Problem::reason)
                    .containsExactly("repeated-text");
        }
    }
}
