package org.planetrewards;

import org.kie.api.KieServices;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.Match;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Drools session that evaluates rules over a few facts at a time. Between evaluations working
 * memory holds only the settings (quality thresholds, tags, campaigns) and whatever the rules derive
 * from them alone; {@link #evaluate} puts a set of facts in, runs the rules to rest, reads what they
 * derived and takes it all out again. The facts themselves live outside, in the {@link Shard}, in
 * compact form: working memory costs a couple of kilobytes per fact it holds, which is what limited
 * the engine when it kept every post of every member in it.
 *
 * <p>Not thread-safe, and made without Drools' own locking: its {@link Shard} owns it and calls it
 * under its lock. After a {@link RuleFailureException} the session is in an unknown state and must be
 * closed.
 *
 * <p><b>Budgets.</b> Each fact gets {@link Settings.RuleLimits}: a time and a number of inserts,
 * checked by listeners Drools calls anyway, before each firing and on each insert (a clock read and a
 * compare). The time is the CPU time of the thread evaluating the fact, not the wall clock: on a machine
 * busy with other work a fact waits for a core without spending its budget, so a replay gives the same
 * decisions whatever the load. The wall clock serves as a cheap lower bound: CPU time is read only once
 * the wall-clock deadline has passed, and when less was spent, the deadline moves on by what is left.
 * A consequence that waits or sleeps past the wall-clock deadline is woken by the engine's
 * {@link Watchdog} with an interrupt; one that spins in a loop of its own cannot be stopped by anything
 * the JVM offers, and the watchdog gives up on it once it has spent the budget and a grace period of CPU
 * time ({@link #overdue}).
 */
final class RuleSession implements AutoCloseable {
    /** A rule pack that keeps firing on one fact is stopped here instead of hanging the engine. */
    static final int FIRING_CAP = 100_000;

    private final KieSession session;
    private final Settings.RuleLimits limits;
    /** How many facts working memory holds between evaluations. */
    private final long baseFacts;
    /**
     * What was inserted since the evaluation began, in insertion order: handles and their objects at the
     * same index, null at both once deleted, and each handle's id at the same index of {@link #ids}
     * (kept when deleted). Kept for the session, not a map filled per evaluation: a map entry per insert
     * was garbage on every fact, and a batched evaluation inserts dozens. Drools numbers handles in the
     * order it makes them, and tells of each insert as it makes the handle, so the ids come in rising
     * order and a delete finds its handle by binary search ({@link #indexOf}); should they ever not, a
     * scan finds it.
     */
    private final ArrayList<FactHandle> insertedHandles = new ArrayList<>();
    private final ArrayList<Object> insertedObjects = new ArrayList<>();
    private long[] ids = new long[64];
    /** The ids of {@link #insertedHandles} rose so far in this evaluation. */
    private boolean idsRising = true;
    /** The handles of the facts an evaluation put in, reused from one to the next. */
    private final ArrayList<FactHandle> inputs = new ArrayList<>();
    private boolean tracking;

    /** The thread evaluating under a budget, or null between facts; read by the watchdog. */
    private volatile Thread running;
    /**
     * System.nanoTime() before which the fact under way cannot have run out of time (valid while
     * {@link #running}): CPU time never runs ahead of the wall clock.
     */
    private volatile long deadline;
    /** The running thread's CPU time when the fact began, or -1 where the JVM cannot tell CPU time. */
    private volatile long cpuStart;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeSupported()
            && THREADS.isThreadCpuTimeEnabled();
    private int insertsLeft;
    /** The match whose consequence runs now, or null: names the rule when an Error leaves Drools raw. */
    private volatile Match firing;
    /** Guarded by this: the watchdog interrupted {@link #running}, which must not keep the flag after the fact. */
    private boolean interrupted;
    /**
     * Set by the watchdog when it gave up on a consequence, with the rule it was in: whatever the thread
     * does when (if ever) it comes back must not count, and fails with this.
     */
    private volatile RuleFailureException abandoned;

    /**
     * In a batched evaluation ({@link #evaluateBatch}): whose each fact in working memory is, by identity
     * (inputs as given, derived facts by the match that inserted them); null otherwise.
     */
    private java.util.IdentityHashMap<Object, Integer> owners;
    /**
     * The maps a batched evaluation fills (whose each fact is, whose each post is), kept for the session and
     * emptied at the start of each: a batch puts some hundred facts in the first, which a new map grew to
     * size again on every batch.
     */
    private final java.util.IdentityHashMap<Object, Integer> ownedInBatch = new java.util.IdentityHashMap<>(256);
    private final Map<String, Integer> postsInBatch = new HashMap<>();
    /** In a batched evaluation: the owner of the match firing now, -1 for none; read by the watchdog. */
    private volatile int firingOwner = -1;
    /** In a batched evaluation: why its results cannot be split by member, or null while they can. */
    private String spoiled;
    /** The inputs are being inserted: their insert events are not a rule's. */
    private boolean inputsGoingIn;

    RuleSession(CompiledRules rules, Settings settings) {
        this.limits = settings.limits();
        // The shard's lock is the only one needed: without its own, Drools' propagation list and agenda
        // state machine stop synchronising on every insert and fire (a sixth of an evaluation's time).
        KieSessionConfiguration conf = KieServices.Factory.get().newKieSessionConfiguration();
        conf.setOption(ThreadSafeOption.NO);
        this.session = rules.kieBase().newKieSession(conf, null);
        Events events = new Events();
        session.addEventListener((RuleRuntimeEventListener) events);
        session.addEventListener((org.kie.api.event.rule.AgendaEventListener) events);
        session.insert(settings.quality());
        for (Tag tag : settings.tags()) {
            session.insert(tag);
        }
        for (Campaign campaign : settings.campaigns()) {
            session.insert(campaign);
        }
        budgeted(() -> {
            fire(); // whatever the rules derive from the settings alone belongs to the resting state
            return null;
        });
        this.baseFacts = session.getFactCount();
    }

    /**
     * What the session hears from Drools: inserts (the insert budget, what an evaluation derived, whose it
     * is in a batch), updates and deletes of derived facts, and each firing (the time budget, the rule
     * firing now, in a batch the member its match holds and the facts it justified).
     */
    private final class Events extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (running != null) {
                // Thrown, not halted: an insert flood runs inside one consequence, which a halt does not end.
                if (--insertsLeft < 0) {
                    throw new OverBudget("inserted more than " + limits.insertsPerFact() + " facts for one fact"
                            + " (the insertsPerFact limit)");
                }
                checkTime();
            }
            if (tracking) {
                track(event.getFactHandle(), event.getObject());
                if (owners != null) {
                    attribute(event.getObject());
                }
            } else if (owners != null && running != null && !inputsGoingIn) {
                spoil("a rule inserted while the facts were taken out");
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            if (owners != null) {
                Integer was = owners.get(event.getOldObject());
                if (was == null || was != firingOwner) {
                    spoil("a rule modified a fact not of the member its match holds");
                } else {
                    owners.put(event.getObject(), was);
                }
            }
            int i = indexOf(event.getFactHandle());
            if (i >= 0) {
                insertedObjects.set(i, event.getObject());
            }
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            int i = indexOf(event.getFactHandle());
            if (i >= 0) {
                insertedHandles.set(i, null);
                insertedObjects.set(i, null);
            }
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            firing = event.getMatch();
            if (owners != null) {
                firingOwner = ownerOf(event.getMatch());
            }
            if (running != null) {
                checkTime(); // a modify loop, or rules that keep each other busy: stopped between firings
            }
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            firing = null;
            if (owners != null) {
                DroolsInternals.justified(event.getMatch(), justifiedByOne);
                firingOwner = -1;
            }
        }
    }

    /** In a batched evaluation: reads the member of each fact a firing justified; one for the session, not a lambda per firing. */
    private final java.util.function.Consumer<Object> justifiedByOne = justified -> {
        Integer owner = owners.get(justified);
        if (owner != null && owner != firingOwner) {
            spoil("a fact is justified by matches of two members");
        }
    };

    /** In a batched evaluation: the member whose facts the firing match holds, gathered one fact at a time. */
    private final class MatchOwner implements java.util.function.Consumer<Object> {
        int owner;

        @Override
        public void accept(Object o) {
            Integer g = owners.get(o);
            if (g != null) {
                if (owner == -1) {
                    owner = g;
                } else if (owner != g) {
                    spoil("a match holds facts of two members");
                }
            }
        }
    }

    private final MatchOwner matchOwner = new MatchOwner();

    /**
     * Runs {@code work} (one or more {@link #evaluate}s for one fact) under one budget of
     * {@link Settings.RuleLimits}. Evaluations outside it get a budget each.
     *
     * @throws RuleFailureException when the budget runs out, or a rule throws anything (an Error too)
     */
    <T> T budgeted(java.util.function.Supplier<T> work) {
        if (running != null) {
            return work.get(); // already within a fact's budget
        }
        deadline = System.nanoTime() + limits.perFact().toNanos();
        cpuStart = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : -1;
        insertsLeft = limits.insertsPerFact();
        running = Thread.currentThread();
        try {
            T result = work.get();
            if (abandoned != null) {
                throw abandoned;
            }
            return result;
        } catch (RuleFailureException e) {
            throw abandoned != null ? abandoned : e; // the rule that spun, not the one that met the spent budget after
        } finally {
            synchronized (this) {
                running = null;
                if (interrupted) {
                    interrupted = false;
                    Thread.interrupted(); // the interrupt was the engine's, for a rule: the caller's thread does not keep it
                }
            }
        }
    }

    private void checkTime() {
        long now = System.nanoTime();
        if (now - deadline > 0) {
            long left = cpuLeft(Thread.currentThread(), now);
            if (left <= 0) {
                throw new OverBudget(overTime());
            }
            deadline = now + left;
        }
    }

    /**
     * How much of the fact's time the thread {@code t} has left, read once the wall-clock deadline passed:
     * the budget less the CPU time the thread spent on the fact; 0 where the JVM cannot tell (the wall
     * clock decides, as the deadline says).
     */
    private long cpuLeft(Thread t, long now) {
        long start = cpuStart;
        if (start < 0) {
            return 0;
        }
        long cpu = t == Thread.currentThread() ? THREADS.getCurrentThreadCpuTime() : THREADS.getThreadCpuTime(t.getId());
        return cpu < 0 ? 0 : limits.perFact().toNanos() - (cpu - start);
    }

    private String overTime() {
        return "ran past the time budget of " + seconds(limits.perFact()) + " for one fact (the secondsPerFact limit)";
    }

    private static String seconds(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    /**
     * Called by the watchdog, from its own thread. Past the deadline a waiting or sleeping consequence is
     * interrupted (once); past the deadline plus {@code grace} the consequence is spinning where no check
     * reaches it, and the session is given up.
     *
     * @return the failure to report, naming the rule when known, once the session is given up; else null
     */
    synchronized RuleFailureException overdue(long now, long graceNanos) {
        Thread t = running;
        if (t == null || now - deadline <= 0 || abandoned != null) {
            return null;
        }
        if (cpuStart >= 0 && t.getState() == Thread.State.RUNNABLE) {
            // A busy thread is judged by the CPU time it spent: one that waited for a core has time left.
            long left = cpuLeft(t, now);
            if (left + graceNanos > 0) {
                if (left > 0) {
                    deadline = now + left;
                    return null;
                }
                if (!interrupted) {
                    interrupted = true;
                    t.interrupt();
                }
                return null;
            }
            abandoned = abandonedFailure();
            return abandoned;
        }
        if (!interrupted) {
            interrupted = true;
            t.interrupt();
        }
        if (now - deadline <= graceNanos) {
            return null;
        }
        abandoned = abandonedFailure();
        return abandoned;
    }

    private RuleFailureException abandonedFailure() {
        Match m = firing;
        String rule = ruleName(m);
        return new RuleFailureException(rule, who(m) + " " + overTime()
                + " and could not be stopped (a loop inside one consequence)" + where(m), null);
    }

    /**
     * Puts {@code facts} into working memory, runs the rules to rest, and takes the facts out again
     * with everything the rules derived from them.
     *
     * @return what the rules derived and still held at rest, in the order they derived it
     * @throws RuleFailureException when a rule throws anything, keeps firing past {@link #FIRING_CAP}, or
     *                              the fact's {@link Settings.RuleLimits} run out
     */
    List<Object> evaluate(List<?> facts) {
        return evaluateEach(facts, List.of()).get(0);
    }

    /**
     * {@link #evaluate} of {@code facts} with each of {@code lasts} added in turn: the facts and the first go in and
     * the rules run to rest; then each next one takes the place of the one before, and only the rules that match
     * either run again, while what the others derived stays. Truth maintenance takes what the one taken out
     * justified, so each result holds what {@link #evaluate} of the facts with that one gives (in another order: the
     * facts derived again come last). When a rule inserted a fact plainly (not {@code insertLogical}), nothing
     * would take it out with the one it came from, so each next one is evaluated with the facts apart, as
     * {@link #evaluate} does. With no {@code lasts}, one result: {@code evaluate(facts)}'s.
     */
    List<List<Object>> evaluateEach(List<?> facts, List<?> lasts) {
        return running != null ? evaluateEachWithin(facts, lasts) : budgeted(() -> evaluateEachWithin(facts, lasts));
    }

    private List<List<Object>> evaluateEachWithin(List<?> facts, List<?> lasts) {
        List<List<Object>> results = evaluateWithin(facts, lasts);
        for (int k = results.size(); k < lasts.size(); k++) {
            List<Object> apart = new ArrayList<>(facts.size() + 1);
            apart.addAll(facts);
            apart.add(lasts.get(k));
            results.add(evaluateWithin(apart, List.of()).get(0));
        }
        return results;
    }

    /** The results of {@link #evaluateEach}, fewer when a plain insert stopped the swaps. */
    private List<List<Object>> evaluateWithin(List<?> facts, List<?> lasts) {
        ArrayList<FactHandle> handles = inputs;
        try {
            inputsGoingIn = true;
            for (int i = 0; i < facts.size(); i++) {
                handles.add(session.insert(facts.get(i)));
            }
            if (!lasts.isEmpty()) {
                handles.add(session.insert(lasts.get(0)));
            }
            inputsGoingIn = false;
            tracking = true;
            fire();
            List<List<Object>> results = new ArrayList<>(Math.max(1, lasts.size()));
            results.add(derived());
            for (int k = 1; k < lasts.size() && justifiedOnly(); k++) {
                session.delete(handles.remove(handles.size() - 1));
                fire();
                tracking = false;
                inputsGoingIn = true;
                handles.add(session.insert(lasts.get(k)));
                inputsGoingIn = false;
                tracking = true;
                fire();
                if (!justifiedOnly()) {
                    break; // a plain insert on the way: this one is evaluated apart
                }
                results.add(derived());
            }
            // The facts go, and truth maintenance takes what was inserted logically from them.
            tracking = false;
            for (int i = 0; i < handles.size(); i++) {
                session.delete(handles.get(i));
            }
            fire();
            if (session.getFactCount() != baseFacts) {
                if (owners != null) {
                    spoil("a rule inserted without insertLogical");
                }
                // Rules that insert without insertLogical leave facts behind: they must not meet the next facts.
                for (FactHandle h : insertedHandles.toArray(new FactHandle[0])) {
                    if (h != null) {
                        session.delete(h);
                    }
                }
                fire();
            }
            return results;
        } catch (RuleFailureException e) {
            throw e;
        } catch (Throwable t) { // an Error too: a recursing function, memory exhausted; the session is closed after
            throw failure(t);
        } finally {
            tracking = false;
            inputsGoingIn = false;
            handles.clear();
            insertedHandles.clear();
            insertedObjects.clear();
            idsRising = true;
        }
    }

    /**
     * Evaluates several members' facts at once, as {@link #evaluate} evaluates one member's: one pass of
     * Drools' agenda and network for all of them, which costs little more than for one. Each derived fact
     * is the member's whose facts the match that inserted it holds; the results split by member are what
     * {@link #evaluate} gives each alone, provided no rule looks across members where no match shows it
     * ({@link BatchCheck}, judged on the compiled rules before a replay batches anything). What a match
     * does show is checked here, and any doubt gives up the split: a match holding facts of two members,
     * a fact justified by matches of two members (truth maintenance merged equal facts), a derived
     * record naming another member or another member's post, a fact derived from no member's facts, a
     * rule that fired or inserted while the facts were taken out, a session not at rest after.
     *
     * @param groups  each member's facts, in the order {@link #evaluate} would take them
     * @param members each group's member id
     * @return what each group derived, in the order it was derived; null when the results cannot be
     *         split (the caller evaluates each alone; working memory may then not be at rest)
     * @throws RuleFailureException as {@link #evaluate}, for the batch as a whole
     */
    List<List<Object>> evaluateBatch(List<List<Object>> groups, List<String> members) {
        java.util.IdentityHashMap<Object, Integer> owned = ownedInBatch;
        Map<String, Integer> posts = postsInBatch;
        owned.clear();
        posts.clear();
        int size = 0;
        for (int g = 0; g < groups.size(); g++) {
            for (Object o : groups.get(g)) {
                if (owned.put(o, g) != null) {
                    return null; // one object given for two members: whose would it be?
                }
                String post = o instanceof org.planetrewards.model.PostVersion || o instanceof org.planetrewards.model.PostText
                        ? MemberKeys.post(o) : null;
                if (post != null && posts.putIfAbsent(post, g) != null && posts.get(post) != g) {
                    return null;
                }
                size++;
            }
        }
        List<Object> all = new ArrayList<>(size);
        groups.forEach(all::addAll);
        owners = owned;
        spoiled = null;
        firingOwner = -1;
        List<Object> derived;
        try {
            derived = evaluate(all);
        } finally {
            owners = null;
        }
        if (spoiled != null || !atRest()) {
            return null;
        }
        List<List<Object>> out = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            out.add(new ArrayList<>(4));
        }
        for (Object o : derived) {
            Integer g = owned.get(o);
            if (g == null) {
                return null;
            }
            String member = MemberKeys.member(o);
            if (member != null && !member.equals(members.get(g))) {
                return null;
            }
            String post = MemberKeys.post(o);
            Integer postOwner = post == null ? null : posts.get(post);
            if (postOwner != null && postOwner.intValue() != g) {
                return null;
            }
            out.get(g).add(o);
        }
        return out;
    }

    /** In a batched evaluation: the group whose match fires now, or -1 (for the watchdog, which names its fact). */
    int firingOwner() {
        return owners == null ? -1 : firingOwner;
    }

    /** Why the batch under way cannot be split: the first reason found (for tests and counters). */
    String spoiled() {
        return spoiled;
    }

    /** Whether everything the rules derived in this evaluation and still hold was inserted logically. */
    private boolean justifiedOnly() {
        for (int i = 0; i < insertedHandles.size(); i++) {
            FactHandle h = insertedHandles.get(i);
            if (h != null && !DroolsInternals.justified(h)) {
                return false;
            }
        }
        return true;
    }

    /** What the rules derived in this evaluation and still hold, in the order they derived it. */
    private List<Object> derived() {
        List<Object> derived = new ArrayList<>(insertedObjects.size());
        for (int i = 0; i < insertedObjects.size(); i++) {
            Object o = insertedObjects.get(i);
            if (o != null) {
                derived.add(o);
            }
        }
        return derived;
    }

    private void spoil(String why) {
        if (spoiled == null) {
            spoiled = why;
        }
    }

    /** The member whose facts a match holds (settings and computed objects are no one's), -1 for none. */
    private int ownerOf(Match m) {
        if (!tracking) {
            spoil("a rule fired while the facts were taken out");
        }
        matchOwner.owner = -1;
        DroolsInternals.objects(m, matchOwner);
        return matchOwner.owner;
    }

    private void attribute(Object derived) {
        if (firingOwner < 0) {
            spoil("a fact was derived from no member's facts");
        } else {
            owners.put(derived, firingOwner);
        }
    }

    private void track(FactHandle h, Object o) {
        int n = insertedHandles.size();
        long id = DroolsInternals.id(h);
        if (n == ids.length) {
            ids = java.util.Arrays.copyOf(ids, 2 * n);
        }
        if (n > 0 && id <= ids[n - 1]) {
            idsRising = false;
        }
        ids[n] = id;
        insertedHandles.add(h);
        insertedObjects.add(o);
    }

    /**
     * Where {@code h} is among the facts inserted in this evaluation and not deleted since, or -1.
     */
    private int indexOf(FactHandle h) {
        int n = insertedHandles.size();
        if (n == 0) {
            return -1;
        }
        if (idsRising) {
            long id = DroolsInternals.id(h);
            if (id < ids[0] || id > ids[n - 1]) {
                return -1; // an input, a settings fact: made before the evaluation's first insert
            }
            int i = java.util.Arrays.binarySearch(ids, 0, n, id);
            return i >= 0 && insertedHandles.get(i) != null ? i : -1;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (h.equals(insertedHandles.get(i))) { // a handle is its id, as Drools compares them
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether working memory is back to its resting state. False only for rules that derive new facts
     * while others are taken away (a plain insert under a {@code not}); the shard then starts a new session.
     */
    boolean atRest() {
        return session.getFactCount() == baseFacts;
    }

    private void fire() {
        int fired;
        try {
            fired = session.fireAllRules(FIRING_CAP);
        } catch (Throwable t) {
            throw failure(t);
        }
        if (fired >= FIRING_CAP) {
            String rule = busiestRule();
            throw new RuleFailureException(rule, (rule == null ? "the rules" : "rule \"" + rule + "\"")
                    + " kept firing: stopped at the cap of " + FIRING_CAP + " firings for one fact (a rule that re-triggers"
                    + " itself: a modify without no-loop, or an insert that matches its own conditions)", null);
        }
    }

    /** Whatever a rule threw, as a failure naming the rule; a budget that ran out says which. */
    private RuleFailureException failure(Throwable t) {
        if (t instanceof RuleFailureException r) {
            return r;
        }
        Throwable cause = t instanceof org.kie.api.runtime.rule.ConsequenceException && t.getCause() != null ? t.getCause() : t;
        Match m = t instanceof org.kie.api.runtime.rule.ConsequenceException ce && ce.getMatch() != null ? ce.getMatch() : firing;
        String rule = ruleName(m);
        String who = who(m);
        if (cause instanceof OverBudget over) {
            return new RuleFailureException(rule, who + " " + over.getMessage() + where(m), null);
        }
        if (running != null && System.nanoTime() - deadline > 0) {
            // Woken by the watchdog (an interrupted wait or sleep) or failed only after its time ran out.
            return new RuleFailureException(rule, who + " " + overTime() + " (" + cause + ")" + where(m), cause);
        }
        return new RuleFailureException(rule, who + " failed: " + cause + where(m), cause);
    }

    /** {@code rule "name"}, or "the rules" when Drools did not say which. */
    private static String who(Match m) {
        String rule = ruleName(m);
        return rule == null ? "the rules" : "rule \"" + rule + "\"";
    }

    /** Where the rule is written, as the end of a message: {@code " (rule at file:line)"}, or nothing. */
    private static String where(Match m) {
        String where = m == null || m.getRule() == null ? null : RuleLocation.of(m.getRule());
        return where == null ? "" : " (rule at " + where + ")";
    }

    private static String ruleName(Match m) {
        return m == null || m.getRule() == null ? null : m.getRule().getName();
    }

    /** A budget ran out: thrown from a listener, so it ends even a consequence that inserts in a loop. */
    private static final class OverBudget extends RuntimeException {
        OverBudget(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * After the cap: which rule keeps firing. Counted only now, on a few more firings of a session that
     * is thrown away anyway, so the normal path pays nothing for it.
     */
    private String busiestRule() {
        Map<String, Integer> counts = new HashMap<>();
        DefaultAgendaEventListener counter = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                counts.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
            }
        };
        session.addEventListener(counter);
        try {
            session.fireAllRules(1_000);
        } catch (RuntimeException | StackOverflowError ignored) {
            // whatever it counted so far still says which rule loops
        } finally {
            session.removeEventListener(counter);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    @Override
    public void close() {
        session.dispose();
    }
}
