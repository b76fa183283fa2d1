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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several members' facts through one evaluation: the check on the compiled rules says when that is
 * sound, and the session splits what was derived by member, or says it cannot. Given these rules and
 * these members' days, expect each member's share to be what evaluating the member alone derives.
 */
class BatchedEvaluationTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    static CompiledRules defaultsWith(String file, String text) {
        Map<String, String> files = new TreeMap<>(RulePack.defaults().files());
        files.put(file, text);
        return CompiledRules.compile(RulePack.of("test pack", files));
    }

    static String rule(String imports, String body) {
        return "package org.planetrewards.rules;\n" + imports + "\n" + body;
    }

    @Test
    void theDefaultPackIsBatchable() {
        assertThat(CompiledRules.compile(RulePack.defaults()).batchable()).hasToString("batchable");
    }

    /** The authoring guide's new campaign accumulates a day type its file declares, by its member field. */
    @Test
    void theGuidesAddACampaignExampleIsBatchable() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Path.of("../docs/examples/add-a-campaign/campaign-tagged-days-in-a-row.drl");
        assertThat(defaultsWith(file.getFileName().toString(), java.nio.file.Files.readString(file)).batchable())
                .hasToString("batchable");
    }

    @Test
    void aRuleThatLooksForTheAbsenceOfAnyPostIsNot() {
        CompiledRules rules = defaultsWith("lonely.drl", rule("""
                import org.planetrewards.model.CheckInDay;
                import org.planetrewards.model.PostVersion;
                import org.planetrewards.model.Qualification;""", """
                rule "A check-in on a day nobody posts"
                when
                    CheckInDay( $member : member, $day : day )
                    not PostVersion( )
                then
                    insertLogical( new Qualification( $member, "quiet-day", "", java.util.List.of( $day ), java.util.List.of() ) );
                end
                """));
        assertThat(rules.batchable().batchable()).isFalse();
        assertThat(rules.batchable().rule()).isEqualTo("A check-in on a day nobody posts");
        assertThat(rules.batchable().why()).contains("PostVersion");
    }

    @Test
    void aRuleThatCountsEveryonesPostsIsNotButOneThatCountsTheMembersIs() {
        String counting = """
                rule "Counts posts"
                when
                    CheckInDay( $member : member, $day : day )
                    Number( intValue > 2 ) from accumulate( $p : PostVersion( %s ), count( $p ) )
                then
                    insertLogical( new Qualification( $member, "busy-day", "", java.util.List.of( $day ), java.util.List.of() ) );
                end
                """;
        String imports = """
                import org.planetrewards.model.CheckInDay;
                import org.planetrewards.model.PostVersion;
                import org.planetrewards.model.Qualification;""";
        assertThat(defaultsWith("count.drl", rule(imports, counting.formatted("day == $day"))).batchable().batchable()).isFalse();
        assertThat(defaultsWith("count.drl", rule(imports, counting.formatted("member == $member, day == $day"))).batchable().batchable())
                .isTrue();
        // A post key is not a member key: a post id equal to a member id ties nothing.
        assertThat(defaultsWith("count.drl", rule(imports, counting.formatted("id == $member"))).batchable().batchable()).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "exists( PostVersion( day == $day ) )",
            "forall( PostVersion( day == $day ) PostVersion( this == this, visibleLength > 10 ) )",
            "java.util.List( size > 2 ) from collect( PostVersion( day == $day ) )",
            "not( PostVersion( member == $member ) and not CheckInDay( day == $day ) )"})
    void everyWayOfLookingAtAllMembersIsFound(String condition) {
        CompiledRules rules = defaultsWith("all.drl", rule("""
                import org.planetrewards.model.CheckInDay;
                import org.planetrewards.model.PostVersion;
                import org.planetrewards.model.Qualification;""", """
                rule "Looks at everyone"
                when
                    CheckInDay( $member : member, $day : day )
                    %s
                then
                    insertLogical( new Qualification( $member, "all", "", java.util.List.of( $day ), java.util.List.of() ) );
                end
                """.formatted(condition)));
        assertThat(rules.batchable().batchable()).as(condition).isFalse();
        assertThat(rules.batchable().rule()).isEqualTo("Looks at everyone");
    }

    /** Members' days as the day step gives them: a check-in, posts of various kinds, some moderated. */
    static List<List<Object>> days(int members, long seed) {
        Random r = new Random(seed);
        List<List<Object>> days = new ArrayList<>();
        String[][] tags = {{"news"}, {"tricks", "x"}, {}, {"resources"}, {"球友故事"}};
        for (int i = 0; i < members; i++) {
            String m = "m" + i;
            List<Object> in = new ArrayList<>();
            if (r.nextInt(4) > 0) {
                in.add(new CheckInDay(m, DAY, OffsetDateTime.of(2026, 3, 1, 7 + r.nextInt(4), 0, 0, 0, ZoneOffset.ofHours(8))));
            }
            int posts = r.nextInt(5);
            for (int p = 0; p < posts; p++) {
                String id = m + "-p" + p;
                if (r.nextInt(5) == 0) {
                    in.add(new ModerationState(id, r.nextBoolean() ? ModerationAction.REJECT : ModerationAction.FEATURE,
                            Instant.parse("2026-03-01T12:00:00Z"), LocalDateTime.of(2026, 3, 1, 20, 0)));
                }
                in.add(new PostVersion(id, m, DAY, Instant.parse("2026-03-01T0" + (1 + r.nextInt(8)) + ":00:00Z"),
                        r.nextInt(3) == 0 ? 5 : 80, List.of(tags[r.nextInt(tags.length)]), r.nextBoolean()));
            }
            days.add(in);
        }
        return days;
    }

    static List<String> members(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("m" + i);
        }
        return ids;
    }

    @Test
    void eachMembersShareOfABatchIsWhatTheMemberAloneDerives() {
        CompiledRules rules = CompiledRules.compile(RulePack.defaults());
        for (long seed = 1; seed <= 20; seed++) {
            List<List<Object>> days = days(16, seed);
            try (RuleSession alone = new RuleSession(rules, Settings.defaults());
                 RuleSession batched = new RuleSession(rules, Settings.defaults())) {
                // A session's first evaluation walks the settings' facts into the network; the order of what it
                // derives can differ from a used session's, which is what every evaluation of a replay meets.
                days(4, -seed).forEach(alone::evaluate);
                days(4, -seed).forEach(batched::evaluate);
                List<List<Object>> split = batched.evaluateBatch(days, members(16));
                assertThat(split).as("seed %d: %s", seed, batched.spoiled()).isNotNull();
                for (int i = 0; i < days.size(); i++) {
                    assertThat(split.get(i)).as("seed %d member %d", seed, i).containsExactlyElementsOf(alone.evaluate(days.get(i)));
                }
                assertThat(batched.atRest()).isTrue();
            }
        }
    }

    private static List<List<Object>> twoPosters() {
        return List.of(
                List.of(new CheckInDay("ann", DAY), new PostVersion("a1", "ann", DAY, Instant.parse("2026-03-01T04:00:00Z"), 80, List.of("news"), true)),
                List.of(new CheckInDay("bob", DAY), new PostVersion("b1", "bob", DAY, Instant.parse("2026-03-01T05:00:00Z"), 80, List.of("news"), true)));
    }

    private static final String IMPORTS = """
            import org.planetrewards.model.CheckInDay;
            import org.planetrewards.model.CountedDay;
            import org.planetrewards.model.PostVersion;
            import org.planetrewards.model.Qualification;""";

    private static void cannotBeSplit(CompiledRules rules, String why) {
        assertThat(rules.batchable().batchable()).as("the check passes it: only the run can tell").isTrue();
        try (RuleSession s = new RuleSession(rules, Settings.defaults())) {
            assertThat(s.evaluateBatch(twoPosters(), List.of("ann", "bob"))).isNull();
            assertThat(s.spoiled()).as(s.spoiled()).contains(why);
        }
    }

    @Test
    void aMatchThatJoinsTwoMembersCannotBeSplit() {
        cannotBeSplit(defaultsWith("pair.drl", rule(IMPORTS, """
                rule "Two members post on one day"
                when
                    PostVersion( $a : member, $day : day )
                    PostVersion( member != $a, day == $day )
                then
                    insertLogical( new Qualification( $a, "company", "", java.util.List.of( $day ), java.util.List.of() ) );
                end
                """)), "two members");
    }

    @Test
    void aFactNamingAnotherMemberCannotBeSplit() {
        CompiledRules rules = defaultsWith("other.drl", rule(IMPORTS, """
                rule "A check-in counts for bob"
                when
                    CheckInDay( member != "bob", $day : day )
                then
                    insertLogical( new CountedDay( "bob", $day ) );
                end
                """));
        assertThat(rules.batchable().batchable()).isTrue();
        try (RuleSession s = new RuleSession(rules, Settings.defaults())) {
            assertThat(s.evaluateBatch(twoPosters(), List.of("ann", "bob"))).isNull();
        }
    }

    @Test
    void aFactTwoMembersDeriveCannotBeSplit() {
        cannotBeSplit(defaultsWith("busy.drl", rule(IMPORTS, """
                declare BusyDay
                    day : java.time.LocalDate @key
                end
                rule "A day someone posts is busy"
                when
                    PostVersion( $day : day )
                then
                    insertLogical( new BusyDay( $day ) );
                end
                """)), "two members");
    }
}
