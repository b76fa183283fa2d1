package org.planetrewards;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Facts in, reward decisions out. Built once with {@link #builder()}; then fed facts one at a time
 * ({@link #apply(Fact)}, live use) or a whole history ({@link #replay(HistoryReader)}).
 *
 * <p>Each fact is checked and de-duplicated (SPEC §2), run through the rules, and the campaigns of
 * the member it concerns are re-evaluated; the first time a member meets a campaign's condition a
 * {@link Decision} is made, handed to the {@link DecisionHandler} and returned.
 *
 * <p>Thread safety: every public method may be called from any thread; calls are applied one at a
 * time, in the order they take the engine's lock. Facts of one member must be submitted in their
 * order by the caller.
 */
public final class RewardsEngine implements AutoCloseable {
    private final Settings settings;
    private final RuleSession session;
    private final Intake intake;
    private final DecisionOutlet outlet;

    private RewardsEngine(Builder b) {
        this.settings = b.settings;
        CompiledRules rules = CompiledRules.compile(b.rules, b.allowUnsafeRuleCode);
        this.session = new RuleSession(rules, settings);
        this.intake = new Intake(settings.zone());
        this.outlet = new DecisionOutlet(settings, b.handler);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies one fact.
     *
     * @return the decisions it caused, in campaign order (often none)
     * @throws InvalidInputException when the fact breaks SPEC §2 (e.g. a post id of another member); nothing changes
     * @throws DecisionDeliveryException when the handler throws; the decisions stay pending and are offered again
     */
    public synchronized List<Decision> apply(Fact fact) {
        Objects.requireNonNull(fact, "fact");
        outlet.deliver();
        String member = intake.apply(fact, session);
        if (member == null) {
            return List.of();
        }
        List<Decision> decisions = outlet.decide(session.fire(), fact.stamp());
        outlet.deliver();
        return decisions;
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
            }
        }
        return all;
    }

    /**
     * Offers decisions that the handler refused earlier once more.
     *
     * @throws DecisionDeliveryException when it refuses again
     */
    public synchronized void deliverPending() {
        outlet.deliver();
    }

    /** Decisions made but not yet accepted by the handler, oldest first. */
    public synchronized List<Decision> pendingDecisions() {
        return outlet.pending();
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public synchronized void close() {
        session.close();
    }

    /** Chooses the rules, the settings and where decisions go. */
    public static final class Builder {
        private RulePack rules;
        private Settings settings = Settings.defaults();
        private DecisionHandler handler = d -> { };
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
