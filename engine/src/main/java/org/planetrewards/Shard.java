package org.planetrewards;

import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.Qualification;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The members that hash to one slot: their input state, their rule session and the campaigns already
 * decided for them. All methods hold the shard's lock, so facts of different shards run in parallel
 * and facts of one shard one at a time. The input state is kept in insertion order (linked maps), so
 * a session rebuilt from it (reload, restore) sees the facts in the order a replay would.
 */
final class Shard {
    /**
     * Returned (empty) for a fact that changed nothing: a repeated check-in day, a repeated or stale post
     * version. Compared by identity, so the engine can tell it from "applied, and decided nothing".
     */
    static final List<Decision> UNCHANGED = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(0));

    private final Map<String, PostVersion> posts = new LinkedHashMap<>();
    private final Map<String, ModerationState> moderations = new LinkedHashMap<>();
    private final Set<CheckInDay> checkIns = new LinkedHashSet<>();
    private final Set<String> members = new LinkedHashSet<>();
    private final Set<Decided> decided = new HashSet<>();
    /** Decisions made since this shard started, per member, for progress and explanations. */
    private final Map<String, List<Decision>> decisionsByMember = new java.util.HashMap<>();
    private RuleSession session;
    private Decider decider;
    private CompiledRules rules;
    private Settings settings;
    /** The lateness horizon's keep-from day this shard last evicted to, or null. */
    private java.time.LocalDate evictedBefore;

    Shard(CompiledRules rules, Settings settings) {
        this.rules = rules;
        this.settings = settings;
        this.session = new RuleSession(rules, settings);
        this.decider = new Decider(settings);
    }

    synchronized List<Decision> checkIn(CheckInDay day, OffsetDateTime stamp) {
        if (checkIns.contains(day)) {
            return UNCHANGED; // check-ins are a set
        }
        boolean newMember = members.add(day.member());
        checkIns.add(day);
        return guarded(() -> {
            checkIns.remove(day);
            if (newMember) {
                members.remove(day.member());
            }
        }, () -> {
            if (newMember) {
                session.addMember(day.member());
            }
            session.addCheckIn(day);
            return decide(stamp);
        });
    }

    /** @param waiting a moderation that arrived before the post, or null */
    synchronized List<Decision> post(PostVersion version, ModerationState waiting, OffsetDateTime stamp) {
        PostVersion known = posts.get(version.id());
        if (known != null && !version.stamp().isAfter(known.stamp())) {
            return UNCHANGED; // a repeat or a stale version: the newest version wins whatever the order
        }
        boolean newMember = members.add(version.member());
        posts.put(version.id(), version);
        ModerationState previousModeration = waiting == null ? null : moderations.put(waiting.postId(), waiting);
        return guarded(() -> {
            restore(posts, version.id(), known);
            if (waiting != null) {
                restore(moderations, waiting.postId(), previousModeration);
            }
            if (newMember) {
                members.remove(version.member());
            }
        }, () -> {
            if (newMember) {
                session.addMember(version.member());
            }
            if (waiting != null) {
                session.putModeration(waiting);
            }
            session.putPost(version);
            return decide(stamp);
        });
    }

    synchronized List<Decision> moderation(ModerationState state, OffsetDateTime stamp) {
        ModerationState previous = moderations.put(state.postId(), state);
        return guarded(() -> restore(moderations, state.postId(), previous), () -> {
            session.putModeration(state);
            return decide(stamp);
        });
    }

    /**
     * Runs a change to the session; when a rule fails on it, undoes the input state and rebuilds the
     * session from it, so the failed fact leaves nothing behind and the members of this shard carry on.
     */
    private List<Decision> guarded(Runnable undo, java.util.function.Supplier<List<Decision>> change) {
        try {
            return change.get();
        } catch (RuleFailureException e) {
            undo.run();
            RuleSession fresh = new RuleSession(rules, settings);
            try {
                load(fresh);
                fresh.fire();
            } catch (RuntimeException again) {
                fresh.close();
                e.addSuppressed(again);
                throw e;
            }
            session.close();
            session = fresh;
            throw e;
        }
    }

    private static <V> void restore(Map<String, V> map, String key, V previous) {
        if (previous == null) {
            map.remove(key);
        } else {
            map.put(key, previous);
        }
    }

    private List<Decision> decide(OffsetDateTime stamp) {
        return remember(decider.decide(session.fire(), stamp, decided));
    }

    private List<Decision> remember(List<Decision> made) {
        for (Decision d : made) {
            decisionsByMember.computeIfAbsent(d.member(), m -> new java.util.ArrayList<>(2)).add(d);
        }
        return made;
    }

    /**
     * Builds a session for new rules and settings from this shard's input state, without touching the
     * running one. Campaigns already decided stay decided.
     */
    synchronized Rebuilt rebuild(CompiledRules rules, Settings settings) {
        RuleSession fresh = new RuleSession(rules, settings);
        try {
            load(fresh);
            return new Rebuilt(fresh, new Decider(settings), fresh.fire());
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    /** A rebuilt session, ready to replace the running one. */
    record Rebuilt(RuleSession session, Decider decider, List<Qualification> qualifications) {
    }

    /**
     * Switches to a rebuilt session; the old one is closed.
     *
     * @return the decisions the new rules make at once (members who already meet a changed condition)
     */
    synchronized List<Decision> swap(Rebuilt rebuilt, CompiledRules newRules, Settings newSettings, OffsetDateTime stamp) {
        RuleSession old = session;
        session = rebuilt.session();
        decider = rebuilt.decider();
        rules = newRules;
        settings = newSettings;
        old.close();
        return stamp == null ? List.of() : remember(decider.decide(rebuilt.qualifications(), stamp, decided));
    }

    private void load(RuleSession target) {
        members.forEach(target::addMember);
        moderations.values().forEach(target::putModeration);
        checkIns.forEach(target::addCheckIn);
        posts.values().forEach(target::putPost);
    }

    /**
     * Takes out of working memory and of this shard's state the check-in days and posts (with their
     * moderations) of days before {@code keepFrom}: the lateness horizon has passed them, so no fact
     * accepted from now on can change them or combine with them. Decides nothing: taking days away
     * cannot make a condition hold that did not.
     */
    synchronized void evictBefore(java.time.LocalDate keepFrom) {
        if (keepFrom == null || (evictedBefore != null && !keepFrom.isAfter(evictedBefore))) {
            return;
        }
        evictedBefore = keepFrom;
        List<PostVersion> gone = new java.util.ArrayList<>();
        for (var it = posts.values().iterator(); it.hasNext(); ) {
            PostVersion p = it.next();
            if (p.day().isBefore(keepFrom)) {
                it.remove();
                moderations.remove(p.id());
                gone.add(p);
            }
        }
        List<CheckInDay> oldDays = new java.util.ArrayList<>();
        for (var it = checkIns.iterator(); it.hasNext(); ) {
            CheckInDay c = it.next();
            if (c.day().isBefore(keepFrom)) {
                it.remove();
                oldDays.add(c);
            }
        }
        if (gone.isEmpty() && oldDays.isEmpty()) {
            return;
        }
        gone.forEach(p -> session.removePost(p.id()));
        oldDays.forEach(session::removeCheckIn);
        session.fire(); // what the rules derived from those days goes too; nothing new can qualify
        gone.forEach(p -> session.index().forgetPost(p.id(), p.member()));
    }

    synchronized ShardState state() {
        return new ShardState(List.copyOf(members), List.copyOf(checkIns), List.copyOf(posts.values()),
                List.copyOf(moderations.values()), decided.stream().sorted(java.util.Comparator.comparing(Decided::member).thenComparing(Decided::campaign)).toList());
    }

    /**
     * Loads a saved state into this (new, empty) shard; nothing is decided again.
     *
     * @return decisions for members who meet a condition not decided yet (when the rules changed), stamped {@code stamp}
     */
    synchronized List<Decision> restore(ShardState state, OffsetDateTime stamp) {
        members.addAll(state.members());
        checkIns.addAll(state.checkIns());
        state.posts().forEach(p -> posts.put(p.id(), p));
        state.moderations().forEach(m -> moderations.put(m.postId(), m));
        decided.addAll(state.decided());
        load(session);
        List<Qualification> qualifications = session.fire();
        return stamp == null ? List.of() : remember(decider.decide(qualifications, stamp, decided));
    }

    synchronized <T> T read(java.util.function.Function<RuleSession, T> query) {
        return query.apply(session);
    }

    /** Every member of this shard. */
    synchronized List<String> members() {
        return List.copyOf(members);
    }

    /** One member's facts as the rules left them, with the campaigns decided for them. */
    synchronized MemberFacts member(String member) {
        Set<String> decidedIds = new LinkedHashSet<>();
        for (org.planetrewards.model.Campaign c : settings.campaigns()) {
            if (decided.contains(new Decided(member, c.id()))) {
                decidedIds.add(c.id());
            }
        }
        return new MemberFacts(member, settings, session.index().derived(member), Set.copyOf(decidedIds),
                List.copyOf(decisionsByMember.getOrDefault(member, List.of())));
    }

    synchronized void close() {
        session.close();
    }

    /** A shard's input state and decided campaigns: everything needed to rebuild it. */
    record ShardState(List<String> members, List<CheckInDay> checkIns, List<PostVersion> posts,
                      List<ModerationState> moderations, List<Decided> decided) {
    }

    /** A campaign decided for a member. */
    record Decided(String member, String campaign) {
    }
}
