package org.planetrewards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.ModerationAction;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's state as a versioned JSON document, so a host can stop and resume without losing or
 * repeating a decision: every member's current facts as the rules see them (post versions without
 * their texts, latest moderations, check-in days), moderations waiting for their post, the
 * campaigns already decided and the decisions not yet accepted by the handler.
 *
 * <p>It is plain JSON written by this class, not Drools' session serialization: the rule sessions are
 * rebuilt from it, so a snapshot also survives a change of rules. A snapshot of another format
 * version, or a damaged one, is refused whole with the JSON path of the first problem.
 */
public final class Snapshot {
    /**
     * The format version this engine writes. It reads this one and version 1, whose check-ins have no
     * time: those days are restored with the time unknown ({@code CheckInDay.at} null for rules).
     */
    public static final int VERSION = 2;
    /** The version before check-in times were kept, still read. */
    static final int VERSION_WITHOUT_CHECK_IN_TIMES = 1;
    static final String FORMAT = "planet-rewards-snapshot";

    private static final ObjectMapper JSON = strict(new ObjectMapper())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Absent values are written as null, never left out: the reader requires every field, so
            // that a field cut from a damaged snapshot is an error, not a silent null.
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** No coercion: 42 is not the string "42", "true" is not true, 1 is not true. A damaged value is refused. */
    private static ObjectMapper strict(ObjectMapper m) {
        m.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer)) {
            for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean, CoercionInputShape.String)) {
                m.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
            }
        }
        return m;
    }

    record Doc(String format, int version, String zone, String lastStamp, List<RouteDoc> routes,
               List<String> members, List<CheckInDoc> checkIns, List<PostDoc> posts,
               List<ModerationDoc> moderations, List<DecidedDoc> decided, List<String> pending,
               @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
               String newestDay,
               // Left out at midnight: a snapshot of a community whose day starts then reads as before.
               @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
               String dayStartsAt) {
    }

    record RouteDoc(String post, String member, String latestModeration, ModerationDoc waiting) {
    }

    /** @param at the instant of the day's earliest check-in, or null when unknown (a day restored from version 1) */
    record CheckInDoc(String member, String day, String at) {
    }

    record PostDoc(String id, String member, String day, String stamp, int visibleLength,
                   List<String> tagWords, boolean hasSourceLink, long textKey) {
    }

    record ModerationDoc(String post, String action, String at) {
    }

    /**
     * @param key      the level or season, left out for a campaign won once
     * @param decision the decision as its JSON line while it can still be revoked, else left out
     */
    record DecidedDoc(String member, String campaign,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                      String key,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                      String decision) {
    }

    private final Doc doc;

    private Snapshot(Doc doc) {
        this.doc = doc;
    }

    static Snapshot of(ZoneId zone, java.time.LocalTime dayStartsAt, OffsetDateTime lastStamp, LocalDate newestDay, Iterable<java.util.Map.Entry<String, Router.PostRoute>> routes,
                       List<Shard.ShardState> shards, List<Decision> pending) {
        List<RouteDoc> r = new ArrayList<>();
        for (var e : routes) {
            Router.PostRoute route = e.getValue();
            r.add(new RouteDoc(e.getKey(), route.member(), str(route.latestModeration()),
                    route.waiting() == null ? null : moderation(route.waiting())));
        }
        r.sort(java.util.Comparator.comparing(RouteDoc::post));
        List<String> members = new ArrayList<>();
        List<CheckInDoc> checkIns = new ArrayList<>();
        List<PostDoc> posts = new ArrayList<>();
        List<ModerationDoc> moderations = new ArrayList<>();
        List<DecidedDoc> decided = new ArrayList<>();
        for (Shard.ShardState s : shards) {
            members.addAll(s.members());
            s.checkIns().forEach(c -> checkIns.add(new CheckInDoc(c.member(), c.day().toString(),
                    c.at() == null ? null : c.at().toInstant().toString())));
            s.posts().forEach(p -> posts.add(new PostDoc(p.id(), p.member(), p.day().toString(), p.stamp().toString(),
                    p.visibleLength(), p.tagWords(), p.hasSourceLink(), p.textKey())));
            s.moderations().forEach(m -> moderations.add(moderation(m)));
            java.util.Map<Shard.Decided, String> revocable = new java.util.HashMap<>();
            s.revocable().forEach(d -> revocable.put(new Shard.Decided(d.member(), d.campaign(), d.key()), DecisionJson.toJson(d)));
            s.decided().forEach(d -> decided.add(new DecidedDoc(d.member(), d.campaign(), d.key(), revocable.get(d))));
        }
        return new Snapshot(new Doc(FORMAT, VERSION, zone.getId(), lastStamp == null ? null : lastStamp.toString(),
                r, members, checkIns, posts, moderations, decided, pending.stream().map(DecisionJson::toJson).toList(),
                newestDay == null ? null : newestDay.toString(),
                dayStartsAt.equals(java.time.LocalTime.MIDNIGHT) ? null : dayStartsAt.toString()));
    }

    private static ModerationDoc moderation(ModerationState m) {
        return new ModerationDoc(m.postId(), m.action().word(), m.at().toString());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** The snapshot as JSON text. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the snapshot to a file, replacing it only once the new one is complete. */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a snapshot file.
     *
     * @throws SnapshotException when it is of another version or damaged
     */
    public static Snapshot read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Reads a snapshot from JSON text; {@code source} names it in errors.
     *
     * @throws SnapshotException when it is of another version or damaged
     */
    public static Snapshot parse(String source, String json) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SnapshotException(source, "$", "not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject() || !FORMAT.equals(tree.path("format").asText())) {
            throw new SnapshotException(source, "$.format", "not a Planet Rewards snapshot (expected \"format\": \"" + FORMAT + "\")");
        }
        int version = tree.path("version").isInt() ? tree.path("version").intValue() : -1;
        if (version != VERSION && version != VERSION_WITHOUT_CHECK_IN_TIMES) {
            throw new SnapshotException(source, "$.version", "snapshot format version " + tree.path("version")
                    + " cannot be read by this engine, which reads versions " + VERSION_WITHOUT_CHECK_IN_TIMES + " and " + VERSION);
        }
        if (version == VERSION_WITHOUT_CHECK_IN_TIMES) {
            upgradeCheckIns(source, tree);
        }
        if (!tree.has("newestDay")) {
            // Written only under a lateness horizon (and by engines since it exists): absent means none.
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree).putNull("newestDay");
        }
        if (!tree.has("dayStartsAt")) {
            // Written only when the day starts after midnight (and by engines since it can): absent means midnight.
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree).putNull("dayStartsAt");
        }
        for (com.fasterxml.jackson.databind.JsonNode d : tree.path("decided")) {
            // Written only for a level or season, and for a decision that can still be revoked: absent means none.
            if (d instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                if (!o.has("key")) {
                    o.putNull("key");
                }
                if (!o.has("decision")) {
                    o.putNull("decision");
                }
            }
        }
        Doc doc;
        try {
            doc = JSON.treeToValue(tree, Doc.class);
        } catch (JsonMappingException e) {
            throw new SnapshotException(source, path(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new SnapshotException(source, "$", e.getOriginalMessage());
        }
        Snapshot s = new Snapshot(doc);
        s.validate(source);
        return s;
    }

    /**
     * Reads a version 1 document as version 2: its check-ins get an unknown time, and its posts text key 0
     * (never compared as repeats). A check-in of version 1 that has a time is refused, like any field the
     * version does not have.
     */
    private static void upgradeCheckIns(String source, com.fasterxml.jackson.databind.JsonNode tree) {
        int i = 0;
        for (com.fasterxml.jackson.databind.JsonNode c : tree.path("checkIns")) {
            if (c instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                if (o.has("at")) {
                    throw new SnapshotException(source, "$.checkIns[" + i + "].at", "snapshot format version "
                            + VERSION_WITHOUT_CHECK_IN_TIMES + " has no check-in times");
                }
                o.putNull("at");
            }
            i++;
        }
        for (com.fasterxml.jackson.databind.JsonNode post : tree.path("posts")) {
            if (post instanceof com.fasterxml.jackson.databind.node.ObjectNode o && !o.has("textKey")) {
                o.put("textKey", 0L);
            }
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("version", VERSION); // read as, and written as, this version
    }

    private static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                p.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                p.append('[').append(r.getIndex()).append(']');
            }
        }
        return p.toString();
    }

    /** Parses every value now, so a damaged snapshot is refused before any engine is built from it. */
    private void validate(String source) {
        Checker c = new Checker(source);
        c.zone("$.zone", doc.zone());
        if (doc.lastStamp() != null) {
            c.time("$.lastStamp", doc.lastStamp());
        }
        if (doc.newestDay() != null) {
            c.day("$.newestDay", doc.newestDay());
        }
        if (doc.dayStartsAt() != null) {
            try {
                java.time.LocalTime.parse(doc.dayStartsAt());
            } catch (java.time.DateTimeException e) {
                throw new SnapshotException(source, "$.dayStartsAt", "not a time of day like \"04:00\": \"" + doc.dayStartsAt() + "\"");
            }
        }
        c.list("$.routes", doc.routes());
        for (int i = 0; i < doc.routes().size(); i++) {
            RouteDoc r = doc.routes().get(i);
            String p = "$.routes[" + i + "]";
            c.text(p + ".post", r.post());
            if (r.member() == null && r.waiting() == null) {
                throw new SnapshotException(source, p, "a route has neither a member nor a waiting moderation");
            }
            if (r.member() != null && r.waiting() != null) {
                throw new SnapshotException(source, p + ".member", "a route whose moderation waits for the post has no member yet");
            }
            if (r.latestModeration() != null) {
                c.instant(p + ".latestModeration", r.latestModeration());
            }
            if (r.waiting() != null) {
                c.moderation(p + ".waiting", r.waiting());
            }
        }
        c.list("$.members", doc.members());
        for (int i = 0; i < doc.members().size(); i++) {
            c.text("$.members[" + i + "]", doc.members().get(i));
        }
        c.list("$.checkIns", doc.checkIns());
        for (int i = 0; i < doc.checkIns().size(); i++) {
            c.text("$.checkIns[" + i + "].member", doc.checkIns().get(i).member());
            c.day("$.checkIns[" + i + "].day", doc.checkIns().get(i).day());
            if (doc.checkIns().get(i).at() != null) {
                c.instant("$.checkIns[" + i + "].at", doc.checkIns().get(i).at());
            }
        }
        c.list("$.posts", doc.posts());
        for (int i = 0; i < doc.posts().size(); i++) {
            PostDoc p = doc.posts().get(i);
            String at = "$.posts[" + i + "]";
            c.text(at + ".id", p.id());
            c.text(at + ".member", p.member());
            c.day(at + ".day", p.day());
            c.instant(at + ".stamp", p.stamp());
            c.list(at + ".tagWords", p.tagWords());
            if (p.visibleLength() < 0) {
                throw new SnapshotException(source, at + ".visibleLength", "negative: " + p.visibleLength());
            }
        }
        c.list("$.moderations", doc.moderations());
        for (int i = 0; i < doc.moderations().size(); i++) {
            c.moderation("$.moderations[" + i + "]", doc.moderations().get(i));
        }
        c.list("$.decided", doc.decided());
        for (int i = 0; i < doc.decided().size(); i++) {
            c.text("$.decided[" + i + "].member", doc.decided().get(i).member());
            c.text("$.decided[" + i + "].campaign", doc.decided().get(i).campaign());
            String decision = doc.decided().get(i).decision();
            if (decision != null) {
                try {
                    DecisionJson.parse(decision);
                } catch (RuntimeException e) {
                    throw new SnapshotException(source, "$.decided[" + i + "].decision", e.getMessage());
                }
            }
        }
        c.list("$.pending", doc.pending());
        for (int i = 0; i < doc.pending().size(); i++) {
            try {
                DecisionJson.parse(doc.pending().get(i));
            } catch (RuntimeException e) {
                throw new SnapshotException(source, "$.pending[" + i + "]", "not a decision: " + e.getMessage());
            }
        }
    }

    private record Checker(String source) {
        void list(String path, List<?> value) {
            if (value == null) {
                throw new SnapshotException(source, path, "missing");
            }
            for (int i = 0; i < value.size(); i++) {
                if (value.get(i) == null) {
                    throw new SnapshotException(source, path + "[" + i + "]", "missing (null)");
                }
            }
        }

        void text(String path, String value) {
            if (value == null || value.isEmpty()) {
                throw new SnapshotException(source, path, "missing");
            }
        }

        void day(String path, String value) {
            text(path, value);
            try {
                LocalDate.parse(value);
            } catch (DateTimeException e) {
                throw new SnapshotException(source, path, "not a date: \"" + value + "\"");
            }
        }

        void instant(String path, String value) {
            text(path, value);
            try {
                Instant.parse(value);
            } catch (DateTimeException e) {
                throw new SnapshotException(source, path, "not an instant: \"" + value + "\"");
            }
        }

        void time(String path, String value) {
            try {
                OffsetDateTime.parse(value);
            } catch (DateTimeException e) {
                throw new SnapshotException(source, path, "not a timestamp with offset: \"" + value + "\"");
            }
        }

        void zone(String path, String value) {
            text(path, value);
            try {
                ZoneId.of(value);
            } catch (DateTimeException e) {
                throw new SnapshotException(source, path, "not a time zone: \"" + value + "\"");
            }
        }

        void moderation(String path, ModerationDoc m) {
            text(path + ".post", m.post());
            if (ModerationAction.fromWord(m.action()) == null) {
                throw new SnapshotException(source, path + ".action", "not feature, reject or restore: \"" + m.action() + "\"");
            }
            instant(path + ".at", m.at());
        }
    }

    ZoneId zone() {
        return ZoneId.of(doc.zone());
    }

    /** The hour the community's day started at when the snapshot was taken. */
    java.time.LocalTime dayStartsAt() {
        return doc.dayStartsAt() == null ? java.time.LocalTime.MIDNIGHT : java.time.LocalTime.parse(doc.dayStartsAt());
    }

    OffsetDateTime lastStamp() {
        return doc.lastStamp() == null ? null : OffsetDateTime.parse(doc.lastStamp());
    }

    /** The newest day of any fact applied (the lateness watermark), or null. */
    LocalDate newestDay() {
        return doc.newestDay() == null ? null : LocalDate.parse(doc.newestDay());
    }

    List<java.util.Map.Entry<String, Router.PostRoute>> routes() {
        java.util.Map<String, PostDoc> posts = new java.util.HashMap<>();
        doc.posts().forEach(p -> posts.put(p.id(), p));
        List<java.util.Map.Entry<String, Router.PostRoute>> out = new ArrayList<>();
        for (RouteDoc r : doc.routes()) {
            PostDoc post = posts.get(r.post()); // the current version: its day and stamp
            out.add(java.util.Map.entry(r.post(), new Router.PostRoute(r.member(),
                    r.latestModeration() == null ? null : Instant.parse(r.latestModeration()),
                    r.waiting() == null ? null : state(r.waiting()),
                    post == null ? null : LocalDate.parse(post.day()), post == null ? null : Instant.parse(post.stamp()))));
        }
        return out;
    }

    /** The state of the members one shard owns, in snapshot order. */
    Shard.ShardState shardState(java.util.function.Predicate<String> ownsMember) {
        java.util.Map<String, String> postOwner = new java.util.HashMap<>();
        doc.posts().forEach(p -> postOwner.put(p.id(), p.member()));
        return new Shard.ShardState(
                doc.members().stream().filter(ownsMember).toList(),
                doc.checkIns().stream().filter(c -> ownsMember.test(c.member()))
                        .map(c -> new CheckInDay(c.member(), LocalDate.parse(c.day()),
                                c.at() == null ? null : Instant.parse(c.at()).atZone(zone()).toOffsetDateTime())).toList(),
                doc.posts().stream().filter(p -> ownsMember.test(p.member()))
                        .map(p -> new PostVersion(p.id(), p.member(), LocalDate.parse(p.day()), Instant.parse(p.stamp()),
                                p.visibleLength(), List.copyOf(p.tagWords()), p.hasSourceLink(), p.textKey())).toList(),
                doc.moderations().stream().filter(m -> postOwner.containsKey(m.post()) && ownsMember.test(postOwner.get(m.post())))
                        .map(this::state).toList(),
                doc.decided().stream().filter(d -> ownsMember.test(d.member()))
                        .map(d -> new Shard.Decided(d.member(), d.campaign(), d.key() == null ? "" : d.key())).toList(),
                doc.decided().stream().filter(d -> ownsMember.test(d.member()) && d.decision() != null)
                        .map(d -> DecisionJson.parse(d.decision())).toList());
    }

    List<Decision> pending() {
        return doc.pending().stream().map(DecisionJson::parse).toList();
    }

    private ModerationState state(ModerationDoc m) {
        Instant at = Instant.parse(m.at());
        return new ModerationState(m.post(), ModerationAction.fromWord(m.action()), at,
                java.time.LocalDateTime.ofInstant(at, zone()));
    }
}
