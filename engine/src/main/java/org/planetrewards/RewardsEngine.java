package org.planetrewards;

import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Facts in, reward decisions out. Built once with {@link #builder()}; then fed facts one at a time
 * ({@link #apply(Fact)}, live use) or a whole history ({@link #replay(HistoryReader)}).
 *
 * <p>Each fact is checked and de-duplicated (docs/history-format.md), run through the rules, and the campaigns of
 * the member it concerns are re-evaluated; the first time a member meets a campaign's condition a
 * {@link Decision} is made, handed to the {@link DecisionHandler} and returned.
 *
 * <p><b>Repeats.</b> Applying a fact again changes nothing and decides nothing: a repeated check-in
 * day, a post version whose stamp is not later than the one applied, a moderation not later than the
 * latest of its post (docs/history-format.md). The state, and so a {@link #snapshot() snapshot}, stays byte for byte
 * the same, so a host may re-deliver freely (a replayed file, a queue that delivers twice).
 *
 * <p><b>Threads.</b> Every public method may be called from any thread, concurrently with
 * {@link #apply}: {@link #snapshot()}, {@link #reload} and {@link #close()} wait for the facts under way
 * and hold the next ones back. Members are spread over shards (by a hash of the member id); facts of
 * different shards are applied in parallel, facts of one shard one at a time. What the caller must do:
 * <ul>
 *   <li>submit the facts of one member, and the moderations of that member's posts, from one thread
 *       (or otherwise in order): facts of one member raced from two threads are applied in whichever
 *       order they take the shard, and decisions depend on the order (docs/decisions.md, Decision lines). Facts of different
 *       members may be submitted from any number of threads: each member's decisions are the same as
 *       in a serial run, though decisions of different members interleave differently;</li>
 *   <li>read a {@link HistoryReader} from one thread ({@link #replay} does);</li>
 *   <li>not apply facts after {@link #close()}.</li>
 * </ul>
 * A rule that fails or runs away on one fact holds only its shard ({@link RuleFailureException}).
 *
 * <p><b>Delivery.</b> At least once, in order, with stable ids. Each decision is queued in the same
 * step that marks its campaign decided, then handed to the {@link DecisionHandler}; it leaves the queue
 * only when the handler returns. A decision the handler refuses (throws) stays pending, first in line
 * with everything after it, and is offered again with the same {@link Decision#id()} before anything
 * newer: on every later call that applies a fact, on {@link #reload} and on {@link #deliverPending()}.
 * Pending decisions are part of a {@link #snapshot() snapshot} and are offered again by an engine
 * resumed from it. So a decision is never lost, but it can be handed over twice: when the handler did
 * its work and then threw, or when the process stopped after the handler ran and before the next
 * snapshot. A handler that stores decisions under a unique key on {@link Decision#id()} (ignoring a
 * duplicate) makes delivery exactly once. The handler is called by one thread at a time, in queue
 * order, usually on the thread that applied the fact, but a decision left pending is delivered by
 * whichever call delivers next; a handler that applies facts itself does not re-enter delivery (what
 * it causes is delivered right after it returns).
 */
public final class RewardsEngine implements AutoCloseable {
    private final Router router = new Router();
    private final Shard[] shards;
    private final DecisionOutlet outlet;
    private final Intake intake;
    /** Facts take the read side (many at once, one per shard); reload, snapshot and close take the write side. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile Settings settings;
    private volatile RulePack rules;
    /** The current pack's campaign kinds: what the lateness horizon reads their spans from. */
    private volatile CampaignKinds kinds;
    private volatile OffsetDateTime lastStamp;
    private final boolean allowUnsafeRuleCode;
    private final HistoryReader.Limits limits;
    /** The newest community-local day of any fact accepted so far (the lateness watermark), or null. */
    private LocalDate newestDay;
    /** The first day the lateness horizon keeps, as last handed to the router and shards; null: keep all. */
    private volatile LocalDate keepFrom;
    private final Watchdog watchdog;
    /**
     * How many facts of one shard a replay may run together ({@link ShardBatch}); 1 runs each alone. Tests
     * set it, and {@link #forceBatching} (batch even rules {@link BatchCheck} refuses: to show what it prevents).
     */
    volatile int batchSize = ShardBatch.SIZE;
    volatile boolean forceBatching;
    /** Set when a replay failed with facts after the failing line already routed or applied: the state is partial. */
    private volatile RuleFailureException partial;

    private RewardsEngine(Builder b) {
        this.settings = b.settings;
        this.rules = b.rules;
        this.allowUnsafeRuleCode = b.allowUnsafeRuleCode;
        this.limits = b.limits;
        CompiledRules compiled = CompiledRules.compile(b.rules, allowUnsafeRuleCode);
        this.kinds = checked(compiled, settings);
        this.intake = new Intake(settings.zone(), settings.dayStartsAt());
        this.shards = new Shard[b.shards];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(compiled, settings, intake::member);
        }
        this.outlet = new DecisionOutlet(b.handler);
        this.watchdog = new Watchdog(shards);
        if (b.snapshot != null) {
            try {
                resume(b.snapshot);
            } catch (RuntimeException e) {
                for (Shard shard : shards) {
                    shard.close(); // a refused resume leaves no sessions behind
                }
                watchdog.close();
                throw e;
            }
        }
    }

    private void resume(Snapshot snapshot) {
        if (!snapshot.zone().equals(settings.zone())) {
            throw new IllegalArgumentException("the snapshot was taken in zone " + snapshot.zone()
                    + " but the settings say " + settings.zone() + ": every fact's day would move");
        }
        if (!snapshot.dayStartsAt().equals(settings.dayStartsAt())) {
            throw new IllegalArgumentException("the snapshot was taken with days starting at " + snapshot.dayStartsAt()
                    + " but the settings say " + settings.dayStartsAt() + ": facts near the boundary would move to another day");
        }
        snapshot.routes().forEach(e -> router.restore(e.getKey(), e.getValue()));
        lastStamp = snapshot.lastStamp();
        newestDay = snapshot.newestDay();
        keepFrom = keepFrom(newestDay);
        outlet.restore(snapshot.pending());
        List<Decision> caughtUp = new ArrayList<>();
        for (Shard s : shards) {
            caughtUp.addAll(s.restore(snapshot.shardState(member -> shard(member) == s), lastStamp));
        }
        outlet.restore(caughtUp);
    }

    /**
     * The engine's state, for resuming after a restart ({@link Builder#resumeFrom}). Taken between
     * facts: facts submitted meanwhile wait. A resumed engine, fed the facts after this point, makes
     * exactly the decisions this one would have made.
     */
    public Snapshot snapshot() {
        lockForWriting();
        try {
            List<Shard.ShardState> states = new ArrayList<>();
            LocalDate keep = keepFrom;
            for (Shard s : shards) {
                s.evictBefore(keep); // every shard to the same horizon, however the facts were spread
                states.add(s.state());
            }
            return Snapshot.of(settings.zone(), settings.dayStartsAt(), lastStamp, newestDay, router.routes(), states, outlet.pending());
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts making the default pack's rule base on a background thread and returns at once; a builder that
     * later uses the default pack (without {@link Builder#allowUnsafeRuleCode}) waits for that work instead
     * of doing it again. For a process that will build an engine soon but has start-up work of its own first
     * (the command line loads picocli and parses its arguments meanwhile): on two cores the two overlap.
     * Only the first call starts anything; a failure is left for the build to report.
     */
    public static void prepareDefaults() {
        if (!PREPARING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                // The rule base first: it is the long part, and the builder reads the pack's files and the
                // settings on its own thread meanwhile.
                PrecompiledPack.prepare();
                CompiledRules.compile(RulePack.defaults(), false);
            } catch (RuntimeException | LinkageError e) {
                // The engine's build meets the same failure and reports it where it is asked for.
            }
        }, "rewards-prepare-defaults");
        t.setDaemon(true);
        t.start();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PREPARING = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Applies one fact.
     *
     * @return the decisions it caused, in campaign order (often none); they are also handed to the handler
     * @throws InvalidInputException when the fact breaks docs/history-format.md (e.g. a post id of another member); nothing changes
     * @throws RuleFailureException when a rule fails on it; the engine stays usable for other facts
     */
    public List<Decision> apply(Fact fact) {
        Objects.requireNonNull(fact, "fact");
        limits.check(fact); // a host's objects meet the same bounds as a history's lines
        List<Decision> decisions;
        requireUsable();
        lifecycle.readLock().lock();
        try {
            try {
                decisions = route(fact);
            } catch (RuleFailureException e) {
                throw e.on(fact);
            }
            if (decisions != Shard.UNCHANGED) { // a repeat leaves every bit of state as it was
                lastStamp = fact.stamp();
            }
            // Queued before a snapshot can run: the campaigns are decided, so they must be pending.
            outlet.enqueue(decisions);
        } finally {
            lifecycle.readLock().unlock();
        }
        outlet.deliverQuietly();
        return decisions;
    }

    private List<Decision> route(Fact fact) {
        Work work = plan(fact);
        return work == null ? List.of() : work.run();
    }

    /** The work of a fact that changes nothing at all (a stale moderation): not even the last stamp moves. */
    static final Work STALE = new Work(null, null, () -> Shard.UNCHANGED);

    /**
     * A fact made ready for its shard: the routing is done (in arrival order, by the caller), what is
     * left runs on the shard.
     */
    record Work(Shard shard, Fact fact, java.util.function.Supplier<List<Decision>> change, ShardBatch.Task batch) {
        Work(Shard shard, Fact fact, java.util.function.Supplier<List<Decision>> change) {
            this(shard, fact, change, null);
        }

        List<Decision> run() {
            return shard == null ? change.get() : shard.exclusive(fact, change);
        }
    }

    /**
     * @throws RuleFailureException saying that the engine must be rebuilt, once a shard was given up to a
     *                              rule that could not be stopped, or a replay failed part-way
     */
    private void requireUsable() {
        RuleFailureException p = partial;
        if (p != null) {
            throw new RuleFailureException(p.rule(), "the engine must be rebuilt (build a new one, resuming from a snapshot"
                    + " taken before the replay): a replay stopped at a failing rule after later facts were already"
                    + " routed to the shards, so its state is partial; the replay failed with: " + p.getMessage(), null);
        }
        for (Shard s : shards) {
            s.requireUsable();
        }
    }

    /**
     * Takes the write side, or says the engine must be rebuilt: a thread stuck in a rule holds the read side
     * for good, so waiting for it would never end.
     */
    private void lockForWriting() {
        try {
            do {
                requireUsable();
            } while (!lifecycle.writeLock().tryLock(100, java.util.concurrent.TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the facts under way", e);
        }
        try {
            requireUsable();
        } catch (RuntimeException e) {
            lifecycle.writeLock().unlock();
            throw e;
        }
    }

    /** Routes a fact; null for a moderation waiting for its post, {@link #STALE} for a stale one. */
    Work plan(Fact fact) {
        OffsetDateTime stamp = fact.stamp();
        if (fact instanceof CheckIn c) {
            MemberState member = intake.member(c.member());
            var day = intake.checkInDay(member, c);
            LocalDate keep = accept("check-in", day.day(), null, true);
            Shard s = shard(c.member());
            return new Work(s, fact, () -> {
                s.evictBefore(keep);
                return s.checkIn(member, day, stamp);
            }, keep != null ? null : new ShardBatch.Task(fact, member.id, stamp, (f, st) -> f.checkIn(member, day), Shard.UNCHANGED));
        }
        if (fact instanceof Post p) {
            MemberState member = intake.member(p.member());
            PostVersion version = intake.version(member, p); // may refuse the fact: before the router records anything
            accept("post", version.day(), null, false);
            Router.PostDelivery delivery = router.post(version); // may refuse a reused id: watermark not moved yet
            LocalDate keep = accept("post", version.day(), null, true);
            Shard s = shard(p.member());
            if (delivery.stale()) {
                return new Work(s, fact, () -> {
                    s.evictBefore(keep);
                    return Shard.UNCHANGED;
                });
            }
            LocalDate previousDay = delivery.previous() == null ? null : delivery.previous().day();
            return new Work(s, fact, () -> {
                s.evictBefore(keep);
                try {
                    return s.post(member, version, delivery.waiting(), previousDay, stamp);
                } catch (RuleFailureException e) {
                    router.restore(p.id(), delivery.previous());
                    throw e;
                }
            }, keep != null ? null : new ShardBatch.Task(fact, member.id, stamp, (f, st) -> f.post(member, version, delivery.waiting(),
                    previousDay, st.quality().refuseRepeatedText()), null));
        }
        ModerationState state = intake.moderation((Moderation) fact);
        Router.PostRoute route = router.route(state.postId());
        LocalDate keep = accept("moderation", intake.day(state), route == null ? null : route.day(), true);
        Router.ModerationDelivery delivery = router.moderation(state);
        if (delivery.member() == null) {
            return delivery.stale() ? STALE : null; // stale, or waiting for its post
        }
        Shard s = shard(delivery.member());
        return new Work(s, fact, () -> {
            s.evictBefore(keep);
            try {
                return s.moderation(state, delivery.member(), delivery.previous().day(), stamp);
            } catch (RuleFailureException e) {
                router.restore(state.postId(), delivery.previous());
                throw e;
            }
        }, keep != null ? null : new ShardBatch.Task(fact, delivery.member(), stamp,
                (f, st) -> f.moderation(state, delivery.member(), delivery.previous().day()), List.of()));
    }

    /**
     * The lateness horizon (settings' {@code lateness}): refuses a fact about a day more than the allowed
     * number of days before the newest day seen (for a moderation, also its post's day), else moves the
     * watermark and, when the kept range moves, forgets the routes it leaves behind. Runs in arrival
     * order (the reading thread in a replay), so it is deterministic.
     *
     * @param advance false to check only
     * @return the first day shards keep (they evict older days before applying the fact), or null for all
     */
    private LocalDate accept(String type, LocalDate day, LocalDate postDay, boolean advance) {
        Integer late = settings.lateDays();
        if (late == null) {
            return null; // no horizon: no shared watermark for threads to wait on
        }
        synchronized (this) {
            return acceptWithin(late, type, day, postDay, advance);
        }
    }

    private LocalDate acceptWithin(int late, String type, LocalDate day, LocalDate postDay, boolean advance) {
        LocalDate newest = newestDay == null || day.isAfter(newestDay) ? day : newestDay;
        LocalDate oldest = newest.minusDays(late);
        if (day.isBefore(oldest)) {
            throw new InvalidInputException(type + " of " + day + " is " + java.time.temporal.ChronoUnit.DAYS.between(day, newest)
                    + " days older than the newest fact (" + newest + "); the lateness setting allows " + late);
        }
        if (postDay != null && postDay.isBefore(oldest)) {
            throw new InvalidInputException(type + " of a post of " + postDay + ", which is "
                    + java.time.temporal.ChronoUnit.DAYS.between(postDay, newest) + " days older than the newest fact ("
                    + newest + "); the lateness setting allows " + late);
        }
        if (!advance) {
            return keepFrom;
        }
        newestDay = newest;
        LocalDate keep = keepFrom(newest);
        if (keepFrom == null || keep.isAfter(keepFrom)) {
            keepFrom = keep;
            router.evictBefore(keep);
        }
        return keepFrom;
    }

    /** The first day the horizon keeps for a watermark: late facts and every day a campaign combines them with. */
    private LocalDate keepFrom(LocalDate newest) {
        Integer late = settings.lateDays();
        return late == null || newest == null ? null : newest.minusDays(late + kinds.span(settings.campaigns()) - 1L);
    }

    /**
     * The pack's campaign kinds, once the settings' campaigns are found to set the parameters their kinds
     * declare.
     *
     * @throws SettingsException at the first campaign that does not
     */
    private static CampaignKinds checked(CompiledRules compiled, Settings s) {
        List<SettingsException> wrong = compiled.kinds().check(s, "settings");
        if (!wrong.isEmpty()) {
            throw wrong.get(0);
        }
        return compiled.kinds();
    }

    Shard shard(String member) {
        return shards[Math.floorMod(member.hashCode(), shards.length)];
    }

    /**
     * Applies every fact of a history in file order. With more than one shard the shards work in
     * parallel while this thread reads and routes; decisions still come out, and reach the handler,
     * in the order of the facts that caused them, identical to applying the facts one by one.
     *
     * @return every decision made, in order
     * <p>A bad line, whether the reader or the engine refuses it (a post id of another member), stops
     * the replay; in the reader's lenient mode ({@link HistoryReader#skipInvalid}) it is skipped
     * instead, and every other line is applied.
     *
     * @throws InvalidInputException at the first bad line (strict mode), naming file and line; facts before
     *                               it stay applied and their decisions are delivered, nothing after it is applied
     * @throws RuleFailureException  when a rule fails (or runs out of its {@link Settings.RuleLimits}), naming
     *                               file, line, rule and fact; exactly the decisions of the facts before the
     *                               failing line are returned and delivered, none after it. Later facts may
     *                               already have been routed to the shards, so the engine then refuses further
     *                               use, saying it must be rebuilt: resume from a snapshot taken before the
     *                               replay, or replay again, once the rule is fixed
     */
    public List<Decision> replay(HistoryReader history) {
        List<Decision> all = new ArrayList<>();
        requireUsable();
        lifecycle.readLock().lock();
        try {
            // Even one shard is applied on a worker thread: a rule stuck in a loop of its own holds that
            // thread, not the reading one, which reports the failure and returns.
            new ParallelReplay(this, shards, outlet).run(history, all);
        } finally {
            lifecycle.readLock().unlock();
        }
        return all;
    }

    /** Facts replays ran in batches, and batches given up, over all shards ({@link Shard#batchCounts}). */
    long[] batchCounts() {
        long[] sum = new long[2];
        for (Shard s : shards) {
            long[] c = s.batchCounts();
            sum[0] += c[0];
            sum[1] += c[1];
        }
        return sum;
    }

    /** A replay failed at {@code failure} after later facts were routed: nothing may use the partial state. */
    void partial(RuleFailureException failure) {
        partial = failure;
    }

    /** Records that a fact stamped {@code stamp} was applied and changed something. */
    void applied(List<Decision> decisions, OffsetDateTime stamp) {
        if (decisions != Shard.UNCHANGED) {
            lastStamp = stamp;
        }
    }

    /**
     * Switches to new rules and settings while running. The new pack is compiled and checked first;
     * if that fails, this engine keeps the old set and the exception says why. Otherwise every
     * shard's session is rebuilt from its members' current facts, campaigns already decided stay
     * decided, and facts submitted meanwhile wait for the switch (none is lost or applied twice).
     * Members who already meet a condition the new set introduces are decided at once, stamped with
     * the last fact applied.
     *
     * @return the decisions the new set makes at once
     * @throws RulesException when the new rules do not compile or fail the code check ({@link RuleCheck})
     * @throws RuleFailureException when a new rule fails on the facts already applied; the old set stays too
     * @throws IllegalArgumentException when the new settings change the zone or the hour the day starts at (facts would move
     *                                  to other days: replay instead)
     */
    public List<Decision> reload(RulePack newRules, Settings newSettings) {
        Objects.requireNonNull(newRules, "rules");
        Objects.requireNonNull(newSettings, "settings");
        if (!newSettings.zone().equals(settings.zone())) {
            throw new IllegalArgumentException("a reload cannot change the zone (" + settings.zone() + " to "
                    + newSettings.zone() + "): every fact's day would move; replay the history under the new settings instead");
        }
        if (!newSettings.dayStartsAt().equals(settings.dayStartsAt())) {
            throw new IllegalArgumentException("a reload cannot change the hour the day starts at (" + settings.dayStartsAt() + " to "
                    + newSettings.dayStartsAt() + "): facts near the boundary would move to another day; replay the history"
                    + " under the new settings instead");
        }
        // Compiled and checked off the hot path: facts keep flowing meanwhile.
        CompiledRules compiled = CompiledRules.compile(newRules, allowUnsafeRuleCode);
        CampaignKinds newKinds = checked(compiled, newSettings);
        List<Decision> decisions = new ArrayList<>();
        lockForWriting();
        try {
            List<Shard.Rebuilt> rebuilt = new ArrayList<>();
            try {
                for (Shard s : shards) {
                    rebuilt.add(s.rebuild(compiled, newSettings));
                }
            } catch (RuntimeException e) {
                rebuilt.forEach(r -> r.session().close());
                throw e;
            }
            for (int i = 0; i < shards.length; i++) {
                decisions.addAll(shards[i].swap(rebuilt.get(i), compiled, newSettings, lastStamp));
            }
            this.rules = newRules;
            this.kinds = newKinds;
            this.settings = newSettings;
            synchronized (this) {
                keepFrom = keepFrom(newestDay); // a longer campaign keeps more from now on; what is gone stays gone
            }
            outlet.enqueue(decisions);
        } finally {
            lifecycle.writeLock().unlock();
        }
        outlet.deliverQuietly();
        return decisions;
    }

    /**
     * Offers decisions that the handler refused earlier once more.
     *
     * @throws DecisionDeliveryException when it refuses again; they stay pending
     */
    public void deliverPending() {
        outlet.deliver();
    }

    /** Decisions made but not yet accepted by the handler, oldest first. */
    public List<Decision> pendingDecisions() {
        return outlet.pending();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Where a member stands in every campaign, in settings order: counts, runs, windows, the decision if
     * made, and what is missing (in words and as the next day that needs to count). Computed from the
     * counted days the rules derive, as of the member's latest activity: the rules evaluate the member's
     * days again (work in proportion to the member's facts, whatever the number of members). A member the engine has not seen gets zero progress.
     * Safe from any thread: it waits for the member's shard between facts.
     */
    public MemberProgress progress(String member) {
        return progress(member, settings.locale());
    }

    /**
     * {@link #progress(String)} in {@code language}: the words of the rule pack's message file for it
     * ({@code messages/zh-CN.properties}), sentences it lacks in English ({@link RulePack#messages()}).
     */
    public MemberProgress progress(String member, String language) {
        return Explainer.progress(facts(member), rules.messages(), language(language));
    }

    /**
     * Why a member has what they have: a day-by-day timeline (check-ins; posts with the rules' verdict,
     * the reasons the quality rules recorded and moderations; rewards), the counted days and the progress
     * in every campaign. Read from what the rules derive from the member's facts (evaluated again for the
     * call), never computed in Java. Safe from any thread.
     */
    public MemberExplanation explain(String member) {
        return explain(member, settings.locale());
    }

    /** {@link #explain(String)} in {@code language} (a message file of the rule pack, like {@code zh-CN}). */
    public MemberExplanation explain(String member, String language) {
        return Explainer.explain(facts(member), rules.messages(), language(language));
    }

    /**
     * {@link #explain(String, String)} of each of {@code members}, in the order given: what a report of every member
     * needs. Each shard's members are explained on a thread of their own, so no two threads wait for one shard as
     * they would calling {@code explain(member)} from a pool. A rule that fails fails the call at the first failing
     * member in that order, as one call per member would.
     */
    public List<MemberExplanation> explain(List<String> members, String language) {
        String lang = language(language);
        Objects.requireNonNull(members, "members").forEach(m -> Objects.requireNonNull(m, "member"));
        Messages words = rules.messages();
        requireUsable();
        lifecycle.readLock().lock();
        try {
            return PerShard.map(members, this::shard, threadPerShardFrom, "planet-rewards-explain-",
                    (s, m) -> Explainer.explain(s.exclusive(null, () -> s.member(m)), words, lang));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private static String language(String language) {
        if (!Messages.isLanguage(Objects.requireNonNull(language, "language"))) {
            throw new IllegalArgumentException("a language is written like en or zh-CN, not \"" + language + "\"");
        }
        return language;
    }

    /**
     * The leaderboard of one campaign on day {@code asOf}, in the settings' language: every member with a
     * check-in or a post on or before that day, measured on it by the campaign's own progress rule (the
     * facts of their days up to it), most first, ties broken by member id, the first {@code limit}. For the
     * default pack: the current streak of {@code streak-15}, the counted days in the window of
     * {@code window-15-of-30}. To see a board as it stood on a past day, apply only the facts up to it
     * ({@code rewards rankings --at}): the engine does not know when a moderation of an older post came.
     *
     * @param asOf the day to measure on; {@code null} for the latest day any member has a check-in or a post on
     * @throws IllegalArgumentException when the settings have no such campaign, or {@code limit} is below 1
     */
    public Ranking rankings(String campaign, LocalDate asOf, int limit) {
        Objects.requireNonNull(campaign, "campaign");
        if (settings.campaigns().stream().noneMatch(c -> c.id().equals(campaign))) {
            throw new IllegalArgumentException("no campaign \"" + campaign + "\" in the settings (they have "
                    + String.join(", ", settings.campaigns().stream().map(org.planetrewards.model.Campaign::id).toList()) + ")");
        }
        return rankings(asOf, limit, settings.locale()).stream().filter(r -> r.campaign().equals(campaign)).findFirst().orElseThrow();
    }

    /**
     * The leaderboards of every campaign, in settings order, as {@link #rankings(String, LocalDate, int)}
     * does one, their measures in {@code language}. Evaluates every member once for them all.
     */
    public List<Ranking> rankings(LocalDate asOf, int limit, String language) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        String lang = language(language);
        requireUsable();
        lifecycle.readLock().lock();
        try {
            LocalDate day = asOf != null ? asOf : newestDay();
            List<Rankings.Standing> standings = day == null ? List.of() : Rankings.standings(members(), day, this::shard, threadPerShardFrom);
            return Rankings.of(settings.campaigns(), standings, day, limit, rules.messages(), lang, settings.zone());
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Every member's explanation and every campaign's leaderboard on the latest day, what a report shows:
     * {@link #explain(String, String)} of every member and {@link #rankings(LocalDate, int, String)} with no day,
     * in one pass. Each member's days go through the rules once for both (only the rules that match {@code AsOf}
     * run again for the leaderboards' day), each shard's members on a thread of their own. A rule that fails fails
     * the call at the first failing member in member id order.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1, or {@code language} is not written like en or zh-CN
     */
    public Overview overview(int limit, String language) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        String lang = language(language);
        Messages words = rules.messages();
        requireUsable();
        lifecycle.readLock().lock();
        try {
            LocalDate day = newestDay();
            List<String> members = members();
            record Read(MemberExplanation explanation, Rankings.Standing standing) {
            }
            List<Read> read = PerShard.map(members, this::shard, threadPerShardFrom, "planet-rewards-overview-", (s, m) -> {
                if (day == null) {
                    return new Read(Explainer.explain(s.exclusive(null, () -> s.member(m)), words, lang), null);
                }
                List<MemberFacts> f = s.exclusive(null, () -> s.memberAndOn(m, day));
                return new Read(Explainer.explain(f.get(0), words, lang), new Rankings.Standing(m, f.get(1)));
            });
            List<MemberExplanation> explanations = new ArrayList<>(members.size());
            List<Rankings.Standing> standings = new ArrayList<>(members.size());
            for (Read r : read) {
                explanations.add(r.explanation());
                if (r.standing() != null) {
                    standings.add(r.standing());
                }
            }
            return new Overview(day, explanations, Rankings.of(settings.campaigns(), standings, day, limit, words, lang, settings.zone()));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** The latest day any member has a check-in or a post on, or null. */
    private LocalDate newestDay() {
        LocalDate day = null;
        for (Shard s : shards) {
            LocalDate newest = s.exclusive(null, s::newestDay);
            day = newest == null || day != null && !newest.isAfter(day) ? day : newest;
        }
        return day;
    }

    /**
     * Below this many members a shard's rankings evaluations or explanations stay on the calling thread
     * ({@link PerShard}). Tests set it lower to run small scenarios on threads.
     */
    volatile int threadPerShardFrom = 256;

    /** Every member the engine has seen a fact of, sorted by id. */
    public List<String> members() {
        requireUsable();
        lifecycle.readLock().lock();
        try {
            List<String> all = new ArrayList<>();
            for (Shard s : shards) {
                all.addAll(s.exclusive(null, s::members));
            }
            all.sort(null);
            return all;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private MemberFacts facts(String member) {
        Objects.requireNonNull(member, "member");
        requireUsable();
        lifecycle.readLock().lock();
        try {
            Shard s = shard(member);
            return s.exclusive(null, () -> s.member(member));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** The rule pack in use. */
    public RulePack rules() {
        return rules;
    }

    @Override
    public void close() {
        watchdog.close();
        boolean stuck = false;
        for (Shard s : shards) {
            stuck |= s.givenUp();
        }
        if (stuck) {
            // A thread stuck in a rule holds its shard and the read side for good: the other shards close
            // without waiting for it, and the stuck one's session is left to that thread.
            for (Shard s : shards) {
                if (!s.givenUp()) {
                    s.close();
                }
            }
            return;
        }
        lifecycle.writeLock().lock();
        try {
            for (Shard s : shards) {
                s.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Chooses the rules, the settings, where decisions go and how many shards. */
    public static final class Builder {
        private RulePack rules;
        private Settings settings = Settings.defaults();
        private DecisionHandler handler = d -> { };
        private int shards = Math.max(1, Runtime.getRuntime().availableProcessors());
        private Snapshot snapshot;
        private boolean allowUnsafeRuleCode;
        private HistoryReader.Limits limits = HistoryReader.Limits.DEFAULT;

        private Builder() {
        }

        /**
         * Lets rule files use code outside the fact model (files, network, reflection, any class):
         * by default {@link #build()} refuses them (see {@link RuleCheck}). Rule files are code that runs
         * inside the engine with no sandbox: call this only for files reviewed like code.
         */
        public Builder allowUnsafeRuleCode() {
            this.allowUnsafeRuleCode = true;
            return this;
        }

        /**
         * The bounds facts handed to {@link RewardsEngine#apply} must keep (id lengths, text size, tags,
         * links, the time range); {@link HistoryReader.Limits#DEFAULT} when not set. Histories are held to
         * their reader's limits as they are read.
         */
        public Builder limits(HistoryReader.Limits l) {
            this.limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /** The rule pack; the default pack (docs/default-rules.md) when not set. */
        public Builder rules(RulePack pack) {
            this.rules = Objects.requireNonNull(pack, "pack");
            return this;
        }

        /** The community settings; {@link Settings#defaults()} when not set. */
        public Builder settings(Settings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /** Where decisions go; they are also returned by {@link #apply(Fact)}. */
        public Builder onDecision(DecisionHandler h) {
            this.handler = Objects.requireNonNull(h, "handler");
            return this;
        }

        /**
         * How many shards (rule sessions) members are spread over; facts of different shards can be
         * applied in parallel. Decisions do not depend on it. Default: the number of processors.
         */
        public Builder shards(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("shards must be at least 1, not " + count);
            }
            this.shards = count;
            return this;
        }

        /**
         * Starts from a snapshot taken by {@link RewardsEngine#snapshot()} instead of from nothing:
         * facts, decided campaigns and pending decisions carry over. The rules may differ from those
         * of the engine that took it ; the zone may not.
         */
        public Builder resumeFrom(Snapshot s) {
            this.snapshot = Objects.requireNonNull(s, "snapshot");
            return this;
        }

        /**
         * Compiles the rules and starts the engine.
         *
         * @throws RulesException when a rule file does not compile, or uses code outside the fact model
         *                        (see {@link RuleCheck}), with every problem's file and line
         */
        public RewardsEngine build() {
            if (rules == null) {
                rules = RulePack.defaults();
            }
            return new RewardsEngine(this);
        }
    }
}
