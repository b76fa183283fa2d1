package org.planetrewards;

import org.planetrewards.model.ModerationState;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Facts in, reward decisions out. Built once with {@link #builder()}; then fed facts one at a time
 * ({@link #apply(Fact)}, live use) or a whole history ({@link #replay(HistoryReader)}).
 *
 * <p>Each fact is checked and de-duplicated (SPEC §2), run through the rules, and the campaigns of
 * the member it concerns are re-evaluated; the first time a member meets a campaign's condition a
 * {@link Decision} is made, handed to the {@link DecisionHandler} and returned.
 *
 * <p><b>Threads.</b> Every public method may be called from any thread. Members are spread over
 * shards (by a hash of the member id); facts of different shards are applied in parallel, facts of
 * one shard one at a time. Facts of one member must be submitted in their order by the caller: two
 * threads racing facts of the same member apply them in whichever order they take the shard. The
 * handler is called by one thread at a time, in the order decisions were made.
 *
 * <p><b>Delivery.</b> At least once, with stable ids: a decision the handler refuses (throws) stays
 * pending, first in line, and is offered again with the same {@link Decision#id()} on every later
 * call that applies a fact and on {@link #deliverPending()}; pending decisions are part of a
 * {@link #snapshot() snapshot}. A handler that stores decisions under a unique key on the id makes
 * delivery exactly once.
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
    private volatile OffsetDateTime lastStamp;
    private final boolean allowUnsafeRuleCode;

    private RewardsEngine(Builder b) {
        this.settings = b.settings;
        this.rules = b.rules;
        this.allowUnsafeRuleCode = b.allowUnsafeRuleCode;
        CompiledRules compiled = CompiledRules.compile(b.rules, allowUnsafeRuleCode);
        this.shards = new Shard[b.shards];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(compiled, settings);
        }
        this.intake = new Intake(settings.zone());
        this.outlet = new DecisionOutlet(b.handler);
        if (b.snapshot != null) {
            resume(b.snapshot);
        }
    }

    private void resume(Snapshot snapshot) {
        if (!snapshot.zone().equals(settings.zone())) {
            throw new IllegalArgumentException("the snapshot was taken in zone " + snapshot.zone()
                    + " but the settings say " + settings.zone() + ": every fact's day would move");
        }
        snapshot.routes().forEach(e -> router.restore(e.getKey(), e.getValue()));
        lastStamp = snapshot.lastStamp();
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
        lifecycle.writeLock().lock();
        try {
            List<Shard.ShardState> states = new ArrayList<>();
            for (Shard s : shards) {
                states.add(s.state());
            }
            return Snapshot.of(settings.zone(), lastStamp, router.routes().entrySet(), states, outlet.pending());
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies one fact.
     *
     * @return the decisions it caused, in campaign order (often none); they are also handed to the handler
     * @throws InvalidInputException when the fact breaks SPEC §2 (e.g. a post id of another member); nothing changes
     * @throws RuleFailureException when a rule fails on it; the engine stays usable for other facts
     */
    public List<Decision> apply(Fact fact) {
        Objects.requireNonNull(fact, "fact");
        List<Decision> decisions;
        lifecycle.readLock().lock();
        try {
            decisions = route(fact);
            lastStamp = fact.stamp();
        } finally {
            lifecycle.readLock().unlock();
        }
        outlet.offer(decisions);
        return decisions;
    }

    private List<Decision> route(Fact fact) {
        OffsetDateTime stamp = fact.stamp();
        if (fact instanceof CheckIn c) {
            return shard(c.member()).checkIn(intake.checkInDay(c), stamp);
        }
        if (fact instanceof Post p) {
            Router.PostDelivery delivery = router.post(p);
            try {
                return shard(p.member()).post(intake.version(p), delivery.waiting(), stamp);
            } catch (RuleFailureException e) {
                router.restore(p.id(), delivery.previous());
                throw e;
            }
        }
        ModerationState state = intake.moderation((Moderation) fact);
        Router.ModerationDelivery delivery = router.moderation(state);
        if (delivery.member() == null) {
            return List.of(); // stale, or waiting for its post
        }
        try {
            return shard(delivery.member()).moderation(state, stamp);
        } catch (RuleFailureException e) {
            router.restore(state.postId(), delivery.previous());
            throw e;
        }
    }

    Shard shard(String member) {
        return shards[Math.floorMod(member.hashCode(), shards.length)];
    }

    /**
     * Applies every fact of a history in file order.
     *
     * @return every decision made, in order
     * @throws InvalidInputException at the first bad line, naming file and line; facts before it stay applied
     */
    public List<Decision> replay(HistoryReader history) {
        List<Decision> all = new ArrayList<>();
        for (Fact fact; (fact = history.next()) != null; ) {
            try {
                all.addAll(apply(fact));
            } catch (InvalidInputException e) {
                throw e.at(history.source(), history.lineNumber());
            } catch (RuleFailureException e) {
                throw new RuleFailureException(e.rule(), history.source() + ":" + history.lineNumber() + ": " + e.getMessage(), e);
            }
        }
        return all;
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
     * @throws IllegalArgumentException when the new settings change the zone (every fact's day would move: replay instead)
     */
    public List<Decision> reload(RulePack newRules, Settings newSettings) {
        Objects.requireNonNull(newRules, "rules");
        Objects.requireNonNull(newSettings, "settings");
        if (!newSettings.zone().equals(settings.zone())) {
            throw new IllegalArgumentException("a reload cannot change the zone (" + settings.zone() + " to "
                    + newSettings.zone() + "): every fact's day would move; replay the history under the new settings instead");
        }
        // Compiled and checked off the hot path: facts keep flowing meanwhile.
        CompiledRules compiled = CompiledRules.compile(newRules, allowUnsafeRuleCode);
        List<Decision> decisions = new ArrayList<>();
        lifecycle.writeLock().lock();
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
            this.settings = newSettings;
        } finally {
            lifecycle.writeLock().unlock();
        }
        outlet.offer(decisions);
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
     * counted days the rules derived, as of the member's latest activity; cheap (a few look-ups in the
     * member's shard, whatever the number of members). A member the engine has not seen gets zero progress.
     * Safe from any thread: it waits for the member's shard between facts.
     */
    public MemberProgress progress(String member) {
        return Explainer.progress(facts(member));
    }

    /**
     * Why a member has what they have: a day-by-day timeline (check-ins; posts with the rules' verdict,
     * the reasons the quality rules recorded and moderations; rewards), the counted days and the progress
     * in every campaign. Read from what the rules derived, never recomputed. Safe from any thread.
     */
    public MemberExplanation explain(String member) {
        return Explainer.explain(facts(member));
    }

    /** Every member the engine has seen a fact of, sorted by id. */
    public List<String> members() {
        lifecycle.readLock().lock();
        try {
            List<String> all = new ArrayList<>();
            for (Shard s : shards) {
                all.addAll(s.members());
            }
            all.sort(null);
            return all;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private MemberFacts facts(String member) {
        Objects.requireNonNull(member, "member");
        lifecycle.readLock().lock();
        try {
            return shard(member).member(member);
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

        /** The rule pack; the default pack (SPEC §3) when not set. */
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
