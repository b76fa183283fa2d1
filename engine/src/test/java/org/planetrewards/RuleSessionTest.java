package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.CountedDay;
import org.planetrewards.model.CountedDays;
import org.planetrewards.model.HighQualityPost;
import org.planetrewards.model.Member;
import org.planetrewards.model.PostVersion;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule session evaluates a few facts at a time and must come back to rest after each evaluation:
 * whatever one member-day derived must never meet the next one's facts.
 */
class RuleSessionTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    private static PostVersion post(String id, String member) {
        return new PostVersion(id, member, DAY, Instant.parse("2026-03-01T04:00:00Z"), 120, List.of("resources"), true);
    }

    private static CompiledRules defaultsWith(String file, String text) {
        Map<String, String> files = new TreeMap<>(RulePack.defaults().files());
        files.put(file, text);
        return CompiledRules.compile(RulePack.of("test pack", files));
    }

    @Test
    void anEvaluationDerivesFromItsOwnFactsAndLeavesNothingBehind() {
        try (RuleSession session = new RuleSession(CompiledRules.compile(RulePack.defaults()), Settings.defaults())) {
            List<Object> first = session.evaluate(List.of(new CheckInDay("ann", DAY), post("p1", "ann")));
            assertThat(first).contains(new HighQualityPost("p1", "ann", DAY), new CountedDay("ann", DAY));
            assertThat(session.atRest()).isTrue();

            // The next member-day has no check-in: nothing of ann's day may count for bob's.
            List<Object> second = session.evaluate(List.of(post("p2", "bob")));
            assertThat(second).contains(new HighQualityPost("p2", "bob", DAY))
                    .noneMatch(o -> o instanceof CountedDay)
                    .noneMatch(o -> o.toString().contains("ann"));
            assertThat(session.atRest()).isTrue();
        }
    }

    @Test
    void factsInsertedWithoutInsertLogicalAreTakenOutToo() {
        String seen = """
                package org.planetrewards.rules;
                import org.planetrewards.model.PostVersion;
                declare Seen
                    postId : String
                end
                rule "Every post is seen"
                when
                    PostVersion( $id : id )
                then
                    insert( new Seen( $id ) );
                end
                """;
        try (RuleSession session = new RuleSession(defaultsWith("seen.drl", seen), Settings.defaults())) {
            assertThat(session.evaluate(List.of(post("p1", "ann")))).anyMatch(o -> o.toString().contains("p1"));
            List<Object> second = session.evaluate(List.of(post("p2", "bob")));
            assertThat(second).anyMatch(o -> o.toString().contains("p2")).noneMatch(o -> o.toString().contains("p1"));
            assertThat(session.atRest()).isTrue();
        }
    }

    @Test
    void whatRulesDeriveIsReadAsItIsAtRestHoweverManyFactsTheyInsertChangeAndDelete() {
        // Forty pieces per post, each but the last marked done by a modify as it brings the next, every third done
        // one taken out again: more than the session follows by scanning, so it reads them through its index too.
        String pieces = """
                package org.planetrewards.rules;
                import org.planetrewards.model.PostVersion;
                declare Piece
                    postId : String
                    n : int
                    done : boolean
                end
                rule "A post starts with a piece"
                when
                    PostVersion( $id : id )
                then
                    insert( new Piece( $id, 0, false ) );
                end
                rule "A piece gets done and brings the next"
                when
                    $p : Piece( done == false, $id : postId, $n : n, n < 39 )
                then
                    insert( new Piece( $id, $n + 1, false ) );
                    modify( $p ) { setDone( true ) }
                end
                rule "Every third piece done is thrown away"
                when
                    $p : Piece( done == true, n % 3 == 0 )
                then
                    delete( $p );
                end
                """;
        try (RuleSession session = new RuleSession(defaultsWith("pieces.drl", pieces), Settings.defaults())) {
            for (String post : List.of("p1", "p2")) {
                List<String> kept = session.evaluate(List.of(post(post, "ann"))).stream()
                        .filter(o -> o.getClass().getSimpleName().equals("Piece")).map(Object::toString).toList();
                // Pieces 0 to 38 were done, those of them divisible by three thrown away; 39 was never done.
                List<Integer> expected = java.util.stream.IntStream.range(0, 40).filter(n -> n == 39 || n % 3 != 0).boxed().toList();
                assertThat(kept).allMatch(t -> t.contains(post) && t.contains("done=" + !t.contains("n=39")));
                assertThat(kept.stream().map(t -> Integer.valueOf(t.replaceAll(".*\\bn=(\\d+).*", "$1"))).sorted())
                        .containsExactlyElementsOf(expected);
                assertThat(session.atRest()).isTrue();
            }
        }
    }

    @Test
    void aSessionThatCannotComeBackToRestSaysSoAndTheShardStartsAFreshOne() {
        // A plain insert under a "not": taking the check-in out inserts one more marker every time.
        String marker = """
                package org.planetrewards.rules;
                import org.planetrewards.model.CheckInDay;
                declare Quiet
                end
                rule "A quiet moment"
                when
                    not CheckInDay( )
                then
                    insert( new Quiet( ) );
                end
                """;
        CompiledRules rules = defaultsWith("quiet.drl", marker);
        try (RuleSession session = new RuleSession(rules, Settings.defaults())) {
            session.evaluate(List.of(new CheckInDay("ann", DAY)));
            assertThat(session.atRest()).isFalse();
        }
        // Through a shard the evaluations stay right however many times that happens.
        Shard shard = new Shard(rules, Settings.defaults());
        OffsetDateTime at = OffsetDateTime.parse("2026-03-01T12:00:00+08:00");
        for (int i = 0; i < 15; i++) {
            LocalDate day = DAY.plusDays(i);
            shard.checkIn(new CheckInDay("ann", day), at.plusDays(i));
            List<Decision> made = shard.post(new PostVersion("p" + i, "ann", day, at.plusDays(i).toInstant(), 120,
                    List.of("resources"), true), null, null, at.plusDays(i));
            assertThat(made).extracting(Decision::campaign).as("day %d", i + 1)
                    .isEqualTo(i == 14 ? List.of("streak-15", "window-15-of-30") : List.of());
        }
        shard.close();
    }

    @Test
    void onlyClassesSomeRuleMatchesAreKeptOrPutIn() {
        CompiledRules defaults = CompiledRules.compile(RulePack.defaults());
        assertThat(defaults.matches(PostVersion.class)).isTrue();
        assertThat(defaults.matches(CountedDays.class)).as("the campaign rules read it").isTrue();
        assertThat(defaults.matches(CountedDay.class)).as("only inserted, never matched, by the default pack").isFalse();
        assertThat(defaults.matches(Member.class)).isFalse();

        CompiledRules withMember = defaultsWith("welcome.drl", """
                package org.planetrewards.rules;
                import org.planetrewards.model.Member;
                import org.planetrewards.model.Qualification;
                rule "Every member is welcome"
                when
                    Member( $m : id )
                then
                    insertLogical( new Qualification( $m, "welcome", java.util.List.of() ) );
                end
                """);
        assertThat(withMember.matches(Member.class)).isTrue();
    }
}
