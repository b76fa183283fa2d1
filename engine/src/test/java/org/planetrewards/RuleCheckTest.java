package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.QualitySettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule check on the default pack, on admin mistakes, and on the edges of the allow-list. */
class RuleCheckTest {
    static final Path MISTAKES = Path.of("src/test/resources/mistake-rules");
    static final String TAIL = ", which is outside the fact model (rule files are code: allow it only after review, with --allow-unsafe-code)";
    static final String HEADER = "package org.planetrewards.rules;\n\nimport org.planetrewards.model.Campaign;\n\n";

    /** The default pack plus one more file. */
    static RulePack defaultsWith(String name, String text) {
        Map<String, String> files = new LinkedHashMap<>(RulePack.defaults().files());
        files.put(name, text);
        return RulePack.of("pack", files);
    }

    static RulePack defaultsWith(Path mistake) throws IOException {
        return defaultsWith(mistake.getFileName().toString(), Files.readString(mistake));
    }

    static List<String> check(RulePack pack) {
        return RuleCheck.check(pack, Settings.defaults(), false).stream().map(RuleProblem::toString).toList();
    }

    /** The pack alone: a small pack handles no campaign of the default settings. */
    static List<String> alone(String name, String text) {
        return RuleCheck.check(RulePack.of("pack", Map.of(name, text)), null, false).stream().map(RuleProblem::toString).toList();
    }

    /** A one-file pack whose only rule has this consequence. */
    static List<String> consequence(String code) {
        return alone("x.drl", (
                HEADER + "rule \"x\"\nwhen\n    $c : Campaign( )\nthen\n    " + code + "\nend\n"));
    }

    // ---- the default pack -------------------------------------------------------------------

    @Test
    void theDefaultPackAndTheDefaultSettingsAreClean() {
        assertThat(RuleCheck.check(RulePack.defaults(), Settings.defaults(), false)).isEmpty();
        assertThat(RuleCheck.check(RulePack.folder(Path.of("../rules/default-pack")), Settings.defaults(), "rewards.json", false)).isEmpty();
    }

    // ---- replays in batches (the batching folder: one rule, written two ways) ------------------

    static final Path BATCHING = Path.of("src/test/resources/batching");

    @Test
    void aRuleThatLooksAtEveryonesPostsUnderNotIsNotedAtItsPatternAndThePackStaysValid() throws IOException {
        List<RuleProblem> problems = RuleCheck.check(defaultsWith(BATCHING.resolve("one-at-a-time/quiet-day.drl")),
                Settings.defaults(), false);

        assertThat(RuleCheck.hasErrors(problems)).isFalse();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(RuleProblem.Severity.NOTE);
            assertThat(p).hasToString("quiet-day.drl:13:9: note: rule \"A check-in on a quiet day counts\": `PostVersion(...)`"
                    + " under `not` has no equality on `member` (its member) or `id` (its post) against the same key of"
                    + " another pattern of the rule (such as `member == $member`), so in a batch it would see other"
                    + " members' facts too; replays of this pack run one fact at a time (slower, same decisions)");
        });
    }

    @Test
    void theSameRuleTiedToItsMemberBatchesAndIsNotNoted() throws IOException {
        assertThat(check(defaultsWith(BATCHING.resolve("in-batches/quiet-day.drl")))).isEmpty();
    }

    @Test
    void aDeclaredTypeIsTiedByItsMemberFieldAndNotedWithoutOne() {
        String rule = """
                package test.batching;

                import org.planetrewards.model.CheckInDay;
                import org.planetrewards.model.CountedDay;

                declare Holiday
                    %s : String
                end

                rule "Counts a day when the member is not on holiday"
                when
                    CheckInDay( $member : member, $day : day )
                    not Holiday( %s == $member )
                then
                    insertLogical( new CountedDay( $member, $day ) );
                end
                """;
        assertThat(alone("holiday.drl", rule.formatted("member", "member"))).isEmpty();
        assertThat(alone("holiday.drl", rule.formatted("who", "who"))).singleElement().asString()
                .isEqualTo("holiday.drl:13:9: note: rule \"Counts a day when the member is not on holiday\": `Holiday(...)` under"
                        + " `not` is of a type with no member or post field the engine knows (a type the pack declares has one"
                        + " only as a text field named `member`), so in a batch it would see other members' facts too; replays"
                        + " of this pack run one fact at a time (slower, same decisions)");
    }

    // ---- admin mistakes (the mistake-rules folder, each added to the default pack) -----------

    @Test
    void aTagTheSettingsDoNotDefine() throws IOException {
        assertThat(check(defaultsWith(MISTAKES.resolve("unknown-tag.drl")))).containsExactly(
                "unknown-tag.drl:12:38: warning: rule \"A deep-dive post must be long\" compares tag with \"deep-dve\", which is not a tag id "
                        + "in the settings (tag ids: news, resources, tricks, deep-dive, applications, member-story)");
    }

    @Test
    void aRuleOnATypeThatDoesNotExist() throws IOException {
        assertThat(check(defaultsWith(MISTAKES.resolve("unknown-type.drl")))).containsExactly(
                "unknown-type.drl:10:5: error: rule \"A member with a badge\" matches Badge, which is not a fact type: it is not in the "
                        + "fact model (org.planetrewards.model), not imported and not declared in the pack");
    }

    @Test
    void rulesThatDeriveAFactLoadBeforeTheRulesThatReadIt() {
        List<String> order = RuleCheck.loadOrder(RulePack.defaults());
        assertThat(order).containsExactlyInAnyOrderElementsOf(RulePack.defaults().files().keySet());
        // tags.drl derives PostTag, which quality.drl and campaign-tagged-post.drl read; quality.drl derives
        // HighQualityPost, which counted-days.drl and campaign-tagged-post.drl read.
        assertThat(order.indexOf("tags.drl")).isLessThan(order.indexOf("quality.drl"));
        assertThat(order.indexOf("quality.drl")).isLessThan(order.indexOf("counted-days.drl"))
                .isLessThan(order.indexOf("campaign-tagged-post.drl"));
        // Files that feed nothing to each other keep name order.
        assertThat(order.indexOf("campaign-consecutive-days.drl")).isLessThan(order.indexOf("campaign-days-in-window.drl"));
    }

    @Test
    void aRuleThatMatchesFactsOfADayAndOfAMemberIsAnError() throws IOException {
        assertThat(check(defaultsWith(MISTAKES.resolve("mixed-steps.drl")))).containsExactly(
                "mixed-steps.drl:12:9: error: rule \"A member without a high-quality post gets a nudge\" matches Member and "
                        + "HighQualityPost, which are never in working memory together: the rules see one member-day (its check-in, "
                        + "posts and moderations, and what is derived from them) or one member (Member, CountedDays and the facts kept "
                        + "from each day), never both; derive a fact about the day and match that instead (docs/authoring-rules.md, "
                        + "\"What a rule sees at once\")");
    }

    @Test
    void aRuleThatCanNeverFireBecauseNothingInsertsWhatItMatches() throws IOException {
        assertThat(check(defaultsWith(MISTAKES.resolve("never-fires.drl")))).containsExactly(
                "never-fires.drl:14:5: warning: rule \"A bonus qualifies for the bonus campaign\" can never fire: it matches Bonus, but "
                        + "neither the engine nor any rule that can fire inserts one (the engine inserts PostVersion, CheckInDay, "
                        + "ModerationState, PostText, Member, CountedDays, AsOf, Tag, QualitySettings and Campaign)");
    }

    @Test
    void aRuleThatCanNeverFireBecauseItsCampaignKindDoesNotExist() throws IOException {
        assertThat(check(defaultsWith(MISTAKES.resolve("unknown-kind.drl")))).containsExactly(
                "unknown-kind.drl:11:5: warning: rule \"A counted day qualifies for a weekly campaign\" can never fire: it matches "
                        + "campaigns of kind \"weekly\", which is not a campaign kind (kinds: consecutive-days, days-in-window, tagged-post)");
    }

    @Test
    void aRuleThatOnlyAnotherRuleThatCannotFireWouldFeedCannotFireEither() {
        String text = HEADER + "import org.planetrewards.model.CountedDay;\n\n"
                + "declare Seed\n    member : String\nend\n\n"
                + "rule \"a seed makes a counted day\"\nwhen\n    Seed( $m : member )\nthen\n"
                + "    insert( new CountedDay( $m, java.time.LocalDate.MIN ) );\nend\n";
        // CountedDay is inserted by the default pack, so only the seed rule is reported.
        assertThat(check(defaultsWith("seed.drl", text))).containsExactly(
                "seed.drl:13:5: warning: rule \"a seed makes a counted day\" can never fire: it matches Seed, but neither the engine nor "
                        + "any rule that can fire inserts one (the engine inserts PostVersion, CheckInDay, ModerationState, PostText, Member, CountedDays, AsOf, Tag, "
                        + "QualitySettings and Campaign)");
        // Alone, CountedDay is only inserted by a rule that cannot fire: a rule on it cannot fire either.
        String alone = text + "\nrule \"a counted day\"\nwhen\n    CountedDay( )\nthen\n    String s = \"x\";\nend\n";
        assertThat(alone("seed.drl", alone))
                .anyMatch(p -> p.startsWith("seed.drl:13:5: warning: rule \"a seed makes a counted day\" can never fire"))
                .anyMatch(p -> p.startsWith("seed.drl:20:5: warning: rule \"a counted day\" can never fire: it matches CountedDay"));
    }

    @Test
    void syntaxAndTypeErrorsComeWithFileLineColumnAndPlainWords() throws IOException {
        assertThat(check(defaultsWith(MISTAKES.resolve("syntax-error.drl")))).containsExactly(
                "syntax-error.drl:7:23: error: syntax error: unexpected ')' in rule \"A condition left unfinished\"");
        assertThat(check(defaultsWith(MISTAKES.resolve("unknown-field.drl")))).containsExactly(
                "unknown-field.drl:7:15: error: the condition colour == \"red\" of rule \"A field the fact model does not have\" "
                        + "does not compile: Campaign has no field or method colour");
        assertThat(check(defaultsWith(MISTAKES.resolve("consequence-error.drl")))).containsExactly(
                "consequence-error.drl:10:5: error: the consequence of rule \"A consequence that does not compile\" does not compile: "
                        + "Type mismatch: cannot convert from String to int");
    }

    @Test
    void aSyntaxErrorHidesTheErrorsThatOnlyFollowFromIt() throws IOException {
        // A file that does not parse loses its package's declarations: Bonus would look undefined.
        Map<String, String> files = new LinkedHashMap<>(defaultsWith(MISTAKES.resolve("never-fires.drl")).files());
        files.put("syntax-error.drl", Files.readString(MISTAKES.resolve("syntax-error.drl")));
        assertThat(check(RulePack.of("pack", files))).containsExactly(
                "never-fires.drl:14:5: warning: rule \"A bonus qualifies for the bonus campaign\" can never fire: it matches Bonus, but "
                        + "neither the engine nor any rule that can fire inserts one (the engine inserts PostVersion, CheckInDay, "
                        + "ModerationState, PostText, Member, CountedDays, AsOf, Tag, QualitySettings and Campaign)",
                "syntax-error.drl:7:23: error: syntax error: unexpected ')' in rule \"A condition left unfinished\"");
    }

    @Test
    void anErrorInAConsequenceOrAFunctionPointsAtItsOwnLine() {
        String text = HEADER
                + "function int twice(int x) {\n"      // 5
                + "    int y = x * 2;\n"                 // 6
                + "    undefinedCall();\n"               // 7
                + "    return y;\n"                      // 8
                + "}\n\n"                                // 9, 10
                + "rule \"late error\"\nwhen\n    $c : Campaign( )\nthen\n" // 11-14
                + "    int a = 1;\n\n"                   // 15, 16
                + "    int b = missing( a );\n"          // 17
                + "end\n";
        assertThat(alone("lines.drl", text)).containsExactly(
                "lines.drl:7:5: error: function twice does not compile: The method undefinedCall() is undefined",
                "lines.drl:17:13: error: the consequence of rule \"late error\" does not compile: The method missing(int) is undefined");
    }

    // ---- the settings against the pack --------------------------------------------------------

    @Test
    void aCampaignWithNoReward() {
        Settings s = Settings.defaults().withCampaigns(List.of(new Campaign("streak-15", DefaultKinds.CONSECUTIVE_DAYS, " ", 15, 0, null)));
        assertThat(RuleCheck.check(RulePack.defaults(), s, "rewards.json", false)).map(RuleProblem::toString).containsExactly(
                "rewards.json: $.campaigns[0].reward: error: campaign \"streak-15\" has no reward: expected a non-empty string, found string \" \"");
    }

    @Test
    void aTaggedPostCampaignWhoseTagTheSettingsDoNotDefine() {
        Settings s = Settings.defaults().withCampaigns(List.of(
                DefaultKinds.taggedPost("story", "story-badge", "member-stroy"),
                DefaultKinds.taggedPost("story-cn", "story-badge", "球友故事")));
        assertThat(RuleCheck.check(RulePack.defaults(), s, "rewards.json", false)).map(RuleProblem::toString).containsExactly(
                "rewards.json: $.campaigns[0].tag: warning: campaign \"story\" asks for tag \"member-stroy\", which is not a tag id in "
                        + "$.tags, so it can never be won (tag ids: news, resources, tricks, deep-dive, applications, member-story)",
                "rewards.json: $.campaigns[1].tag: warning: campaign \"story-cn\" asks for tag \"球友故事\", which is not a tag id in "
                        + "$.tags, so it can never be won (tag ids: news, resources, tricks, deep-dive, applications, member-story); "
                        + "\"球友故事\" names tag \"member-story\": write its id");
    }

    @Test
    void aCampaignOfAKindNoRuleHandles() {
        Map<String, String> files = new LinkedHashMap<>(RulePack.defaults().files());
        files.remove("campaign-tagged-post.drl");
        assertThat(RuleCheck.check(RulePack.of("pack", files), Settings.defaults(), "rewards.json", false)).map(RuleProblem::toString)
                .containsExactly("rewards.json: $.campaigns[2].kind: warning: no rule in the pack handles campaigns of kind "
                        + "\"tagged-post\", so campaign \"member-story\" can never be rewarded");
    }

    @Test
    void numbersThatCannotWork() {
        Settings s = Settings.defaults().withQuality(new QualitySettings(-1)).withCampaigns(List.of(
                new Campaign("none", DefaultKinds.CONSECUTIVE_DAYS, "r", 0, 0, null),
                new Campaign("tight", DefaultKinds.DAYS_IN_WINDOW, "r", 15, 10, null)));
        assertThat(RuleCheck.check(RulePack.defaults(), s, false)).map(RuleProblem::toString).containsExactly(
                "settings: $.quality.minVisibleCharacters: error: expected a whole number of at least 0, found number -1",
                "settings: $.campaigns[0]: error: campaign \"none\" of kind \"consecutive-days\" needs \"days\" (the kind's rule file"
                        + " declares @parameters( \"days, graceDays?, levels?, repeat?\" ))",
                "settings: $.campaigns[1].window: error: a window of 10 days cannot hold 15 counted days");
    }

    @Test
    void withoutSettingsOnlyThePackIsChecked() {
        assertThat(RuleCheck.check(RulePack.defaults(), null, false)).isEmpty();
    }

    // ---- the edges of the allow-list ----------------------------------------------------------

    @Test
    void allowedCodeIsNotReported() {
        assertThat(consequence("java.util.List<String> ids = new java.util.ArrayList<>( java.util.List.of( $c.id() ) );\n"
                + "    java.time.LocalDate d = java.time.LocalDate.of( 2026, 3, 1 ).plusDays( Math.max( 1, $c.days() ) );\n"
                + "    String s = String.join( \" \", $c.id(), String.valueOf( 1L ) ) + Integer.valueOf( 2 ) + org.planetrewards.model.DayRun.NONE.size();\n"
                + "    StringBuilder b = new StringBuilder( s.toLowerCase( java.util.Locale.ROOT ) );\n"
                + "    java.util.Map.Entry<String, Integer> e = java.util.Map.entry( \"a\", 1 );")).isEmpty();
    }

    @Test
    void namesInStringsAndCommentsAreNotCode() {
        assertThat(consequence("String s = \"java.lang.Runtime.getRuntime().exec() System.exit(1)\"; // Runtime.getRuntime()\n"
                + "    /* System.exit( 1 ); java.io.File */ String t = 'x' + \"getClass\";")).isEmpty();
    }

    @Test
    void aWildcardImportBringsInOnlyTheAllowedTypesOfItsPackage() {
        String text = "package org.planetrewards.rules;\n\nimport java.util.*;\nimport org.planetrewards.model.*;\n\n"
                + "rule \"x\"\nwhen\n    $c : Campaign( )\nthen\n    List<String> ok = new ArrayList<>();\n"
                + "    new Timer().cancel();\nend\n";
        assertThat(alone("x.drl", text)).containsExactly(
                "x.drl:11:9: error: the consequence of rule \"x\" uses java.util.Timer" + TAIL);
    }

    @Test
    void aStaticImportOfAnAllowedTypeLetsItsConstantsBeNamedBare() {
        String text = "package org.planetrewards.rules;\n\nimport static org.planetrewards.model.DayRun.*;\n"
                + "import org.planetrewards.model.Campaign;\n\nrule \"x\"\nwhen\n    Campaign( )\nthen\n"
                + "    int n = NONE.size();\nend\n";
        assertThat(alone("x.drl", text)).isEmpty();
    }

    @Test
    void aNameTheCheckCannotPlaceIsRefused() {
        assertThat(consequence("Helper.run( $c );")).containsExactly(
                "x.drl:9:5: error: the consequence of rule \"x\" uses Helper, which is not a type of the fact model "
                        + "(org.planetrewards.model), a type declared in the pack or an allowed java.time, java.util or java.lang type "
                        + "(rule files are code: allow it only after review, with --allow-unsafe-code)");
    }

    @Test
    void declaringATypeNamedLikeAJavaLangTypeDoesNotMakeItAllowed() {
        String text = HEADER + "declare Runtime\n    name : String\nend\n\n"
                + "rule \"x\"\nwhen\n    $c : Campaign( )\nthen\n    Runtime.getRuntime().gc();\nend\n";
        assertThat(alone("x.drl", text)).first().asString()
                .startsWith("x.drl:5:9: error: the declaration of Runtime uses java.lang.Runtime");
    }

    @Test
    void declaringATypeNamedLikeAClassOfAWildcardImportDoesNotMakeItAllowed() {
        String text = "package org.planetrewards.rules;\n\nimport java.util.*;\nimport org.planetrewards.model.Campaign;\n\n"
                + "declare Timer\n    name : String\nend\n\n"
                + "rule \"x\"\nwhen\n    $c : Campaign( )\nthen\n    new Timer().cancel();\nend\n";
        assertThat(alone("x.drl", text)).containsExactly(
                "x.drl:6:9: error: the declaration of Timer uses java.util.Timer" + TAIL,
                "x.drl:14:9: error: the consequence of rule \"x\" uses java.util.Timer" + TAIL);
    }

    @Test
    void aNameSplitByCharactersJavaIgnoresIsStillTheName() {
        assertThat(consequence("Run\u200Btime.getRuntime().gc();")).containsExactly(
                "x.drl:9:5: error: the consequence of rule \"x\" uses java.lang.Runtime" + TAIL);
    }

    @Test
    void nothingHidesBehindAHashComment() {
        // DRL reads '#' as a comment, Java does not: its line is read as code, quotes and all.
        assertThat(consequence("String s = \"a\"; # don't\n    System.exit( 1 );")).containsExactly(
                "x.drl:10:5: error: the consequence of rule \"x\" uses java.lang.System" + TAIL);
    }

    @Test
    void aCarriageReturnEndsALineComment() {
        assertThat(consequence("// a comment\r    System.exit( 1 );")).containsExactly(
                "x.drl:10:5: error: the consequence of rule \"x\" uses java.lang.System" + TAIL);
    }

    @Test
    void stringsThatCouldHideCodeAreRefused() {
        assertThat(consequence("String s = \"no end\n    + System.exit( 1 );")).contains(
                "x.drl:9:16: error: the consequence of rule \"x\" has a string literal not closed on its own line, which can hide "
                        + "code from this check: close it on the line it starts");
        assertThat(consequence("String s = \"\"\"\n    a text block\n    \"\"\";")).contains(
                "x.drl:9:16: error: the consequence of rule \"x\" has a text block (\"\"\"), which can hide code from this check: "
                        + "write ordinary one-line strings");
    }

    @Test
    void theConsequencesOwnVariablesThatReachTheSessionAreRefused() {
        assertThat(consequence("kcontext.getKieRuntime().halt();")).first().asString().startsWith(
                "x.drl:9:5: error: the consequence of rule \"x\" uses kcontext (the engine's own session)");
        assertThat(consequence("Object o = consequenceCtx;")).first().asString().startsWith(
                "x.drl:9:16: error: the consequence of rule \"x\" uses consequenceCtx (the engine's own session)");
    }

    @Test
    void aCommentNeverClosedIsRefused() {
        assertThat(alone("x.drl", HEADER + "rule \"x\"\nwhen\n    Campaign( )\nthen\n    /* open\n    System.exit( 1 );\nend\n"))
                .contains("x.drl:9:5: error: the consequence of rule \"x\" has a comment that is never closed, which can hide code "
                        + "from this check: close it with */");
    }

    @Test
    void unsafeCodeIsLeftOutWhenAllowedAndTheRestIsStillChecked() {
        RulePack pack = RulePack.of("pack", Map.of("x.drl", HEADER
                + "rule \"x\"\nwhen\n    $c : Campaign( kind == \"weekly\" )\nthen\n    System.out.println( $c );\nend\n"));
        assertThat(RuleCheck.check(pack, null, true)).map(RuleProblem::toString).containsExactly(
                "x.drl:7:5: warning: rule \"x\" can never fire: it matches campaigns of kind \"weekly\", which is not a campaign kind "
                        + "(the pack declares none)");
    }
}
