package org.planetrewards;

import org.planetrewards.model.AsOf;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.CountedDay;
import org.planetrewards.model.CountedDays;
import org.planetrewards.model.HighQualityPost;
import org.planetrewards.model.Member;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostTag;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.Progress;
import org.planetrewards.model.Qualification;
import org.planetrewards.model.QualityProblem;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The members that hash to one slot: their facts, kept in compact form by member and day, the campaigns
 * decided for them, and one {@link RuleSession} that evaluates the rules on them.
 *
 * <p>The rules are evaluated in two steps, each over a few facts put into working memory and taken out
 * again ({@link RuleSession#evaluate}):
 * <ol>
 *   <li><b>one member-day</b>: when a fact changes a day of a member, that day's check-in, posts and
 *       their moderations go in. The tag, quality and counted-day rules and campaign rules over single posts
 *       judge them. What the rules derive about the day itself — a {@code CountedDay}, or a fact type a
 *       pack declares — is kept with the day; facts about single posts ({@code PostTag},
 *       {@code QualityProblem}, {@code HighQualityPost}) are not (explanations derive them again).</li>
 *   <li><b>one member</b>: when what was kept about any of the member's days changed, a {@code Member}
 *       fact, the member's counted days gathered into one {@code CountedDays} fact and everything else
 *       kept about the member's days go in: the campaign rules over days judge them.</li>
 * </ol>
 * Only what some rule looks at goes in or is kept ({@link CompiledRules#matches}).
 * Qualifications of both steps become decisions. A member decided for every campaign is not evaluated
 * any more (nothing new can be decided for them) until new rules or settings are loaded.
 *
 * <p>All methods hold the shard's lock, so facts of different shards run in parallel and facts of one
 * shard one at a time.
 */
final class Shard {
    /**
     * Returned (empty) for a fact that changed nothing: a repeated check-in day, a repeated or stale post
     * version. Compared by identity, so the engine can tell it from "applied, and decided nothing".
     */
    static final List<Decision> UNCHANGED = Collections.unmodifiableList(new ArrayList<>(0));

    /** What rules derive about a single post: it explains a verdict, and rules over days never need it. */
    private static final Set<Class<?>> POST_FACTS = Set.of(PostTag.class, QualityProblem.class, HighQualityPost.class);

    private final Map<String, MemberState> members = new LinkedHashMap<>();
    private final Map<String, ModerationState> moderations = new HashMap<>();
    private final Set<Decided> decided = new HashSet<>();
    /** Decisions made since this shard started, per member, for progress and explanations. */
    private final Map<String, List<Decision>> decisionsByMember = new HashMap<>();
    /** Volatile for the {@link Watchdog}, which reads it from its own thread. */
    private volatile RuleSession session;
    private Decider decider;
    private CompiledRules rules;
    private Settings settings;
    /** The lateness horizon's keep-from day this shard last evicted to, or null. */
    private LocalDate evictedBefore;

    private static final Day[] NO_DAYS = new Day[0];

    /**
     * A member's days, in date order. There is one per member id for the whole engine: the intake hands
     * it out with the shared copy of the id, on the thread that reads the facts, so a shard reaches a
     * member's days without looking the member up (at 100,000 members that look-up was an eighth of
     * the shards' time, in cache misses). Only the member's shard, under its lock, reads or changes it.
     */
    static final class MemberState {
        final String id;
        /** In this member's shard's {@link #members}: false until its first fact is applied. */
        private boolean registered;
        /**
         * Sorted by date, the first {@link #size} entries. An array, not a TreeMap or an ArrayList: a
         * member has tens of days, facts mostly arrive for the last one, a tree entry cost more than the
         * day it held, and at 100,000 members each object between the member and its newest day is a
         * cache miss on every fact (the search was 7% of the shards' time with a list).
         */
        private Day[] days = NO_DAYS;
        private int size;
        /** Decided for every campaign of the current settings: nothing new can be decided, so nothing is evaluated. */
        boolean done;
        /**
         * The days of the kept {@code CountedDay} facts of all days, sorted, one entry per fact: the member
         * step reads them here instead of visiting every day (each visit a cache miss at 100,000 members).
         */
        final List<LocalDate> counted = new ArrayList<>(0);
        /** How many kept facts of all days are not {@code CountedDay}. */
        int others;

        /** Keeps the day's kept facts in step with {@link #counted} and {@link #others}. */
        void carry(Day d, List<Object> now) {
            count(d, -1);
            d.keep(id, now);
            count(d, +1);
        }

        /** Counts every day's kept facts again (after many changed at once). */
        void recount() {
            counted.clear();
            others = 0;
            days().forEach(d -> count(d, +1));
        }

        private void count(Day d, int sign) {
            if (d.kept == Day.COUNTED) {
                countDay(d.date, sign);
                return;
            }
            for (Object o : d.keptFacts()) {
                if (o instanceof CountedDay c) {
                    countDay(c.day(), sign);
                } else {
                    others += sign;
                }
            }
        }

        private void countDay(LocalDate day, int sign) {
            int i = java.util.Collections.binarySearch(counted, day);
            if (sign > 0) {
                counted.add(i >= 0 ? i : -i - 1, day);
            } else if (i >= 0) {
                counted.remove(i);
            }
        }

        MemberState(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }

        /** The member's days in date order (a view: not to be kept across changes). */
        List<Day> days() {
            return java.util.Arrays.asList(days).subList(0, size);
        }

        /** The day's entry, made if missing. */
        Day day(LocalDate date) {
            int i = find(date);
            if (i >= 0) {
                return days[i];
            }
            i = -i - 1;
            if (size == days.length) {
                days = java.util.Arrays.copyOf(days, Math.max(4, size + (size >> 1)));
            }
            System.arraycopy(days, i, days, i + 1, size - i);
            Day d = new Day(date);
            days[i] = d;
            size++;
            return d;
        }

        /** The day's entry, or null. */
        Day get(LocalDate date) {
            int i = find(date);
            return i >= 0 ? days[i] : null;
        }

        void remove(LocalDate date) {
            int i = find(date);
            if (i >= 0) {
                System.arraycopy(days, i + 1, days, i, size - i - 1);
                days[--size] = null;
            }
        }

        /** Removes and returns the days before {@code date}. */
        List<Day> removeBefore(LocalDate date) {
            int i = find(date);
            int n = i >= 0 ? i : -i - 1;
            if (n == 0) {
                return List.of();
            }
            List<Day> gone = List.of(java.util.Arrays.copyOf(days, n));
            System.arraycopy(days, n, days, 0, size - n);
            java.util.Arrays.fill(days, size - n, size, null);
            size -= n;
            return gone;
        }

        /** Binary search from the end's side (most facts are about the newest day): the index, or -(insertion point) - 1. */
        private int find(LocalDate date) {
            int last = size - 1;
            if (last < 0) {
                return -1;
            }
            int newest = days[last].date.compareTo(date);
            if (newest <= 0) {
                return newest == 0 ? last : -size - 1;
            }
            int lo = 0;
            int hi = last - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = days[mid].date.compareTo(date);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -lo - 1;
        }
    }

    /** One member-day: its facts and what the rules derived about the day the last time they saw it. */
    private static final class Day {
        final LocalDate date;
        boolean checkedIn;
        /**
         * Current versions of the day's posts, in order of arrival: null, one {@link PostVersion}, or an
         * {@code ArrayList} of two or more. Most days have one post, and a list for it was two of the
         * objects that every young collection copied once per day kept (the heap histogram at 100,000 members).
         */
        private Object posts;
        /**
         * What the rules last derived about the day and some rule looks at: a list of facts, or
         * {@link #COUNTED} for the usual one, the member's {@code CountedDay} of this very day. A counted
         * day is then no object at all, where a fact and a list for it were two of every eight objects
         * the engine retained at 100,000 members (each copied by young collections, each a cache miss).
         */
        private Object kept = List.of();
        /**
         * Some post of the day may have a moderation (set when one is stored, kept when a post moves to
         * another day). Most days have none, and looking each post up in the shard's moderations was a
         * cache miss per post evaluated.
         */
        boolean moderated;

        /** {@link #kept}: exactly one fact, {@code CountedDay(member, date)} of this day's member and date. */
        static final Object COUNTED = new Object();

        Day(LocalDate date) {
            this.date = date;
        }

        /** The kept facts, {@code member} being the day's member. */
        List<Object> carried(String member) {
            return kept == COUNTED ? List.of(new CountedDay(member, date)) : keptFacts();
        }

        @SuppressWarnings("unchecked")
        private List<Object> keptFacts() {
            return (List<Object>) kept;
        }

        void keep(String member, List<Object> facts) {
            kept = isOwnCountedDay(member, facts) ? COUNTED : facts;
        }

        /** Whether the day keeps exactly {@code facts} already. */
        boolean keeps(String member, List<Object> facts) {
            return kept == COUNTED ? isOwnCountedDay(member, facts) : kept.equals(facts);
        }

        private boolean isOwnCountedDay(String member, List<Object> facts) {
            return facts.size() == 1 && facts.get(0) instanceof CountedDay c && c.day().equals(date) && c.member().equals(member);
        }

        boolean isEmpty() {
            return !checkedIn && posts == null;
        }

        @SuppressWarnings("unchecked")
        List<PostVersion> posts() {
            if (posts == null) {
                return List.of();
            }
            return posts instanceof PostVersion p ? List.of(p) : (List<PostVersion>) posts;
        }

        @SuppressWarnings("unchecked")
        void addPost(PostVersion p) {
            if (posts == null) {
                posts = p;
            } else if (posts instanceof PostVersion first) {
                List<PostVersion> two = new ArrayList<>(2);
                two.add(first);
                two.add(p);
                posts = two;
            } else {
                ((List<PostVersion>) posts).add(p);
            }
        }

        @SuppressWarnings("unchecked")
        void removePost(String id) {
            if (posts instanceof PostVersion p) {
                if (p.id().equals(id)) {
                    posts = null;
                }
            } else if (posts != null) {
                List<PostVersion> list = (List<PostVersion>) posts;
                list.removeIf(p -> p.id().equals(id));
                posts = list.size() == 1 ? list.get(0) : list.isEmpty() ? null : list;
            }
        }

        /** The current version of the post with this id, or null. */
        PostVersion post(String id) {
            if (posts instanceof PostVersion p) {
                return p.id().equals(id) ? p : null;
            }
            for (PostVersion p : posts()) {
                if (p.id().equals(id)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** Every member's one state (the engine's intake hands them out). */
    private final java.util.function.Function<String, MemberState> states;

    Shard(CompiledRules rules, Settings settings) {
        this(rules, settings, MemberState::new);
    }

    Shard(CompiledRules rules, Settings settings, java.util.function.Function<String, MemberState> states) {
        this.states = states;
        this.rules = rules;
        this.settings = settings;
        this.session = new RuleSession(rules, settings);
        this.decider = new Decider(settings);
    }

    synchronized List<Decision> checkIn(CheckInDay day, OffsetDateTime stamp) {
        return checkIn(state(day.member()), day, stamp);
    }

    /** A check-in of the member {@code m}, as the intake resolved it. */
    synchronized List<Decision> checkIn(MemberState m, CheckInDay day, OffsetDateTime stamp) {
        boolean known = m.registered;
        Day d = m.day(day.day());
        if (d.checkedIn) {
            return UNCHANGED; // check-ins are a set
        }
        register(m, known);
        d.checkedIn = true;
        return guarded(() -> {
            d.checkedIn = false;
            prune(m, day.day());
            unregister(m, known);
        }, () -> settle(m, List.of(day.day()), !known, stamp));
    }

    synchronized List<Decision> post(PostVersion version, ModerationState waiting, LocalDate previousDay, OffsetDateTime stamp) {
        return post(state(version.member()), version, waiting, previousDay, stamp);
    }

    /**
     * A new post, or a newer version of one (the router has refused repeats and older versions).
     *
     * @param m           the post's member, as the intake resolved it
     * @param waiting     a moderation that arrived before the post, or null
     * @param previousDay the day of the version this one replaces, or null for a new post
     */
    synchronized List<Decision> post(MemberState m, PostVersion version, ModerationState waiting, LocalDate previousDay,
                                     OffsetDateTime stamp) {
        boolean known = m.registered;
        register(m, known);
        Day previousEntry = previousDay == null ? null : m.get(previousDay);
        PostVersion previous = previousEntry == null ? null : previousEntry.post(version.id());
        ModerationState previousModeration = waiting == null ? null : moderations.put(waiting.postId(), waiting);
        List<LocalDate> days = new ArrayList<>(2);
        if (previous != null) {
            previousEntry.removePost(previous.id());
            days.add(previous.day());
        }
        Day target = m.day(version.day());
        target.addPost(version);
        if (waiting != null || previousEntry != null && previousEntry.moderated) {
            target.moderated = true;
        }
        if (!days.contains(version.day())) {
            days.add(version.day());
        }
        return guarded(() -> {
            m.day(version.day()).removePost(version.id());
            prune(m, version.day());
            if (previous != null) {
                Day back = m.day(previous.day());
                back.addPost(previous);
                back.moderated |= previousEntry.moderated;
            }
            if (waiting != null) {
                restore(moderations, waiting.postId(), previousModeration);
            }
            unregister(m, known);
        }, () -> settle(m, days, !known, stamp));
    }

    /** The member's state: the one this shard holds, else the engine's one for the id. */
    private MemberState state(String member) {
        MemberState m = members.get(member);
        return m != null ? m : states.apply(member);
    }

    /** Adds a member at its first fact; not again after (a store into an old map is work for the GC). */
    private void register(MemberState m, boolean known) {
        if (!known) {
            members.put(m.id, m);
            m.registered = true;
        }
    }

    /** Undoes {@link #register} after the member's first fact failed. */
    private void unregister(MemberState m, boolean known) {
        if (!known) {
            members.remove(m.id);
            m.registered = false;
        }
    }

    /**
     * @param member the post's owner
     * @param day    the day of the post's current version
     */
    synchronized List<Decision> moderation(ModerationState state, String member, LocalDate day, OffsetDateTime stamp) {
        ModerationState previous = moderations.put(state.postId(), state);
        MemberState m = members.get(member);
        Day d = m == null || day == null ? null : m.get(day);
        if (d == null || d.post(state.postId()) == null) {
            return List.of(); // its post left with the lateness horizon: nothing can change
        }
        d.moderated = true;
        return guarded(() -> restore(moderations, state.postId(), previous),
                () -> settle(m, List.of(day), false, stamp));
    }

    /**
     * Runs a change through the rules; when a rule fails on it, undoes the change to the facts and
     * starts a new session, so the failed fact leaves nothing behind and the members of this shard
     * carry on (the session holds nothing between evaluations, so nothing is lost with it).
     */
    private List<Decision> guarded(Runnable undo, Supplier<List<Decision>> change) {
        try {
            return session.budgeted(change); // one budget for the fact: its day step and its member step together
        } catch (RuleFailureException e) {
            undo.run();
            renewSession();
            throw e;
        }
    }

    // ---- Runaway rules: a shard whose session the watchdog gave up on ----

    /**
     * In front of the shard's monitor for facts and reads from the engine: a thread left spinning in a
     * consequence holds the monitor for good, and waiting here (unlike on the monitor) ends when the
     * watchdog gives the shard up.
     */
    private final java.util.concurrent.locks.ReentrantLock gate = new java.util.concurrent.locks.ReentrantLock();
    /** Why the shard was given up, or null while it works. */
    private volatile RuleFailureException givenUp;
    /** The fact under way, for the watchdog's message; null between facts. */
    private volatile Fact underway;

    /**
     * Runs {@code work} (a fact's change, or a read) holding the shard.
     *
     * @throws RuleFailureException when the shard was given up (before or while waiting for it)
     */
    <T> T exclusive(Fact fact, Supplier<T> work) {
        try {
            while (!gate.tryLock(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                requireUsable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a shard", e);
        }
        try {
            requireUsable();
            underway = fact;
            return work.get();
        } finally {
            underway = null;
            // Only the thread the shard was given up to gets here with it given up: it came back after all,
            // the fact was undone on the way out (guarded) and the session renewed, so the shard works again.
            givenUp = null;
            gate.unlock();
        }
    }

    /** @throws RuleFailureException saying plainly that the engine must be rebuilt, once the shard was given up */
    void requireUsable() {
        RuleFailureException e = givenUp;
        if (e != null) {
            throw new RuleFailureException(e.rule(), "the engine must be rebuilt (build a new one, resuming from a"
                    + " snapshot taken before the failure): a shard is held by a thread that cannot be stopped, since "
                    + e.getMessage(), null);
        }
    }

    /** Whether the watchdog gave this shard up. */
    boolean givenUp() {
        return givenUp != null;
    }

    /** Why the watchdog gave this shard up (the rule and the fact under way), or null. */
    RuleFailureException givenUpBy() {
        return givenUp;
    }

    /**
     * The watchdog's look at the fact under way: a consequence past its deadline is interrupted, and one
     * past the deadline plus {@code graceNanos} is given up, and the shard with it.
     */
    void watch(long now, long graceNanos) {
        RuleFailureException e = session.overdue(now, graceNanos);
        if (e != null && givenUp == null) {
            Fact f = underway;
            givenUp = f == null ? e : e.on(f);
        }
    }

    private void renewSession() {
        RuleSession fresh = new RuleSession(rules, settings); // first: if this fails, the shard keeps a session
        session.close();
        session = fresh;
    }

    private static <V> void restore(Map<String, V> map, String key, V previous) {
        if (previous == null) {
            map.remove(key);
        } else {
            map.put(key, previous);
        }
    }

    private static void prune(MemberState m, LocalDate date) {
        Day d = m.get(date);
        if (d != null && d.isEmpty()) {
            m.remove(date);
        }
    }

    /**
     * Evaluates the changed days of a member and, if what they carry changed (or the member is new),
     * the member; then decides. When a rule fails, what the days keep is put back as it was.
     */
    private List<Decision> settle(MemberState m, List<LocalDate> changed, boolean newMember, OffsetDateTime stamp) {
        if (m.done) {
            changed.forEach(date -> prune(m, date));
            return List.of();
        }
        List<Qualification> qualifications = new ArrayList<>();
        List<Day> days = null; // the days whose kept facts changed, and what they kept before: most facts change none
        List<List<Object>> before = null;
        boolean memberChanged = newMember;
        try {
            for (LocalDate date : changed) {
                Day d = m.get(date);
                if (d == null) {
                    continue;
                }
                List<Object> now = d.isEmpty() ? List.of() : split(session.evaluate(inputs(m, d)), qualifications, rules);
                if (d.keeps(m.id, now)) {
                    continue; // the day keeps the list it has: old objects are left as they are, which GC likes
                }
                memberChanged = true;
                if (days == null) {
                    days = new ArrayList<>(changed.size());
                    before = new ArrayList<>(changed.size());
                }
                days.add(d);
                before.add(d.carried(m.id));
                m.carry(d, now);
            }
            if (memberChanged) {
                qualifications.addAll(evaluateMember(session, rules, m, null));
            }
        } catch (RuntimeException | Error e) { // the days' kept facts go back, whatever failed
            for (int i = 0; days != null && i < days.size(); i++) {
                m.carry(days.get(i), before.get(i));
            }
            throw e;
        }
        changed.forEach(date -> prune(m, date));
        if (!session.atRest()) {
            renewSession();
        }
        return remember(decider.decide(qualifications, stamp, decided));
    }

    /**
     * The member step: a {@link Member}, the member's counted days gathered into {@link CountedDays},
     * and what was kept about each day — each only if some rule looks at it.
     *
     * @param pending what each day keeps, when it is not yet in the days (a rebuild); null: the days' own
     */
    private static List<Qualification> evaluateMember(RuleSession on, CompiledRules rules, MemberState m,
                                                      Map<Day, List<Object>> pending) {
        List<Object> in = new ArrayList<>();
        if (rules.matches(Member.class)) {
            in.add(new Member(m.id));
        }
        boolean gather = rules.matches(CountedDays.class);
        List<LocalDate> counted = new ArrayList<>();
        if (pending == null && m.others == 0 && !rules.matches(CountedDay.class)) {
            for (LocalDate day : m.counted) { // only counted days are kept, and none goes in by itself
                if (counted.isEmpty() || !counted.get(counted.size() - 1).equals(day)) {
                    counted.add(day);
                }
            }
        } else {
            java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>();
            for (Day d : m.days()) {
                List<Object> kept = pending == null ? null : pending.get(d);
                for (Object o : kept != null ? kept : d.carried(m.id)) {
                    if (o instanceof CountedDay c) {
                        days.add(c.day());
                    }
                    if (rules.matches(o.getClass())) {
                        in.add(o);
                    }
                }
            }
            counted.addAll(days);
        }
        if (gather) {
            in.add(new CountedDays(m.id, counted));
        }
        if (in.isEmpty()) {
            return List.of();
        }
        List<Qualification> out = new ArrayList<>(2);
        for (Object o : on.evaluate(in)) {
            if (o instanceof Qualification q) {
                out.add(q);
            }
        }
        return out;
    }

    /** A day's facts in the order they go into working memory. */
    private List<Object> inputs(MemberState m, Day d) {
        List<PostVersion> posts = d.posts();
        List<Object> in = new ArrayList<>(1 + 2 * posts.size());
        if (d.checkedIn) {
            in.add(new CheckInDay(m.id, d.date));
        }
        for (PostVersion p : posts) {
            ModerationState moderation = d.moderated ? moderations.get(p.id()) : null;
            if (moderation != null) {
                in.add(moderation);
            }
            in.add(p);
        }
        return in;
    }

    /**
     * Sorts a day's derived facts: qualifications to decide on, and what to keep for the member step —
     * facts about the day that some rule looks at, and counted days when campaign rules read them
     * gathered ({@link CountedDays}). Facts about single posts are not kept.
     */
    private static List<Object> split(List<Object> derived, List<Qualification> qualifications, CompiledRules rules) {
        List<Object> carried = null;
        for (Object o : derived) {
            if (o instanceof Qualification q) {
                qualifications.add(q);
            } else if (!POST_FACTS.contains(o.getClass())
                    && (rules.matches(o.getClass()) || o instanceof CountedDay && rules.matches(CountedDays.class))) {
                if (carried == null) {
                    carried = new ArrayList<>(1);
                }
                carried.add(o);
            }
        }
        // One kept fact (a counted day) is the common case: an immutable one-element list is one object, not two.
        return carried == null ? List.of() : carried.size() == 1 ? List.of(carried.get(0)) : carried;
    }

    private boolean fullyDecided(String member, Settings under) {
        for (Campaign c : under.campaigns()) {
            if (!decided.contains(new Decided(member, c.id()))) {
                return false;
            }
        }
        return true;
    }

    private List<Decision> remember(List<Decision> made) {
        for (Decision d : made) {
            decisionsByMember.computeIfAbsent(d.member(), k -> new ArrayList<>(2)).add(d);
            MemberState m = members.get(d.member());
            if (m != null) {
                m.done = fullyDecided(m.id, settings);
            }
        }
        return made;
    }

    /**
     * Evaluates every member not yet decided for every campaign under new rules and settings, without
     * touching the running state. Campaigns already decided stay decided.
     */
    synchronized Rebuilt rebuild(CompiledRules newRules, Settings newSettings) {
        RuleSession fresh = new RuleSession(newRules, newSettings);
        try {
            Map<Day, List<Object>> carried = new IdentityHashMap<>();
            List<Qualification> qualifications = new ArrayList<>();
            for (MemberState m : members.values()) {
                if (fullyDecided(m.id, newSettings)) {
                    continue;
                }
                for (Day d : m.days()) {
                    carried.put(d, split(fresh.evaluate(inputs(m, d)), qualifications, newRules));
                }
                qualifications.addAll(evaluateMember(fresh, newRules, m, carried));
                if (!fresh.atRest()) {
                    fresh.close();
                    fresh = new RuleSession(newRules, newSettings);
                }
            }
            return new Rebuilt(fresh, new Decider(newSettings), qualifications, carried);
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    /** The result of {@link #rebuild}, ready to replace the running state. */
    record Rebuilt(RuleSession session, Decider decider, List<Qualification> qualifications, Map<Day, List<Object>> carried) {
    }

    /**
     * Switches to a rebuilt state; the old session is closed.
     *
     * @return the decisions the new rules make at once (members who already meet a changed condition)
     */
    synchronized List<Decision> swap(Rebuilt rebuilt, CompiledRules newRules, Settings newSettings, OffsetDateTime stamp) {
        RuleSession old = session;
        session = rebuilt.session();
        decider = rebuilt.decider();
        rules = newRules;
        settings = newSettings;
        for (MemberState m : members.values()) {
            for (Day d : m.days()) {
                List<Object> now = rebuilt.carried().get(d);
                if (now != null) {
                    d.keep(m.id, now);
                }
            }
            m.recount();
            m.done = fullyDecided(m.id, newSettings);
        }
        old.close();
        return stamp == null ? List.of() : remember(decider.decide(rebuilt.qualifications(), stamp, decided));
    }

    /**
     * Forgets the check-in days and posts (with their moderations) of days before {@code keepFrom}: the
     * lateness horizon has passed them, so no fact accepted from now on can change them or combine with
     * them. Decides nothing: taking days away cannot make a condition hold that did not.
     */
    void evictBefore(LocalDate keepFrom) {
        if (keepFrom != null) { // without a horizon (the default) not even the lock is taken
            evict(keepFrom);
        }
    }

    private synchronized void evict(LocalDate keepFrom) {
        if (evictedBefore != null && !keepFrom.isAfter(evictedBefore)) {
            return;
        }
        evictedBefore = keepFrom;
        for (MemberState m : members.values()) {
            List<Day> gone = m.removeBefore(keepFrom);
            for (Day d : gone) {
                for (PostVersion p : d.posts()) {
                    moderations.remove(p.id());
                }
            }
            if (!gone.isEmpty()) {
                m.recount();
            }
        }
    }

    synchronized ShardState state() {
        List<CheckInDay> checkIns = new ArrayList<>();
        List<PostVersion> allPosts = new ArrayList<>();
        List<ModerationState> allModerations = new ArrayList<>();
        for (MemberState m : members.values()) {
            for (Day d : m.days()) {
                if (d.checkedIn) {
                    checkIns.add(new CheckInDay(m.id, d.date));
                }
                for (PostVersion p : d.posts()) {
                    allPosts.add(p);
                    ModerationState mod = moderations.get(p.id());
                    if (mod != null) {
                        allModerations.add(mod);
                    }
                }
            }
        }
        return new ShardState(List.copyOf(members.keySet()), checkIns, allPosts, allModerations,
                decided.stream().sorted(java.util.Comparator.comparing(Decided::member).thenComparing(Decided::campaign)).toList());
    }

    /**
     * Loads a saved state into this (new, empty) shard; nothing is decided again.
     *
     * @return decisions for members who meet a condition not decided yet (when the rules changed), stamped {@code stamp}
     */
    synchronized List<Decision> restore(ShardState state, OffsetDateTime stamp) {
        state.members().forEach(this::restored);
        for (CheckInDay c : state.checkIns()) {
            restored(c.member()).day(c.day()).checkedIn = true;
        }
        state.moderations().forEach(m -> moderations.put(m.postId(), m));
        for (PostVersion p : state.posts()) {
            Day d = restored(p.member()).day(p.day());
            d.addPost(p);
            d.moderated |= moderations.containsKey(p.id());
        }
        decided.addAll(state.decided());
        return swap(rebuild(rules, settings), rules, settings, stamp);
    }

    /** The member's state for a restore: the engine's one, registered here. */
    private MemberState restored(String member) {
        MemberState m = state(member);
        register(m, m.registered);
        return m;
    }

    /** Every member of this shard. */
    synchronized List<String> members() {
        return List.copyOf(members.keySet());
    }

    /** The latest day any member of this shard has a check-in or a post on, or null. */
    synchronized LocalDate newestDay() {
        LocalDate newest = null;
        for (MemberState m : members.values()) {
            if (m.size > 0 && (newest == null || m.days[m.size - 1].date.isAfter(newest))) {
                newest = m.days[m.size - 1].date;
            }
        }
        return newest;
    }

    /**
     * One member's facts and what the rules derive from them now, with the campaigns decided for them and
     * the progress the campaign rules derive as of the member's latest day ({@link AsOf}): the two steps
     * of an evaluation, run once more on request with an {@code AsOf} fact in both, which the engine never
     * inserts while applying facts (progress rules cost nothing on the way to a decision).
     */
    synchronized MemberFacts member(String member) {
        return member(member, null);
    }

    /**
     * {@link #member(String)} as of day {@code at}: only the member's days up to it, progress measured on it
     * (rankings compare every member on one day); as of the member's latest day when {@code at} is null.
     */
    synchronized MemberFacts member(String member, LocalDate at) {
        Set<String> decidedIds = new LinkedHashSet<>();
        for (Campaign c : settings.campaigns()) {
            if (decided.contains(new Decided(member, c.id()))) {
                decidedIds.add(c.id());
            }
        }
        MemberState m = members.get(member);
        MemberFacts.Derived derived;
        List<Progress> progress = new ArrayList<>();
        LocalDate asOf = null;
        List<Day> days = m == null ? List.of() : at == null ? m.days() : m.days().stream().filter(d -> !d.date.isAfter(at)).toList();
        if (days.isEmpty()) {
            derived = new MemberFacts.Derived(List.of(), List.of(), List.of());
        } else {
            // Days are dropped when they hold nothing: the newest holds a check-in or a post.
            asOf = at != null ? at : days.get(days.size() - 1).date;
            AsOf day = new AsOf(member, asOf);
            List<Object> in = new ArrayList<>();
            days.forEach(d -> in.addAll(inputs(m, d)));
            List<Object> daysDerived = evaluateQuietly(with(in, day));
            derived = MemberFacts.Derived.of(member, in, daysDerived);
            List<Object> memberIn = new ArrayList<>();
            if (rules.matches(Member.class)) {
                memberIn.add(new Member(member));
            }
            for (Object o : daysDerived) {
                if (!(o instanceof Qualification) && !(o instanceof Progress) && !POST_FACTS.contains(o.getClass())
                        && rules.matches(o.getClass())) {
                    memberIn.add(o);
                }
            }
            if (rules.matches(CountedDays.class)) {
                memberIn.add(new CountedDays(member, derived.counted()));
            }
            Set<Progress> found = new LinkedHashSet<>();
            for (List<Object> derivedIn : List.of(daysDerived, evaluateQuietly(with(memberIn, day)))) {
                for (Object o : derivedIn) {
                    if (o instanceof Progress p && p.member().equals(member)) {
                        found.add(p);
                    }
                }
            }
            progress.addAll(found);
        }
        return new MemberFacts(member, settings, derived, Set.copyOf(decidedIds),
                List.copyOf(decisionsByMember.getOrDefault(member, List.of())), asOf, List.copyOf(progress));
    }

    private static List<Object> with(List<Object> facts, Object more) {
        List<Object> all = new ArrayList<>(facts.size() + 1);
        all.addAll(facts);
        all.add(more);
        return all;
    }

    /**
     * What the rules derive from every member's days at once, for tests that compare it with what
     * one member's view says (the rules over days never join two members or two days).
     */
    synchronized List<Object> derivedFromAllDays() {
        List<Object> in = new ArrayList<>();
        members.values().forEach(m -> m.days().forEach(d -> in.addAll(inputs(m, d))));
        return evaluateQuietly(in);
    }

    private List<Object> evaluateQuietly(List<Object> in) {
        try {
            return session.evaluate(in);
        } catch (RuleFailureException e) {
            renewSession();
            throw e;
        } finally {
            if (!session.atRest()) {
                renewSession();
            }
        }
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
