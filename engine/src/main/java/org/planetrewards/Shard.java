package org.planetrewards;

import org.planetrewards.MemberState.Day;
import org.planetrewards.model.AsOf;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.Progress;
import org.planetrewards.model.Qualification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The members that hash to one slot: the coordinator that holds their lock and calls the parts that do
 * the work. Its parts, each with one job:
 * <ul>
 *   <li>{@link ShardFacts}: the stored facts ({@link MemberState}: days by member), each fact applied with
 *       its undo, and the lateness horizon's eviction;</li>
 *   <li>{@link DayStep}: one member-day through the rules, and what the day keeps for the member step;</li>
 *   <li>{@link MemberStep}: the member through the campaign rules over days;</li>
 *   <li>{@link DecidedCampaigns}: what is decided, and which members are done;</li>
 *   <li>{@link ShardSnapshot}: the shard's state as records, and back;</li>
 *   <li>{@link ShardGate}: the gate in front of the lock, for runaway rules.</li>
 * </ul>
 * A fact is applied to the stored facts, its changed days go through the day step and, when what a day
 * keeps changed (or the member is new), the member through the member step; the qualifications of both
 * become decisions ({@link Decider}). Only what some rule looks at goes in or is kept
 * ({@link CompiledRules#matches}). A member decided for every campaign is not evaluated any more
 * (nothing new can be decided for them) until new rules or settings are loaded.
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

    private final ShardFacts facts;
    private final DecidedCampaigns decided = new DecidedCampaigns();
    private final ShardGate gate = new ShardGate();
    /** Volatile for the {@link Watchdog}, which reads it from its own thread. */
    private volatile RuleSession session;
    private Decider decider;
    private CompiledRules rules;
    private Settings settings;
    private DayStep dayStep;
    private MemberStep memberStep;
    private long batchedFacts;
    /** The batch under way, or null: the watchdog names the fact whose consequence it gives up. */
    private volatile ShardBatch batchUnderway;
    private long abandonedBatches;

    Shard(CompiledRules rules, Settings settings) {
        this(rules, settings, MemberState::new);
    }

    Shard(CompiledRules rules, Settings settings, Function<String, MemberState> states) {
        this.facts = new ShardFacts(states);
        this.rules = rules;
        this.settings = settings;
        this.session = new RuleSession(rules, settings);
        this.decider = new Decider(settings);
        this.dayStep = new DayStep(rules, settings, facts.moderations);
        this.memberStep = new MemberStep(rules);
    }

    synchronized List<Decision> checkIn(CheckInDay day, OffsetDateTime stamp) {
        return checkIn(facts.state(day.member()), day, stamp);
    }

    /** A check-in of the member {@code m}, as the intake resolved it. */
    synchronized List<Decision> checkIn(MemberState m, CheckInDay day, OffsetDateTime stamp) {
        ShardFacts.Change change = facts.checkIn(m, day);
        return change == null ? UNCHANGED : settle(change, stamp);
    }

    synchronized List<Decision> post(PostVersion version, ModerationState waiting, LocalDate previousDay, OffsetDateTime stamp) {
        return post(facts.state(version.member()), version, waiting, previousDay, stamp);
    }

    /** A post's new version, for {@link ShardFacts#post}. */
    synchronized List<Decision> post(MemberState m, PostVersion version, ModerationState waiting, LocalDate previousDay,
                                     OffsetDateTime stamp) {
        return settle(facts.post(m, version, waiting, previousDay, settings.quality().refuseRepeatedText()), stamp);
    }

    /**
     * @param member the post's owner
     * @param day    the day of the post's current version
     */
    synchronized List<Decision> moderation(ModerationState state, String member, LocalDate day, OffsetDateTime stamp) {
        ShardFacts.Change change = facts.moderation(state, member, day);
        return change == null ? List.of() : settle(change, stamp);
    }

    private List<Decision> settle(ShardFacts.Change change, OffsetDateTime stamp) {
        return guarded(change.undo(), () -> settle(change.member(), change.days(), change.newMember(), stamp));
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

    /**
     * Runs consecutive facts of distinct members together ({@link ShardBatch}), under one budget; the
     * caller holds the shard ({@link #exclusive}). Whatever fails in the batch is undone and reported as
     * abandoned: the caller then runs those facts one at a time, which reports any failure as always.
     */
    synchronized ShardBatch.Result batch(List<ShardBatch.Task> tasks) {
        ShardBatch batch = new ShardBatch(facts, decided, dayStep, memberStep, decider, settings);
        ShardBatch.Result result;
        batchUnderway = batch;
        try {
            result = session.budgeted(() -> batch.run(session, tasks));
        } catch (RuntimeException | Error e) {
            batch.undo();
            renewSession(); // after a failure the session's state is unknown
            result = new ShardBatch.Result(List.of(), true);
        } finally {
            batchUnderway = null;
        }
        if (!session.atRest()) {
            renewSession();
        }
        batchedFacts += result.decisions().size();
        abandonedBatches += result.abandoned() ? 1 : 0;
        return result;
    }

    /** Facts this shard ran in batches, and batches it gave up (run one at a time instead): for tests and tuning. */
    synchronized long[] batchCounts() {
        return new long[] {batchedFacts, abandonedBatches};
    }

    /** Whether a replay may batch this shard's facts: the rules allow it ({@link BatchCheck}), or a test forces it. */
    boolean batchable(boolean forced) {
        return forced || rules.batchable().batchable();
    }

    /** Runs {@code work} (a fact's change, or a read) holding the shard ({@link ShardGate#exclusive}). */
    <T> T exclusive(Fact fact, Supplier<T> work) {
        return gate.exclusive(fact, work);
    }

    /** @throws RuleFailureException saying plainly that the engine must be rebuilt, once the shard was given up */
    void requireUsable() {
        gate.requireUsable();
    }

    /** Whether the watchdog gave this shard up. */
    boolean givenUp() {
        return gate.givenUpBy() != null;
    }

    /** Why the watchdog gave this shard up (the rule and the fact under way), or null. */
    RuleFailureException givenUpBy() {
        return gate.givenUpBy();
    }

    /**
     * The watchdog's look at the fact under way: a consequence past its deadline is interrupted, and one
     * past the deadline plus {@code graceNanos} is given up, and the shard with it.
     */
    void watch(long now, long graceNanos) {
        RuleFailureException e = session.overdue(now, graceNanos);
        ShardBatch batch = batchUnderway;
        Fact f = e == null || batch == null ? null : batch.underway(session);
        gate.overdue(f == null ? e : e.on(f));
    }

    private void renewSession() {
        RuleSession fresh = new RuleSession(rules, settings); // first: if this fails, the shard keeps a session
        session.close();
        session = fresh;
    }

    /**
     * Evaluates the changed days of a member and, if what they carry changed (or the member is new),
     * the member; then decides. When a rule fails, what the days keep is put back as it was.
     */
    private List<Decision> settle(MemberState m, List<LocalDate> changed, boolean newMember, OffsetDateTime stamp) {
        if (m.done) {
            prune(m, changed);
            return List.of();
        }
        List<Qualification> qualifications = new ArrayList<>();
        List<Day> days = null; // the days whose kept facts changed, and what they kept before: most facts change none
        List<List<Object>> before = null;
        boolean memberChanged = newMember;
        List<Decision> revoked;
        try {
            for (LocalDate date : changed) {
                Day d = m.get(date);
                if (d == null) {
                    continue;
                }
                List<Object> now = d.isEmpty() ? List.of() : dayStep.evaluate(session, m, d, qualifications);
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
                qualifications.addAll(memberStep.evaluate(session, m, null));
            }
            // A revocable decision is judged on all the member's days: the fact may have removed evidence that no
            // changed day or member step re-derives (a post of a kind decided day by day).
            Fact underway = gate.underway();
            revoked = decided.decided.hasRevocable(m.id) ? decider.revoke(m.id, qualificationsNow(m), stamp,
                    underway == null ? "a fact stamped " + stamp : RuleFailureException.describe(underway), decided.decided) : List.of();
        } catch (RuntimeException | Error e) { // the days' kept facts go back, whatever failed
            for (int i = 0; days != null && i < days.size(); i++) {
                m.carry(days.get(i), before.get(i));
            }
            throw e;
        }
        prune(m, changed);
        if (!session.atRest()) {
            renewSession();
        }
        List<Decision> made = decider.decide(qualifications, stamp, decided.decided);
        if (revoked.isEmpty()) {
            return remember(made);
        }
        List<Decision> both = new ArrayList<>(revoked);
        both.addAll(made);
        return remember(both);
    }

    private static void prune(MemberState m, List<LocalDate> changed) {
        for (int i = 0; i < changed.size(); i++) {
            ShardFacts.prune(m, changed.get(i));
        }
    }

    /** Every qualification the member has now: all their days at once (rules never join two days), then the member step. */
    private List<Qualification> qualificationsNow(MemberState m) {
        List<Object> in = new ArrayList<>();
        m.days().forEach(d -> in.addAll(dayStep.inputs(m, d)));
        List<Qualification> all = new ArrayList<>();
        for (Object o : in.isEmpty() ? List.of() : session.evaluate(in)) {
            if (o instanceof Qualification q) {
                all.add(q);
            }
        }
        all.addAll(memberStep.evaluate(session, m, null));
        return all;
    }

    private List<Decision> remember(List<Decision> made) {
        return decided.remember(made, facts.members, settings);
    }

    /**
     * Evaluates every member not yet decided for every campaign under new rules and settings, without
     * touching the running state. Campaigns already decided stay decided.
     */
    synchronized Rebuilt rebuild(CompiledRules newRules, Settings newSettings) {
        RuleSession fresh = new RuleSession(newRules, newSettings);
        DayStep newDayStep = new DayStep(newRules, newSettings, facts.moderations);
        MemberStep newMemberStep = new MemberStep(newRules);
        try {
            Map<Day, List<Object>> carried = new IdentityHashMap<>();
            List<Qualification> qualifications = new ArrayList<>();
            for (MemberState m : facts.members.values()) {
                if (decided.fullyDecided(m.id, newSettings)) {
                    continue;
                }
                for (Day d : m.days()) {
                    carried.put(d, newDayStep.evaluate(fresh, m, d, qualifications));
                }
                qualifications.addAll(newMemberStep.evaluate(fresh, m, carried));
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
        dayStep = new DayStep(newRules, newSettings, facts.moderations);
        memberStep = new MemberStep(newRules);
        for (MemberState m : facts.members.values()) {
            for (Day d : m.days()) {
                List<Object> now = rebuilt.carried().get(d);
                if (now != null) {
                    d.keep(m.id, now);
                }
            }
            m.recount();
            m.done = decided.fullyDecided(m.id, newSettings);
        }
        old.close();
        return stamp == null ? List.of() : remember(decider.decide(rebuilt.qualifications(), stamp, decided.decided));
    }

    /** Forgets the days the lateness horizon passed ({@link ShardFacts#evict}); decides nothing. */
    void evictBefore(LocalDate keepFrom) {
        if (keepFrom != null) { // without a horizon (the default) not even the lock is taken
            evict(keepFrom);
        }
    }

    private synchronized void evict(LocalDate keepFrom) {
        facts.evict(keepFrom);
    }

    synchronized ShardState state() {
        return ShardSnapshot.take(facts, decided, settings.zone());
    }

    /**
     * Loads a saved state into this (new, empty) shard; nothing is decided again.
     *
     * @return decisions for members who meet a condition not decided yet (when the rules changed), stamped {@code stamp}
     */
    synchronized List<Decision> restore(ShardState state, OffsetDateTime stamp) {
        ShardSnapshot.load(state, facts, decided, settings);
        return swap(rebuild(rules, settings), rules, settings, stamp);
    }

    /** Every member of this shard. */
    synchronized List<String> members() {
        return List.copyOf(facts.members.keySet());
    }

    /** The latest day any member of this shard has a check-in or a post on, or null. */
    synchronized LocalDate newestDay() {
        LocalDate newest = null;
        for (MemberState m : facts.members.values()) {
            Day last = m.newest();
            if (last != null && (newest == null || last.date.isAfter(newest))) {
                newest = last.date;
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
        MemberState m = facts.members.get(member);
        List<Day> days = m == null ? List.of() : at == null ? m.days() : m.days().stream().filter(d -> !d.date.isAfter(at)).toList();
        return member(member, m, days, java.util.Collections.singletonList(at)).get(0);
    }

    /**
     * {@link #member(String)} and {@link #member(String, LocalDate)} on {@code on} at once, as a report needs them
     * (every member explained, and every member measured on the latest day for the leaderboards): when {@code on}
     * is not before the member's latest day, both see the same days, which go through the rules once; only the
     * rules that match {@code AsOf} run again for the second ({@link RuleSession#evaluateEach}).
     */
    synchronized List<MemberFacts> memberAndOn(String member, LocalDate on) {
        MemberState m = facts.members.get(member);
        List<Day> days = m == null ? List.of() : m.days();
        if (!days.isEmpty() && days.get(days.size() - 1).date.equals(on)) {
            MemberFacts both = member(member); // the same days as of the same day
            return List.of(both, both);
        }
        if (!days.isEmpty() && days.get(days.size() - 1).date.isAfter(on)) {
            return List.of(member(member), member(member, on));
        }
        return member(member, m, days, java.util.Arrays.asList(null, on));
    }

    /** The member's facts with {@code days}, as of each of {@code ats} (null: the newest of the days). */
    private List<MemberFacts> member(String member, MemberState m, List<Day> days, List<LocalDate> ats) {
        Set<String> decidedIds = Set.copyOf(decided.ids(member, settings));
        List<Decision> decisions = decided.of(member);
        List<MemberFacts> out = new ArrayList<>(ats.size());
        if (days.isEmpty()) {
            MemberFacts.Derived none = new MemberFacts.Derived(List.of(), List.of(), List.of());
            for (int k = 0; k < ats.size(); k++) {
                out.add(new MemberFacts(member, settings, none, decidedIds, decisions, null, List.of()));
            }
            return out;
        }
        // Days are dropped when they hold nothing: the newest holds a check-in or a post.
        LocalDate newest = days.get(days.size() - 1).date;
        List<AsOf> asOf = ats.stream().map(at -> new AsOf(member, at != null ? at : newest)).toList();
        List<Object> in = new ArrayList<>();
        days.forEach(d -> in.addAll(dayStep.inputs(m, d)));
        List<List<Object>> daysDerived = evaluateQuietly(in, asOf);
        List<MemberFacts.Derived> derived = new ArrayList<>(ats.size());
        List<List<Object>> memberIn = new ArrayList<>(ats.size());
        for (List<Object> dd : daysDerived) {
            MemberFacts.Derived d = MemberFacts.Derived.of(member, in, dd);
            derived.add(d);
            memberIn.add(memberStep.inputs(member, dayStep.withDetails(dd, member, date -> {
                Day day = m.get(date);
                return day == null ? null : day.checkInAt();
            }), d.counted()));
        }
        // The member step once with each as-of day too, when the days gave it the same facts (they do unless a
        // rule over days reads AsOf); else each apart.
        List<List<Object>> memberDerived = new ArrayList<>(ats.size());
        if (memberIn.stream().distinct().count() == 1) {
            memberDerived.addAll(evaluateQuietly(memberIn.get(0), asOf));
        } else {
            for (int k = 0; k < ats.size(); k++) {
                memberDerived.addAll(evaluateQuietly(memberIn.get(k), List.of(asOf.get(k))));
            }
        }
        for (int k = 0; k < ats.size(); k++) {
            Set<Progress> found = new LinkedHashSet<>();
            for (List<Object> derivedIn : List.of(daysDerived.get(k), memberDerived.get(k))) {
                for (Object o : derivedIn) {
                    if (o instanceof Progress p && p.member().equals(member)) {
                        found.add(p);
                    }
                }
            }
            out.add(new MemberFacts(member, settings, derived.get(k), decidedIds, decisions, asOf.get(k).day(), List.copyOf(found)));
        }
        return out;
    }

    /**
     * What the rules derive from every member's days at once, for tests that compare it with what
     * one member's view says (the rules over days never join two members or two days).
     */
    synchronized List<Object> derivedFromAllDays() {
        List<Object> in = new ArrayList<>();
        facts.members.values().forEach(m -> m.days().forEach(d -> in.addAll(dayStep.inputs(m, d))));
        return evaluateQuietly(in);
    }

    private List<Object> evaluateQuietly(List<Object> in) {
        return evaluateQuietly(in, List.of()).get(0);
    }

    private List<List<Object>> evaluateQuietly(List<Object> in, List<?> lasts) {
        try {
            return session.evaluateEach(in, lasts);
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
                      List<ModerationState> moderations, List<Decided> decided, List<Decision> revocable) {
    }

    /** A campaign decided for a member; {@code key} names the level or season, empty for a campaign won once. */
    record Decided(String member, String campaign, String key) {
        Decided(String member, String campaign) {
            this(member, campaign, "");
        }
    }
}
