package org.planetrewards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.planetrewards.model.ModerationAction;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Snapshots survive the trip through JSON text (with every optional part present and absent), and a
 * damaged one is refused whole, with the JSON path of the problem: every field removed, every field
 * given the wrong type, dates, instants and actions that do not parse, other versions, cut-off text.
 */
class SnapshotRobustnessTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final OffsetDateTime T = OffsetDateTime.parse("2026-03-01T21:00:00+08:00");
    static final String STORY = "我第一次用 ChatGPT 是帮孩子改作文，后来用它写周报、查资料、学英语、做旅行计划，现在每天都离不开它。";
    static final List<String> SUMMARY = new ArrayList<>();

    @AfterAll
    static void summary() {
        SUMMARY.forEach(System.out::println);
    }

    /**
     * An engine holding one of everything a snapshot records: check-ins, an edited post, a featured post,
     * a post without moderation (a route with no latest moderation), a moderation waiting for its post, a
     * decided campaign and decisions still pending because the handler refused them.
     */
    static RewardsEngine rich(int shards) {
        boolean[] refuse = {false};
        RewardsEngine engine = RewardsEngine.builder().shards(shards).onDecision(d -> {
            if (refuse[0]) {
                throw new IllegalStateException("database down");
            }
        }).build();
        engine.apply(new CheckIn("mei", T));
        engine.apply(new Post("p1", "mei", T, STORY, List.of("#球友故事#"), List.of())); // decided, delivered
        engine.apply(new Post("p2", "wang", T, "short", List.of("news"), List.of()));
        engine.apply(new Post("p2", "wang", T, STORY + "!", List.of("news", "【深度】"), List.of("https://openai.com"), T.plusHours(1)));
        engine.apply(new Moderation("p2", ModerationAction.FEATURE, T.plusHours(2)));
        engine.apply(new Moderation("p9", ModerationAction.REJECT, T.plusHours(3))); // waits for p9
        refuse[0] = true;
        engine.apply(new Post("p3", "li", T, STORY, List.of("球友故事"), List.of())); // decided, pending
        engine.apply(new Post("p4", "zhao", T, STORY, List.of("Member-Story"), List.of())); // pending behind it
        assertThat(engine.pendingDecisions()).hasSize(2);
        return engine;
    }

    static String richJson() {
        try (RewardsEngine engine = rich(3)) {
            return engine.snapshot().toJson();
        }
    }

    @Test
    void anEmptyEnginesSnapshotCanBeResumed() {
        // Regression: absent values (no last fact yet, a post without moderation) were left out of the
        // JSON, and the reader, which requires every field, refused its own snapshots.
        try (RewardsEngine empty = RewardsEngine.builder().shards(2).build()) {
            String json = empty.snapshot().toJson();
            try (RewardsEngine resumed = RewardsEngine.builder().resumeFrom(Snapshot.parse("empty", json)).shards(2).build()) {
                assertThat(resumed.snapshot().toJson()).isEqualTo(json);
            }
        }
    }

    @Test
    void everyPartSurvivesTheTripThroughText() {
        String json = richJson();
        assertThat(json).contains("\"latestModeration\" : null", "\"waiting\" : {", "\"pending\" : [");
        List<Decision> handed = new ArrayList<>();
        try (RewardsEngine resumed = RewardsEngine.builder().shards(3).onDecision(handed::add)
                .resumeFrom(Snapshot.parse("rich", json)).build()) {
            assertThat(resumed.snapshot().toJson()).isEqualTo(json);
            assertThat(resumed.pendingDecisions()).extracting(Decision::member).containsExactly("li", "zhao");
            // The waiting moderation still waits: p9 arrives rejected; the stale feature of p2 changes nothing.
            assertThat(resumed.apply(new Post("p9", "sun", T, STORY, List.of("#球友故事#"), List.of()))).isEmpty();
            assertThat(resumed.apply(new Moderation("p2", ModerationAction.REJECT, T.plusHours(1)))).isEmpty();
            // Decided campaigns stay decided; pending decisions go out first, then the new one.
            assertThat(resumed.apply(new Post("p1", "mei", T, STORY, List.of("#球友故事#"), List.of(), T.plusDays(1)))).isEmpty();
            assertThat(resumed.apply(new Post("p5", "he", T, STORY, List.of("#球友故事#"), List.of()))).hasSize(1);
            assertThat(handed).extracting(Decision::member).containsExactly("li", "zhao", "he");
            assertThat(resumed.pendingDecisions()).isEmpty();
        }
    }

    @Test
    void aSnapshotResumesUnderAnotherShardCount() {
        String json = richJson();
        for (int shards : new int[] {1, 2, 5, 8}) {
            try (RewardsEngine resumed = RewardsEngine.builder().shards(shards).resumeFrom(Snapshot.parse("rich", json)).build()) {
                assertThat(canonical(resumed.snapshot().toJson())).as("%d shards", shards).isEqualTo(canonical(json));
                assertThat(resumed.apply(new Post("p6", "zhou", T, STORY, List.of("#球友故事#"), List.of())))
                        .extracting(Decision::member).containsExactly("zhou");
            }
        }
    }

    @Test
    void everyFieldRemovedOrOfTheWrongTypeIsRefusedAtItsPath() throws Exception {
        JsonNode original = JSON.readTree(richJson());
        AtomicInteger cases = new AtomicInteger();
        List<String> misses = new ArrayList<>();
        forEachField(original, "$", (path, parent, name) -> {
            JsonNode value = parent.get(name);
            // removed
            ObjectNode cut = original.deepCopy();
            ((ObjectNode) at(cut, parentPath(path))).remove(name);
            check(cut, path, "removed", misses);
            cases.incrementAndGet();
            // the wrong type
            for (JsonNode wrong : wrongTypes(value)) {
                ObjectNode bad = original.deepCopy();
                ((ObjectNode) at(bad, parentPath(path))).set(name, wrong);
                check(bad, path, "set to " + wrong, misses);
                cases.incrementAndGet();
            }
        });
        assertThat(misses).as("damage that was not refused at its path").isEmpty();
        assertThat(cases.get()).isGreaterThan(100);
        SUMMARY.add("snapshot-fields: " + cases.get() + " removed or mistyped fields, " + misses.size() + " not refused at their path");
    }

    @Test
    void valuesThatDoNotParseAreRefusedAtTheirPath() throws Exception {
        JsonNode original = JSON.readTree(richJson());
        record Damage(String path, JsonNode value, String problem) {
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<Damage> damages = List.of(
                new Damage("$.checkIns[0].day", f.textNode("2026-02-30"), "not a date"),
                new Damage("$.checkIns[0].day", f.textNode("yesterday"), "not a date"),
                new Damage("$.posts[0].day", f.textNode("2026-13-01"), "not a date"),
                new Damage("$.posts[0].stamp", f.textNode("2026-03-01 13:00"), "not an instant"),
                new Damage("$.moderations[0].action", f.textNode("promote"), "not feature, reject or restore"),
                new Damage("$.moderations[0].action", f.textNode("FEATURE"), "not feature, reject or restore"),
                new Damage("$.routes[0].waiting", null, null),
                new Damage("$.lastStamp", f.textNode("2026-03-01T21:00:00"), "not a timestamp with offset"),
                new Damage("$.zone", f.textNode("Mars/Olympus_Mons"), "not a time zone"),
                new Damage("$.members[0]", f.textNode(""), "missing"),
                new Damage("$.posts[0].tagWords[0]", f.nullNode(), "missing"),
                new Damage("$.posts[0].visibleLength", f.numberNode(-1), "negative"),
                new Damage("$.pending[0]", f.textNode("{\"member\":\"li\"}"), "not a decision"),
                new Damage("$.pending[0]", f.textNode("not json"), "not a decision"),
                new Damage("$.decided[0]", f.nullNode(), "missing"));
        int n = 0;
        for (Damage d : damages) {
            if (d.value() == null) {
                continue;
            }
            ObjectNode bad = original.deepCopy();
            String parent = parentPath(d.path());
            String last = d.path().substring(parent.length());
            JsonNode container = at(bad, parent);
            if (container instanceof ArrayNode a) {
                a.set(Integer.parseInt(last.substring(1, last.length() - 1)), d.value());
            } else {
                ((ObjectNode) container).set(last.substring(1), d.value());
            }
            SnapshotException e = catchThrowableOfType(SnapshotException.class, () -> Snapshot.parse("snap.json", bad.toString()));
            assertThat(e).as(d.path() + " = " + d.value()).isNotNull();
            assertThat(e.getMessage()).startsWith("snap.json: " + d.path() + ": ").contains(d.problem());
            n++;
        }
        // A route must lead somewhere.
        ObjectNode bad = original.deepCopy();
        ObjectNode route = (ObjectNode) at(bad, "$.routes[0]");
        route.putNull("member");
        route.putNull("waiting");
        assertThatThrownBy(() -> Snapshot.parse("snap.json", bad.toString())).isInstanceOf(SnapshotException.class)
                .hasMessageStartingWith("snap.json: $.routes[0]: a route has neither");
        SUMMARY.add("snapshot-values: " + (n + 1) + " values that do not parse, each refused at its path");
    }

    @Test
    void otherVersionsOtherDocumentsAndCutOffTextAreRefusedWhole() throws Exception {
        String json = richJson();
        ObjectNode tree = (ObjectNode) JSON.readTree(json);
        for (JsonNode version : List.of(JsonNodeFactory.instance.numberNode(3), JsonNodeFactory.instance.numberNode(0),
                JsonNodeFactory.instance.textNode("1"), JsonNodeFactory.instance.numberNode(1.0))) {
            ObjectNode other = tree.deepCopy();
            other.set("version", version);
            assertThatThrownBy(() -> Snapshot.parse("snap.json", other.toString())).isInstanceOf(SnapshotException.class)
                    .hasMessageStartingWith("snap.json: $.version: snapshot format version " + version + " cannot be read");
        }
        ObjectNode alien = tree.deepCopy();
        alien.put("format", "something-else");
        assertThatThrownBy(() -> Snapshot.parse("snap.json", alien.toString())).hasMessageStartingWith("snap.json: $.format: ");
        ObjectNode extra = tree.deepCopy();
        extra.put("written-by", "a newer engine");
        assertThatThrownBy(() -> Snapshot.parse("snap.json", extra.toString())).hasMessageStartingWith("snap.json: $.written-by: ");
        for (String other : List.of("", "null", "[]", "42", "\"snapshot\"", json + "{}", json + " trailing", json + json)) {
            assertThatThrownBy(() -> Snapshot.parse("snap.json", other)).as(abbreviate(other))
                    .isInstanceOf(SnapshotException.class).hasMessageStartingWith("snap.json: $");
        }
        int cuts = 0;
        for (int cut = 0; cut < json.length() - 1; cut += 7) {
            String truncated = json.substring(0, cut);
            assertThatThrownBy(() -> Snapshot.parse("snap.json", truncated)).as("cut at %d", cut)
                    .isInstanceOf(SnapshotException.class).hasMessageStartingWith("snap.json: $");
            cuts++;
        }
        SUMMARY.add("snapshot-documents: 4 other versions, 1 other format, 1 unknown field, 8 non-snapshots, "
                + cuts + " cut-off texts: all refused");
    }

    @Test
    void aSnapshotOfAnotherZoneIsRefusedBeforeAnyFactIsLoaded() {
        Snapshot s = Snapshot.parse("rich", richJson());
        Settings utc = Settings.defaults().withZone(java.time.ZoneId.of("UTC"));
        assertThatThrownBy(() -> RewardsEngine.builder().settings(utc).resumeFrom(s).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zone");
    }

    @Test
    void aVersion1SnapshotLoadsWithoutCheckInTimesOrTextKeysAndAVersion2OneMustHaveThem() throws Exception {
        ObjectNode old = (ObjectNode) JSON.readTree(richJson());
        old.put("version", 1);
        old.get("checkIns").forEach(c -> ((ObjectNode) c).remove("at"));
        old.get("posts").forEach(p -> ((ObjectNode) p).remove("textKey"));
        Snapshot migrated = Snapshot.parse("v1.json", old.toString());
        JsonNode written = JSON.readTree(migrated.toJson());
        assertThat(written.get("version").asInt()).isEqualTo(Snapshot.VERSION);
        assertThat(written.get("checkIns").get(0).get("at").isNull()).isTrue();
        assertThat(written.get("posts").get(0).get("textKey").asLong()).isZero();
        RewardsEngine.builder().resumeFrom(migrated).build().close();

        old.put("version", 2);
        assertThatThrownBy(() -> Snapshot.parse("v2.json", old.toString())).isInstanceOf(SnapshotException.class)
                .hasMessageStartingWith("v2.json: $.checkIns[0].at");
    }

    @Test
    void aSnapshotTakenWithAnotherDayStartIsRefusedAndItsOwnResumes() {
        Settings four = Settings.defaults().withDayStartsAt(java.time.LocalTime.of(4, 0));
        Snapshot s = Snapshot.parse("rich", richJson());
        assertThatThrownBy(() -> RewardsEngine.builder().settings(four).resumeFrom(s).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days starting at 00:00")
                .hasMessageContaining("04:00");
        try (RewardsEngine taken = RewardsEngine.builder().settings(four).build()) {
            taken.apply(new CheckIn("m1", java.time.OffsetDateTime.parse("2026-03-01T01:00:00+08:00")));
            String json = taken.snapshot().toJson();
            assertThat(json).contains("\"dayStartsAt\" : \"04:00\"");
            Snapshot four0 = Snapshot.parse("four", json);
            assertThatThrownBy(() -> RewardsEngine.builder().resumeFrom(four0).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days starting at 04:00");
            RewardsEngine.builder().settings(four).resumeFrom(four0).build().close();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static void check(JsonNode damaged, String path, String how, List<String> misses) {
        try {
            Snapshot.parse("snap.json", damaged.toString());
            misses.add(path + " " + how + ": accepted");
        } catch (SnapshotException e) {
            if (!e.getMessage().startsWith("snap.json: " + path)) {
                misses.add(path + " " + how + ": refused at the wrong path: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            misses.add(path + " " + how + ": " + e);
        }
    }

    private static List<JsonNode> wrongTypes(JsonNode value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> out = new ArrayList<>();
        if (!value.isTextual()) {
            out.add(f.textNode("x"));
        }
        if (!value.isNumber()) {
            out.add(f.numberNode(42));
        }
        if (!value.isBoolean()) {
            out.add(f.booleanNode(true));
        }
        if (!value.isObject()) {
            out.add(f.objectNode());
        }
        if (!value.isArray()) {
            out.add(f.arrayNode().add("x"));
        }
        return out;
    }

    /** Calls {@code visit(path, parent, name)} for every field of every object below the root. */
    private static void forEachField(JsonNode node, String path, FieldVisitor visit) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "." + e.getKey();
                visit.visit(p, (ObjectNode) node, e.getKey());
                forEachField(e.getValue(), p, visit);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                forEachField(node.get(i), path + "[" + i + "]", visit);
            }
        }
    }

    interface FieldVisitor {
        void visit(String path, ObjectNode parent, String name);
    }

    private static String parentPath(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return path.substring(0, cut);
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        String rest = path.substring(1);
        while (!rest.isEmpty()) {
            if (rest.startsWith(".")) {
                int end = nextSep(rest, 1);
                n = n.get(rest.substring(1, end));
                rest = rest.substring(end);
            } else {
                int end = rest.indexOf(']');
                n = n.get(Integer.parseInt(rest.substring(1, end)));
                rest = rest.substring(end + 1);
            }
        }
        return n;
    }

    private static int nextSep(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '.' || s.charAt(i) == '[') {
                return i;
            }
        }
        return s.length();
    }

    /** The snapshot with its lists sorted: what it says, not the order shards list it in. */
    static String canonical(String json) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(json);
            for (String list : List.of("members", "checkIns", "posts", "moderations", "decided", "routes")) {
                List<String> items = new ArrayList<>();
                tree.get(list).forEach(n -> items.add(n.toString()));
                items.sort(null);
                ArrayNode sorted = tree.putArray(list);
                for (String item : items) {
                    sorted.add(JSON.readTree(item));
                }
            }
            return tree.toPrettyString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() < 40 ? s : s.substring(0, 37) + "...";
    }
}
