package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.ModerationAction;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Explanations: every quality reason of docs/default-rules.md as the rules recorded it, moderations, edits, and the
 * proof that the words are the rules' own (a pack that words a reason differently is quoted as is).
 */
class ExplainTest {
    static final String LONG = "I asked ChatGPT to turn my meeting notes into a task list for each owner, and it saved an hour.";

    static OffsetDateTime at(String s) {
        return OffsetDateTime.parse(s);
    }

    static Post post(String id, String member, String at, String text, List<String> tags, List<String> links) {
        return new Post(id, member, at(at), text, tags, links);
    }

    static MemberExplanation.PostVerdict verdict(RewardsEngine engine, String member, String post) {
        return engine.explain(member).timeline().stream().flatMap(d -> d.posts().stream())
                .filter(p -> p.id().equals(post)).findFirst().orElseThrow();
    }

    static String text(int visible) {
        // visible non-whitespace code points, padded with spaces and a line break that do not count
        return "x".repeat(visible / 2) + " \n\u3000 " + "y".repeat(visible - visible / 2);
    }

    @Test
    void tooShortSaysByHowManyCharacters() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            engine.apply(new CheckIn("m1", at("2026-03-01T08:00:00+08:00")));
            engine.apply(post("p1", "m1", "2026-03-01T21:00:00+08:00", text(45), List.of("news"), List.of()));

            MemberExplanation.PostVerdict v = verdict(engine, "m1", "p1");
            assertThat(v.highQuality()).isFalse();
            assertThat(v.problems()).containsExactly(new MemberExplanation.Problem("too-short",
                    "has 45 non-whitespace characters, 5 short of 50"));
            MemberExplanation.Day day = engine.explain("m1").timeline().get(0);
            assertThat(day.checkedIn()).isTrue();
            assertThat(day.counted()).isFalse();
        }
    }

    @Test
    void noKnownTagShowsTheTagsAsWritten() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            engine.apply(post("p1", "m1", "2026-03-01T21:00:00+08:00", LONG, List.of("ChatGPT", "#AI#", "深度学习"), List.of()));

            MemberExplanation.PostVerdict v = verdict(engine, "m1", "p1");
            assertThat(v.problems()).containsExactly(new MemberExplanation.Problem("no-known-tag", "carries no community tag"));
            assertThat(v.tags()).isEmpty();
            assertThat(v.tagWords()).containsExactly("chatgpt", "ai", "深度学习");
        }
    }

    @Test
    void deepDiveWithoutAnHttpLinkLacksASource() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            engine.apply(post("p1", "m1", "2026-03-01T21:00:00+08:00", LONG, List.of("【深度】", "新闻"), List.of("www.openai.com", "ftp://x.org/a.pdf")));

            MemberExplanation.PostVerdict v = verdict(engine, "m1", "p1");
            assertThat(v.highQuality()).isFalse();
            assertThat(v.tags()).containsExactly("deep-dive", "news");
            assertThat(v.problems()).containsExactly(new MemberExplanation.Problem("no-source-link",
                    "is tagged deep-dive but has no http:// or https:// link"));
        }
    }

    @Test
    void aRejectionNamesTheModeratorAndWhen() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            engine.apply(new CheckIn("m1", at("2026-03-01T08:00:00+08:00")));
            engine.apply(post("p1", "m1", "2026-03-01T21:00:00+08:00", LONG, List.of("news"), List.of()));
            assertThat(engine.explain("m1").countedDays()).containsExactly(LocalDate.parse("2026-03-01"));

            engine.apply(new Moderation("p1", ModerationAction.REJECT, at("2026-03-02T10:00:00+08:00")));

            MemberExplanation.PostVerdict v = verdict(engine, "m1", "p1");
            assertThat(v.highQuality()).isFalse();
            assertThat(v.featured()).isFalse();
            assertThat(v.moderation()).isEqualTo("reject");
            assertThat(v.moderatedAt()).isEqualTo(at("2026-03-02T10:00:00+08:00"));
            assertThat(v.problems()).containsExactly(new MemberExplanation.Problem("rejected",
                    "was rejected by a moderator on 2026-03-02 at 10:00"));
            assertThat(engine.explain("m1").countedDays()).isEmpty();

            engine.apply(new Moderation("p1", ModerationAction.RESTORE, at("2026-03-03T10:00:00+08:00")));
            v = verdict(engine, "m1", "p1");
            assertThat(v.highQuality()).isTrue();
            assertThat(v.problems()).isEmpty();
            assertThat(v.moderation()).isEqualTo("restore");
            assertThat(engine.explain("m1").countedDays()).containsExactly(LocalDate.parse("2026-03-01"));
        }
    }

    @Test
    void everyReasonOfAPostIsListedInSpecOrder() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            engine.apply(post("p1", "m1", "2026-03-01T21:00:00+08:00", "too short", List.of("other"), List.of()));
            engine.apply(new Moderation("p1", ModerationAction.REJECT, at("2026-03-01T22:00:00+08:00")));

            assertThat(verdict(engine, "m1", "p1").problems()).extracting(MemberExplanation.Problem::reason)
                    .containsExactly("too-short", "no-known-tag", "rejected");
        }
    }

    @Test
    void aFeaturedPostIsHighQualityAndKeepsTheReasonsTheFeatureOverrides() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            engine.apply(new CheckIn("m1", at("2026-03-01T08:00:00+08:00")));
            engine.apply(post("p1", "m1", "2026-03-01T21:00:00+08:00", "short tip", List.of("玩法"), List.of()));
            engine.apply(new Moderation("p1", ModerationAction.FEATURE, at("2026-03-02T10:00:00+08:00")));

            MemberExplanation.PostVerdict v = verdict(engine, "m1", "p1");
            assertThat(v.highQuality()).isTrue();
            assertThat(v.featured()).isTrue();
            assertThat(v.problems()).extracting(MemberExplanation.Problem::reason).containsExactly("too-short");
            assertThat(engine.explain("m1").timeline().get(0).counted()).isTrue();
        }
    }

    @Test
    void anEditThatFixesThePostTakesItsReasonsAway() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            engine.apply(new CheckIn("m1", at("2026-03-01T08:00:00+08:00")));
            engine.apply(post("p1", "m1", "2026-03-01T21:00:00+08:00", "short", List.of("深度"), List.of()));
            assertThat(verdict(engine, "m1", "p1").problems()).extracting(MemberExplanation.Problem::reason)
                    .containsExactly("too-short", "no-source-link");

            engine.apply(new Post("p1", "m1", at("2026-03-01T21:00:00+08:00"), LONG, List.of("深度"),
                    List.of("https://openai.com/research"), at("2026-03-01T23:00:00+08:00")));

            MemberExplanation.PostVerdict v = verdict(engine, "m1", "p1");
            assertThat(v.problems()).isEmpty();
            assertThat(v.highQuality()).isTrue();
            assertThat(v.stamp()).isEqualTo(at("2026-03-01T23:00:00+08:00"));
            assertThat(engine.explain("m1").countedDays()).containsExactly(LocalDate.parse("2026-03-01"));
        }
    }

    /** The explanation quotes the pack: a message file that words a reason otherwise is shown in its own words. */
    @Test
    void reasonsAreThePacksOwnWordsNotRecomputedInJava() {
        RulePack reworded = RulePack.of("reworded", RulePack.defaults().files(),
                Map.of("en", "quality.too-short = has {length} letters (wording of this pack), {short} short of {min}\n"));
        try (RewardsEngine engine = RewardsEngine.builder().rules(reworded).build()) {
            engine.apply(post("p1", "m1", "2026-03-01T21:00:00+08:00", text(40), List.of(), List.of()));

            assertThat(verdict(engine, "m1", "p1").problems()).containsExactly(
                    new MemberExplanation.Problem("too-short", "has 40 letters (wording of this pack), 10 short of 50"),
                    new MemberExplanation.Problem("no-known-tag", "carries no community tag")); // the rest: the default pack's words
        }
    }

    /** A rule may still give a reason in fixed words, without a message key: they are shown as written. */
    @Test
    void aReasonInFixedWordsIsShownAsWritten() {
        Map<String, String> files = new HashMap<>(RulePack.defaults().files());
        String quality = files.keySet().stream().filter(f -> f.endsWith("quality.drl")).findFirst().orElseThrow();
        files.put(quality, files.get(quality).replace("Text.of( \"quality.no-known-tag\" )", "\"wears no tag of ours\""));
        try (RewardsEngine engine = RewardsEngine.builder().rules(RulePack.of("fixed words", files)).build()) {
            engine.apply(post("p1", "m1", "2026-03-01T21:00:00+08:00", LONG, List.of(), List.of()));

            assertThat(verdict(engine, "m1", "p1").problems()).containsExactly(new MemberExplanation.Problem("no-known-tag",
                    "wears no tag of ours"));
        }
    }

    @Test
    void theTimelineHasEveryActiveDayAndTheRewardsOnTheirDay() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            engine.apply(new CheckIn("m1", at("2026-03-01T08:00:00+08:00")));
            engine.apply(post("story", "m1", "2026-03-02T12:00:00+08:00", LONG, List.of("#球友故事#"), List.of()));
            engine.apply(post("late", "m1", "2026-03-02T22:00:00+08:00", LONG, List.of("news"), List.of()));

            MemberExplanation e = engine.explain("m1");
            assertThat(e.timeline()).extracting(MemberExplanation.Day::date)
                    .containsExactly(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"));
            MemberExplanation.Day second = e.timeline().get(1);
            assertThat(second.checkedIn()).isFalse();
            assertThat(second.posts()).extracting(MemberExplanation.PostVerdict::id).containsExactly("story", "late");
            assertThat(second.rewards()).extracting(Decision::campaign).containsExactly("member-story");
            assertThat(e.decisions()).extracting(Decision::reward).containsExactly("story-badge");
            assertThat(e.on(LocalDate.parse("2026-03-01")).timeline()).hasSize(1);
            assertThat(e.on(LocalDate.parse("2026-03-05")).timeline()).isEmpty();
        }
    }

    @Test
    void jsonHoldsTheSameAsTheRecords() {
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            engine.apply(new CheckIn("m1", at("2026-03-01T08:00:00+08:00")));
            engine.apply(post("p1", "m1", "2026-03-01T21:00:00+08:00", text(49), List.of("news"), List.of()));

            String json = ExplanationJson.toJson(engine.explain("m1"));
            assertThat(json).contains("\"member\" : \"m1\"", "\"reason\" : \"too-short\"",
                    "\"detail\" : \"has 49 non-whitespace characters, 1 short of 50\"", "\"nextNeeded\" : \"2026-03-01\"",
                    "\"campaign\" : \"window-15-of-30\"").doesNotContain("\r");
            assertThat(ExplanationJson.toJson(engine.explain("m1"))).isEqualTo(json);
        }
    }
}
