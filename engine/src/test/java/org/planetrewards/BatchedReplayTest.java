package org.planetrewards;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A replay runs consecutive facts of distinct members together ({@link ShardBatch}): given a history and
 * a rule pack, expect exactly the decisions (as JSON, in order) of the same replay one fact at a time,
 * on every shard count; and when the rules look across members, either the check keeps the replay one at
 * a time or the run gives the batch up, never a different decision.
 */
class BatchedReplayTest {
    private static final int[] SHARDS = {1, 2, 3};

    /** A replay's decisions as the command line writes them, with the batches run and given up. */
    private record Replayed(String decisions, long batched, long abandoned, String failure) {
    }

    private static Replayed replay(RulePack pack, String history, int shards, int batchSize, boolean force) {
        StringBuilder out = new StringBuilder();
        // Delivered decisions: when the replay fails, those of the facts before the failing line.
        List<Decision> decisions = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RewardsEngine engine = RewardsEngine.builder().rules(pack).shards(shards).onDecision(decisions::add).build()) {
            engine.batchSize = batchSize;
            engine.forceBatching = force;
            String failure = null;
            try {
                engine.replay(HistoryReader.of("h.jsonl", new StringReader(history)));
            } catch (RuleFailureException e) {
                failure = e.getMessage();
            }
            decisions.forEach(d -> out.append(DecisionJson.toJson(d)).append('\n'));
            long[] counts = engine.batchCounts();
            return new Replayed(out.toString(), counts[0], counts[1], failure);
        }
    }

    /** Batched and one at a time, on each shard count: the same output; returns the batched replays. */
    private static List<Replayed> sameAsOneAtATime(RulePack pack, String history) {
        List<Replayed> batched = new ArrayList<>();
        for (int shards : SHARDS) {
            Replayed alone = replay(pack, history, shards, 1, false);
            Replayed together = replay(pack, history, shards, ShardBatch.SIZE, false);
            assertThat(alone.batched()).isZero();
            assertThat(together.decisions()).as("%d shards", shards).isEqualTo(alone.decisions());
            assertThat(together.failure()).as("%d shards", shards).isEqualTo(alone.failure());
            batched.add(together);
        }
        return batched;
    }

    /**
     * A community's history: members checking in, posting (tagged or not, long or short, repeated texts),
     * editing, moderators featuring, rejecting and restoring, sometimes before the post arrives.
     */
    static String history(long seed, int members, int days) {
        Random r = new Random(seed);
        String[] tags = {"Resources", "【资源】", "玩法", "news", "#球友故事#", "无关", "deep-dive"};
        String[] actions = {"feature", "reject", "restore"};
        StringBuilder h = new StringBuilder();
        List<String> posts = new ArrayList<>();
        for (int day = 1; day <= days; day++) {
            LocalDate date = LocalDate.of(2026, 3, 1).plusDays(day - 1);
            for (int m = 0; m < members; m++) {
                String member = "m" + m;
                if (r.nextInt(5) > 0) {
                    h.append("{\"type\":\"checkin\",\"member\":\"").append(member).append("\",\"at\":\"").append(date)
                            .append("T0").append(6 + r.nextInt(4)).append(":00:00+08:00\"}\n");
                }
                for (int p = r.nextInt(3); p > 0; p--) {
                    String id = member + "-" + day + "-" + p;
                    String text = r.nextInt(6) == 0 ? "short" : "a long enough text about the day number "
                            + (r.nextInt(4) == 0 ? 7 : day) + " with details worth reading, written by " + member;
                    String at = date + "T1" + r.nextInt(10) + ":" + (10 + r.nextInt(50)) + ":00+08:00";
                    h.append("{\"type\":\"post\",\"id\":\"").append(id).append("\",\"member\":\"").append(member)
                            .append("\",\"at\":\"").append(at).append("\",\"tags\":[\"").append(tags[r.nextInt(tags.length)])
                            .append("\"],\"text\":\"").append(text).append("\"")
                            .append(r.nextBoolean() ? ",\"links\":[\"https://example.org/" + id + "\"]" : "").append("}\n");
                    posts.add(id + "|" + member + "|" + at);
                    if (r.nextInt(10) == 0) { // an edit, later that day
                        h.append("{\"type\":\"post\",\"id\":\"").append(id).append("\",\"member\":\"").append(member)
                                .append("\",\"at\":\"").append(at).append("\",\"editedAt\":\"").append(date)
                                .append("T22:00:00+08:00\",\"tags\":[\"").append(tags[r.nextInt(tags.length)])
                                .append("\"],\"text\":\"").append(text).append(" (edited)\"}\n");
                    }
                }
            }
            for (int k = r.nextInt(4); k > 0 && !posts.isEmpty(); k--) {
                String[] post = posts.get(r.nextInt(posts.size())).split("\\|");
                h.append("{\"type\":\"moderation\",\"post\":\"").append(post[0]).append("\",\"action\":\"")
                        .append(actions[r.nextInt(actions.length)]).append("\",\"at\":\"").append(date).append("T23:")
                        .append(10 + r.nextInt(40)).append(":00+08:00\"}\n");
            }
            if (r.nextInt(3) == 0) { // a moderation before its post: it waits
                String id = "early-" + day;
                h.append("{\"type\":\"moderation\",\"post\":\"").append(id).append("\",\"action\":\"feature\",\"at\":\"")
                        .append(date).append("T05:00:00+08:00\"}\n");
                h.append("{\"type\":\"post\",\"id\":\"").append(id).append("\",\"member\":\"m0\",\"at\":\"").append(date)
                        .append("T04:00:00+08:00\",\"tags\":[\"news\"],\"text\":\"a featured post that came after its moderation\"}\n");
            }
        }
        return h.toString();
    }

    @Test
    void theDemoReplaysTheSameInBatches() throws IOException {
        String demo = Files.readString(Path.of("..", "examples", "histories", "demo.jsonl"));
        List<Replayed> batched = sameAsOneAtATime(RulePack.defaults(), demo);
        assertThat(batched.get(0).decisions()).isNotEmpty();
        assertThat(batched.get(0).batched()).as("facts run in batches").isPositive();
    }

    @Test
    void generatedHistoriesReplayTheSameInBatches() {
        for (long seed : new long[] {1, 2}) {
            List<Replayed> batched = sameAsOneAtATime(RulePack.defaults(), history(seed, 40, 24));
            assertThat(batched.get(0).decisions()).isNotEmpty();
            assertThat(batched).allSatisfy(b -> assertThat(b.batched()).as("facts run in batches").isPositive());
            assertThat(batched.get(0).abandoned()).as("the default pack is split without doubt").isZero();
        }
    }

    private static RulePack defaultsWith(String file, String text) {
        Map<String, String> files = new TreeMap<>(RulePack.defaults().files());
        files.put(file, text);
        return RulePack.of("test pack", files);
    }

    private static final String IMPORTS = """
            package org.planetrewards.rules;
            import org.planetrewards.model.CheckInDay;
            import org.planetrewards.model.CountedDay;
            import org.planetrewards.model.PostVersion;
            import org.planetrewards.model.Qualification;
            """;

    /** Settings with a campaign the test packs' rules qualify members for. */
    private static final String QUIET = IMPORTS + """
            rule "A check-in on a day with no post at all is a quiet day"
            when
                CheckInDay( $member : member, $day : day )
                not PostVersion( )
            then
                insertLogical( new CountedDay( $member, $day ) );
            end
            """;

    @Test
    void rulesThatLookForTheAbsenceOfAnyonesPostAreReplayedOneAtATime() {
        RulePack pack = defaultsWith("quiet.drl", QUIET);
        assertThat(CompiledRules.compile(pack).batchable().batchable()).isFalse();
        String history = history(3, 30, 20);
        List<Replayed> batched = sameAsOneAtATime(pack, history);
        assertThat(batched).allSatisfy(b -> assertThat(b.batched()).isZero());
        // What the check prevents: batched anyway, another member's post hides a check-in's quiet day.
        assertThat(replay(pack, history, 1, ShardBatch.SIZE, true).decisions()).isNotEqualTo(batched.get(0).decisions());
    }

    @Test
    void aRuleJoiningTwoMembersGivesTheBatchUp() {
        RulePack pack = defaultsWith("pair.drl", IMPORTS + """
                rule "Two members check in on one day: each counts it"
                when
                    CheckInDay( $a : member, $day : day )
                    CheckInDay( member != $a, day == $day )
                then
                    insertLogical( new CountedDay( $a, $day ) );
                end
                """);
        assertThat(CompiledRules.compile(pack).batchable().batchable()).isTrue();
        List<Replayed> batched = sameAsOneAtATime(pack, history(4, 30, 20));
        assertThat(batched.get(0).abandoned()).isPositive();
    }

    @Test
    void aRuleDerivingAFactOfAnotherMemberGivesTheBatchUp() {
        RulePack pack = defaultsWith("gift.drl", IMPORTS + """
                rule "Every check-in counts a day for m1"
                when
                    CheckInDay( member != "m1", $day : day )
                then
                    insertLogical( new CountedDay( "m1", $day ) );
                end
                """);
        List<Replayed> batched = sameAsOneAtATime(pack, history(5, 30, 20));
        assertThat(batched.get(0).abandoned()).isPositive();
    }

    /** A day type the pack declares, with the member in a text field {@code member}: a key, as in the engine's records. */
    private static final String LONG_POST_DAY = IMPORTS + """
            declare LongPostDay
                member : String @key
                day : java.time.LocalDate @key
            end
            rule "A check-in on a day the member wrote a long post counts"
            when
                CheckInDay( $member : member, $day : day )
                exists( LongPostDay( member == $member, day == $day ) )
            then
                insertLogical( new CountedDay( $member, $day ) );
            end
            """;

    @Test
    void aDeclaredTypeTiedByItsMemberFieldReplaysInBatches() {
        RulePack pack = defaultsWith("long.drl", LONG_POST_DAY + """
                rule "A long post makes a long-post day"
                when
                    PostVersion( $member : member, $day : day, visibleLength > 40 )
                then
                    insertLogical( new LongPostDay( $member, $day ) );
                end
                """);
        assertThat(CompiledRules.compile(pack).batchable().batchable()).isTrue();
        List<Replayed> batched = sameAsOneAtATime(pack, history(8, 30, 20));
        assertThat(batched).allSatisfy(b -> assertThat(b.batched()).as("facts run in batches").isPositive());
        assertThat(batched.get(0).abandoned()).isZero();
    }

    @Test
    void aDeclaredFactNamingAnotherMemberGivesTheBatchUp() {
        RulePack pack = defaultsWith("long.drl", LONG_POST_DAY + """
                rule "A long post makes m1's day a long-post day"
                when
                    PostVersion( member != "m1", $day : day, visibleLength > 40 )
                then
                    insertLogical( new LongPostDay( "m1", $day ) );
                end
                """);
        assertThat(CompiledRules.compile(pack).batchable().batchable()).isTrue();
        List<Replayed> batched = sameAsOneAtATime(pack, history(9, 30, 20));
        assertThat(batched.get(0).abandoned()).isPositive();
    }

    @Test
    void aFactTwoMembersDeriveGivesTheBatchUp() {
        RulePack pack = defaultsWith("busy.drl", IMPORTS + """
                declare BusyDay
                    day : java.time.LocalDate @key
                end
                rule "A day someone posts on is busy"
                when
                    PostVersion( $day : day )
                then
                    insertLogical( new BusyDay( $day ) );
                end
                rule "A check-in on a busy day counts"
                when
                    CheckInDay( $member : member, $day : day )
                    BusyDay( day == $day )
                then
                    insertLogical( new CountedDay( $member, $day ) );
                end
                """);
        List<Replayed> batched = sameAsOneAtATime(pack, history(6, 30, 20));
        assertThat(batched.get(0).abandoned()).isPositive();
    }

    @Test
    void aRuleThatThrowsInABatchFailsOnTheSameLineWithTheSameDecisionsBefore() {
        RulePack pack = defaultsWith("bomb.drl", IMPORTS + """
                rule "Explodes on the post m7-9-1"
                when
                    PostVersion( id == "m7-9-1" )
                then
                    throw new IllegalStateException( "boom" );
                end
                """);
        String history = history(7, 30, 20);
        assertThat(history).contains("\"id\":\"m7-9-1\"");
        List<Replayed> batched = sameAsOneAtATime(pack, history);
        assertThat(batched.get(0).failure()).startsWith("h.jsonl:" + lineOf(history, "\"id\":\"m7-9-1\"") + ": rule \"Explodes on the post m7-9-1\" failed");
        assertThat(batched.get(0).decisions()).isNotEmpty();
        assertThat(batched.get(0).abandoned()).as("the post failed inside a batch, which was given up").isPositive();
        RuleFailureException e = catchThrowableOfType(RuleFailureException.class, () -> {
            try (RewardsEngine engine = RewardsEngine.builder().rules(pack).build()) {
                engine.replay(HistoryReader.of("h.jsonl", new StringReader(history)));
            }
        });
        assertThat(e.rule()).isEqualTo("Explodes on the post m7-9-1");
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return -1;
    }
}
