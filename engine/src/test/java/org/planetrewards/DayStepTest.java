package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.MemberState.Day;
import org.planetrewards.model.CountedDay;
import org.planetrewards.model.CountedDayDetail;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.Qualification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The day step on real sessions: one member-day in, what the day keeps for the member step out. */
class DayStepTest {
    static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    /** A rule that reads the counted days' details: with it in the pack, the engine makes them. */
    static final String READS_DETAILS = """
            package org.planetrewards.rules;
            import org.planetrewards.model.CountedDayDetail;
            import org.planetrewards.model.Qualification;
            rule "A counted day checked in before nine"
            when
                CountedDayDetail( $m : member, checkInAt != null, checkInAt.getHour() < 9, $day : day )
            then
                insertLogical( new Qualification( $m, "early", java.util.List.of( $day ) ) );
            end
            """;

    static CompiledRules defaultsWith(String file, String text) {
        Map<String, String> files = new TreeMap<>(RulePack.defaults().files());
        files.put(file, text);
        return CompiledRules.compile(RulePack.of("test pack", files));
    }

    static PostVersion post(String id, List<String> tagWords, int visible) {
        return new PostVersion(id, "ann", DAY, Instant.parse("2026-03-01T13:00:00Z"), visible, tagWords, true);
    }

    /** ann's day: a check-in at 08:30 in Shanghai (00:30 UTC) and these posts. */
    static MemberState annsDay(PostVersion... posts) {
        MemberState ann = new MemberState("ann");
        Day d = ann.day(DAY);
        d.checkIn(Instant.parse("2026-03-01T00:30:00Z"));
        for (PostVersion p : posts) {
            d.addPost(p);
        }
        return ann;
    }

    static List<Object> kept(CompiledRules rules, MemberState m, List<Qualification> qualifications) {
        DayStep step = new DayStep(rules, Settings.defaults(), new HashMap<>());
        try (RuleSession session = new RuleSession(rules, Settings.defaults())) {
            return step.evaluate(session, m, m.get(DAY), qualifications);
        }
    }

    @Test
    void aCheckInAndAHighQualityPostKeepACountedDayAndNothingAboutThePost() {
        List<Qualification> qualifications = new ArrayList<>();
        List<Object> kept = kept(CompiledRules.compile(RulePack.defaults()), annsDay(post("p1", List.of("resources"), 120)), qualifications);
        assertThat(kept).containsExactly(new CountedDay("ann", DAY));
        assertThat(qualifications).isEmpty();
    }

    @Test
    void aPostTooShortKeepsNothing() {
        assertThat(kept(CompiledRules.compile(RulePack.defaults()), annsDay(post("p1", List.of("resources"), 10)), new ArrayList<>()))
                .isEmpty();
    }

    @Test
    void withoutARuleThatReadsThemNoDetailIsMade() {
        CompiledRules defaults = CompiledRules.compile(RulePack.defaults());
        assertThat(defaults.matches(CountedDayDetail.class)).isFalse();
        assertThat(kept(defaults, annsDay(post("p1", List.of("resources"), 120)), new ArrayList<>()))
                .noneMatch(CountedDayDetail.class::isInstance);
    }

    @Test
    void aCountedDaysDetailHasTheCheckInTimeInTheCommunityZoneAndTheTagsOfItsHighQualityPostsOnly() {
        CompiledRules rules = defaultsWith("early.drl", READS_DETAILS);
        List<Qualification> qualifications = new ArrayList<>();
        List<Object> kept = kept(rules, annsDay(post("p1", List.of("resources", "tricks"), 120), post("p2", List.of("news"), 10),
                post("p3", List.of("resources"), 200)), qualifications);
        assertThat(kept).containsExactly(new CountedDay("ann", DAY),
                new CountedDayDetail("ann", DAY, OffsetDateTime.parse("2026-03-01T08:30:00+08:00"), List.of("resources", "tricks")));
        assertThat(qualifications).as("the day step has no details: the member step reads them").isEmpty();
    }
}
