package org.planetrewards.reference;

import org.planetrewards.reference.ReferenceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.planetrewards.CheckIn;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.InvalidInputException;
import org.planetrewards.Moderation;
import org.planetrewards.Post;
import org.planetrewards.Settings;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.ModerationAction;
import org.planetrewards.model.QualitySettings;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reference model read against docs/history-format.md, docs/default-rules.md and docs/decisions.md, one rule at a time, with small thresholds. */
class ReferenceModelTest {
    /** Default tags, 5 visible characters, streak of 3, 3 in a 5-day window, the story badge. */
    static final Settings SMALL = Settings.defaults().withQuality(new QualitySettings(5)).withCampaigns(List.of(
            ReferenceModel.consecutiveDays("streak-3", "chatgpt-account", 3),
            ReferenceModel.daysInWindow("window-3-of-5", "openai-key", 3, 5),
            ReferenceModel.taggedPost("member-story", "story-badge", "member-story")));
    static final String GOOD = "一篇足够长的帖子";

    private final ReferenceModel model = new ReferenceModel(SMALL);
    private final List<Decision> decided = new ArrayList<>();

    private static OffsetDateTime t(String s) {
        return OffsetDateTime.parse(s);
    }

    private static OffsetDateTime day(int d, String time) {
        return t(LocalDate.of(2026, 3, 1).plusDays(d - 1) + "T" + time + "+08:00");
    }

    private List<Decision> apply(Fact f) {
        List<Decision> out = model.apply(f);
        decided.addAll(out);
        return out;
    }

    private void goodDay(String member, int d) {
        apply(new CheckIn(member, day(d, "09:00:00")));
        apply(new Post(member + "-" + d, member, day(d, "20:00:00"), GOOD, List.of("news"), List.of()));
    }

    private List<String> campaigns() {
        return decided.stream().map(Decision::campaign).toList();
    }

    @Test
    void daysStartingAt0230InBerlinBeginWithTheSpringJumpAndAtTheFirstPassOfTheAutumnHour() {
        ReferenceModel berlin = new ReferenceModel(SMALL.withZone(java.time.ZoneId.of("Europe/Berlin"))
                .withDayStartsAt(java.time.LocalTime.of(2, 30))
                .withCampaigns(List.of(ReferenceModel.consecutiveDays("one-day", "probe", 1))));
        List<Decision> out = new ArrayList<>();
        String[][] pairs = {
                {"spring-same", "2026-03-29T01:50:00+01:00", "2026-03-29T01:59:00+01:00"}, // both before the jump: 03-28
                {"spring-split", "2026-03-29T01:59:00+01:00", "2026-03-29T03:00:00+02:00"}, // the jump starts 03-29
                {"autumn-split", "2026-10-25T02:15:00+02:00", "2026-10-25T02:15:00+01:00"}, // first pass before, second after
                {"autumn-same", "2026-10-25T02:45:00+02:00", "2026-10-25T02:15:00+01:00"}}; // both after the first 02:30
        for (String[] p : pairs) {
            out.addAll(berlin.apply(new CheckIn(p[0], t(p[1]))));
            out.addAll(berlin.apply(new Post(p[0] + "-p", p[0], t(p[2]), GOOD, List.of("news"), List.of())));
        }
        assertThat(out).extracting(d -> d.member() + " " + d.days()).containsExactly(
                "spring-same [2026-03-28]", "autumn-same [2026-10-25]");
    }

    @Test
    void threeCountedDaysInARowWinTheStreakAndTheWindowAtTheThirdFact() {
        goodDay("m", 1);
        goodDay("m", 2);
        apply(new CheckIn("m", day(3, "09:00:00")));
        List<Decision> third = apply(new Post("p3", "m", day(3, "21:30:00"), GOOD, List.of("news"), List.of()));
        assertThat(third).extracting(Decision::campaign).containsExactly("streak-3", "window-3-of-5");
        assertThat(third.get(0).days()).containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3));
        assertThat(third.get(0).decidedAt()).isEqualTo(day(3, "21:30:00"));
        goodDay("m", 4);
        assertThat(decided).hasSize(2); // at most once per member
    }

    @Test
    void aCheckInWithoutAGoodPostOrAGoodPostWithoutACheckInDoesNotCount() {
        goodDay("m", 1);
        apply(new CheckIn("m", day(2, "09:00:00")));
        apply(new Post("p3", "m", day(3, "20:00:00"), GOOD, List.of("news"), List.of()));
        goodDay("m", 4);
        assertThat(decided).isEmpty(); // 1 and 4 count
        goodDay("m", 5);
        assertThat(decided).singleElement().satisfies(d -> {
            assertThat(d.campaign()).isEqualTo("window-3-of-5"); // 4, 5 in a row only: no streak
            assertThat(d.days()).containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 5));
        });
    }

    @Test
    void theWindowCountsDaysThatAreNotConsecutive() {
        goodDay("m", 1);
        goodDay("m", 3);
        List<Decision> d = new ArrayList<>();
        apply(new CheckIn("m", day(5, "09:00:00")));
        d.addAll(apply(new Post("p5", "m", day(5, "20:00:00"), GOOD, List.of("news"), List.of())));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.campaign()).isEqualTo("window-3-of-5");
            assertThat(x.days()).containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 5));
        });
    }

    @Test
    void theWindowEvidenceIsTheEarliestEndingWindowThatHoldsEnough() {
        // 1, 2 count; 6, 7 count; then a late post fills day 3: windows ending 3 (1,2,3) and 7 (3,6,7) both hold 3.
        goodDay("m", 1);
        goodDay("m", 2);
        goodDay("m", 6);
        goodDay("m", 7);
        assertThat(decided).isEmpty();
        apply(new CheckIn("m", day(3, "09:00:00")));
        List<Decision> late = apply(new Post("late", "m", day(3, "10:00:00"), GOOD, List.of("news"), List.of()));
        assertThat(late).extracting(Decision::campaign).containsExactly("streak-3", "window-3-of-5");
        assertThat(late.get(1).days()).containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3));
    }

    @Test
    void aLateDayJoiningTwoRunsGivesTheFirstDaysOfTheJoinedRun() {
        ReferenceModel m = new ReferenceModel(SMALL.withCampaigns(List.of(ReferenceModel.consecutiveDays("streak-4", "r", 4))));
        for (int d : new int[] {1, 2, 4, 5, 6}) {
            m.apply(new CheckIn("m", day(d, "09:00:00")));
            assertThat(m.apply(new Post("p" + d, "m", day(d, "20:00:00"), GOOD, List.of("news"), List.of()))).isEmpty();
        }
        m.apply(new Post("p3", "m", day(3, "20:00:00"), GOOD, List.of("news"), List.of()));
        List<Decision> d = m.apply(new CheckIn("m", day(3, "23:59:59")));
        assertThat(d).singleElement().satisfies(x -> assertThat(x.days()).containsExactly(
                LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 4)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#深度#", "【深度】", "Deep-Dive", "深度", " deep-dive ", "#DEEP-DIVE", "【 深度 】"})
    void everySpellingOfDeepDiveNeedsASource(String tag) {
        apply(new Post("p", "m", day(1, "10:00:00"), "球友故事写得很长", List.of(tag, "member-story"), List.of("www.openai.com")));
        assertThat(decided).isEmpty();
        apply(new Post("p", "m", day(1, "10:00:00"), "球友故事写得很长", List.of(tag, "member-story"),
                List.of("ftp://x", "https://openai.com"), day(1, "11:00:00")));
        assertThat(campaigns()).containsExactly("member-story");
        assertThat(decided.get(0).decidedAt()).isEqualTo(day(1, "11:00:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"深 度", "＃深度", "deepdive", "other", "", "#"})
    void unknownTagsDoNotMakeAPostHighQuality(String tag) {
        goodDay("m", 1);
        goodDay("m", 2);
        apply(new CheckIn("m", day(3, "09:00:00")));
        apply(new Post("p", "m", day(3, "10:00:00"), GOOD, List.of(tag), List.of("https://x")));
        assertThat(decided).isEmpty();
    }

    @Test
    void visibleCharactersAreCodePointsThatAreNotWhitespace() {
        // Four visible code points (an emoji is one) and Java whitespace (ideographic space, newline): too short.
        apply(new Post("p", "m", day(1, "10:00:00"), "🚀 a\u3000\n字b", List.of("球友故事"), List.of()));
        assertThat(decided).isEmpty();
        // A no-break space is not whitespace for Character.isWhitespace: five.
        apply(new Post("p", "m", day(1, "10:00:00"), "🚀 a\u3000\n字b\u00A0", List.of("球友故事"), List.of(), day(1, "10:01:00")));
        assertThat(campaigns()).containsExactly("member-story");
    }

    @Test
    void aFeatureBeatsTheAutomaticChecksAndARejectionBeatsThem() {
        apply(new Post("p", "m", day(1, "10:00:00"), "短", List.of("member-story"), List.of()));
        apply(new Moderation("p", ModerationAction.FEATURE, day(1, "11:00:00")));
        assertThat(campaigns()).containsExactly("member-story");

        apply(new Post("q", "n", day(1, "10:00:00"), GOOD, List.of("member-story"), List.of()));
        assertThat(campaigns()).containsExactly("member-story", "member-story");
        ReferenceModel other = new ReferenceModel(SMALL);
        other.apply(new Moderation("q", ModerationAction.REJECT, day(1, "09:00:00"))); // waits for its post
        assertThat(other.apply(new Post("q", "n", day(1, "10:00:00"), GOOD, List.of("member-story"), List.of()))).isEmpty();
        assertThat(other.apply(new Moderation("q", ModerationAction.RESTORE, day(1, "12:00:00"))))
                .extracting(Decision::campaign).containsExactly("member-story");
    }

    @Test
    void staleAndRepeatedModerationsChangeNothing() {
        apply(new Post("p", "m", day(1, "10:00:00"), "短", List.of("news"), List.of()));
        apply(new Moderation("p", ModerationAction.REJECT, day(1, "12:00:00")));
        apply(new Moderation("p", ModerationAction.FEATURE, day(1, "12:00:00"))); // not later: ignored
        apply(new Moderation("p", ModerationAction.FEATURE, day(1, "11:00:00"))); // older: ignored
        apply(new CheckIn("m", day(1, "09:00:00")));
        goodDay("m", 2);
        goodDay("m", 3);
        assertThat(decided).isEmpty();
        assertThat(apply(new Moderation("p", ModerationAction.FEATURE, t("2026-03-01T04:00:01Z"))))
                .extracting(Decision::campaign).containsExactly("streak-3", "window-3-of-5");
    }

    @Test
    void staleAndRepeatedPostVersionsChangeNothing() {
        apply(new CheckIn("m", day(1, "09:00:00")));
        apply(new Post("p", "m", day(1, "10:00:00"), GOOD, List.of("news"), List.of(), day(1, "12:00:00")));
        apply(new Post("p", "m", day(1, "10:00:00"), "短", List.of("news"), List.of(), day(1, "12:00:00"))); // same stamp
        apply(new Post("p", "m", day(1, "10:00:00"), "短", List.of("news"), List.of())); // the older first version
        goodDay("m", 2);
        assertThat(apply(new CheckIn("m", day(3, "09:00:00")))).isEmpty();
        assertThat(apply(new Post("p3", "m", day(3, "10:00:00"), GOOD, List.of("news"), List.of()))).hasSize(2);
    }

    @Test
    void anEditReplacesThePostWholeIncludingItsDay() {
        goodDay("m", 1);
        goodDay("m", 2);
        apply(new CheckIn("m", day(3, "09:00:00")));
        apply(new Post("p", "m", day(4, "10:00:00"), GOOD, List.of("news"), List.of()));
        assertThat(decided).isEmpty();
        // The new version is dated day 3: day 4 loses its post, day 3 gains it.
        assertThat(apply(new Post("p", "m", day(3, "10:00:00"), GOOD, List.of("news"), List.of(), day(4, "11:00:00"))))
                .extracting(Decision::campaign).containsExactly("streak-3", "window-3-of-5");
    }

    @Test
    void checkInsAreASet() {
        goodDay("m", 1);
        goodDay("m", 2);
        apply(new Post("p3", "m", day(3, "10:00:00"), GOOD, List.of("news"), List.of()));
        assertThat(apply(new CheckIn("m", day(3, "09:00:00")))).hasSize(2);
        assertThat(apply(new CheckIn("m", day(3, "09:00:00")))).isEmpty();
    }

    @Test
    void aPostIdOfAnotherMemberIsInvalidAndChangesNothing() {
        apply(new Post("p", "m", day(1, "10:00:00"), "短", List.of("news"), List.of()));
        assertThatThrownBy(() -> model.apply(new Post("p", "x", day(1, "11:00:00"), GOOD, List.of("member-story"), List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("\"p\"");
        assertThatThrownBy(() -> model.apply(new Post("p", "x", day(1, "09:00:00"), GOOD, List.of("member-story"), List.of())))
                .isInstanceOf(InvalidInputException.class);
        assertThat(apply(new Post("p", "m", day(1, "10:00:00"), GOOD, List.of("member-story"), List.of(), day(1, "12:00:00"))))
                .extracting(Decision::member).containsExactly("m");
    }

    @Test
    void theDayIsTheLocalDateInTheCommunityZoneWhateverTheOffsetWritten() {
        // 2026-03-01T16:30Z is 2026-03-02 00:30 in Shanghai.
        apply(new CheckIn("m", t("2026-03-01T16:30:00Z")));
        apply(new Post("a", "m", day(2, "08:00:00"), GOOD, List.of("news"), List.of()));
        apply(new CheckIn("m", day(3, "09:00:00")));
        apply(new Post("b", "m", t("2026-03-02T16:10:00Z"), GOOD, List.of("news"), List.of()));
        apply(new CheckIn("m", t("2026-03-03T23:59:00-05:00"))); // 03-04 12:59 in Shanghai
        List<Decision> d = apply(new Post("c", "m", t("2026-03-04T05:00:00+01:00"), GOOD, List.of("news"), List.of()));
        assertThat(d).extracting(Decision::campaign).containsExactly("streak-3", "window-3-of-5");
        assertThat(d.get(0).days()).containsExactly(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 4));
        assertThat(d.get(0).decidedAt()).isEqualTo(t("2026-03-04T12:00:00+08:00")).hasToString("2026-03-04T12:00+08:00");
    }

    @Test
    void aZoneWithDaylightSavingTimeKeepsItsLocalDays() {
        ReferenceModel ny = new ReferenceModel(SMALL.withZone(ZoneId.of("America/New_York")));
        List<Decision> out = new ArrayList<>();
        // 2026-03-08 is the spring-forward day in New York: 23 hours long.
        for (String d : new String[] {"2026-03-07T23:30:00-05:00", "2026-03-08T23:30:00-04:00", "2026-03-09T00:30:00-04:00"}) {
            out.addAll(ny.apply(new CheckIn("m", t(d))));
            out.addAll(ny.apply(new Post(d, "m", t(d), GOOD, List.of("news"), List.of())));
        }
        assertThat(out).extracting(Decision::campaign).containsExactly("streak-3", "window-3-of-5");
        assertThat(out.get(0).decidedAt()).hasToString("2026-03-09T00:30-04:00");
    }

    @Test
    void theStoryBadgeNeedsNoCheckInAndGoesOnceWithTheStoryDay() {
        List<Decision> d = apply(new Post("s", "m", t("2026-03-05T17:00:00Z"), GOOD, List.of("#球友故事#"), List.of()));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.campaign()).isEqualTo("member-story");
            assertThat(x.reward()).isEqualTo("story-badge");
            assertThat(x.days()).containsExactly(LocalDate.of(2026, 3, 6));
        });
        assertThat(apply(new Post("s2", "m", day(9, "10:00:00"), GOOD, List.of("member-story"), List.of()))).isEmpty();
    }

    @Test
    void aRejectionAfterTheDecisionDoesNotUndoIt() {
        goodDay("m", 1);
        goodDay("m", 2);
        goodDay("m", 3);
        assertThat(apply(new Moderation("m-3", ModerationAction.REJECT, day(4, "10:00:00")))).isEmpty();
        assertThat(campaigns()).containsExactly("streak-3", "window-3-of-5");
    }

    @Test
    void aRejectionBeforeTheDecisionRemovesTheDay() {
        goodDay("m", 1);
        apply(new Moderation("m-1", ModerationAction.REJECT, day(1, "22:00:00")));
        goodDay("m", 2);
        goodDay("m", 3);
        assertThat(decided).isEmpty();
        goodDay("m", 4);
        assertThat(campaigns()).containsExactly("streak-3", "window-3-of-5");
        assertThat(decided.get(0).days()).containsExactly(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 4));
    }

    @Test
    void defaultSettingsNeedFiftyCharacters() {
        ReferenceModel defaults = new ReferenceModel(Settings.defaults());
        assertThat(defaults.apply(new Post("p", "m", day(1, "10:00:00"), "字".repeat(49) + " \n", List.of("球友故事"), List.of()))).isEmpty();
        assertThat(defaults.apply(new Post("p", "m", day(1, "10:00:00"), "字".repeat(50), List.of("球友故事"), List.of(), day(1, "10:05:00"))))
                .extracting(Decision::campaign).containsExactly("member-story");
    }
}
