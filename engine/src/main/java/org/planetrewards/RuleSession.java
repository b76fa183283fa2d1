package org.planetrewards;

import org.kie.api.KieServices;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 */
final class RuleSession implements AutoCloseable {
    /** A rule pack that keeps firing on one fact is stopped here instead of hanging the engine. */
    static final int FIRING_CAP = 100_000;

    private final KieSession session;
    /** How many facts working memory holds between evaluations. */
    private final long baseFacts;
    /** What was inserted since the evaluation began and is still there, by handle, in insertion order. */
    private final Map<FactHandle, Object> inserted = new LinkedHashMap<>();
    private boolean tracking;

    RuleSession(CompiledRules rules, Settings settings) {
        // The shard's lock is the only one needed: without its own, Drools' propagation list and agenda
        // state machine stop synchronising on every insert and fire (a sixth of an evaluation's time).
        KieSessionConfiguration conf = KieServices.Factory.get().newKieSessionConfiguration();
        conf.setOption(ThreadSafeOption.NO);
        this.session = rules.kieBase().newKieSession(conf, null);
        session.addEventListener(new RuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (tracking) {
                    inserted.put(event.getFactHandle(), event.getObject());
                }
            }

            @Override
            public void objectUpdated(ObjectUpdatedEvent event) {
                inserted.computeIfPresent(event.getFactHandle(), (h, old) -> event.getObject());
            }

            @Override
            public void objectDeleted(ObjectDeletedEvent event) {
                inserted.remove(event.getFactHandle());
            }
        });
        session.insert(settings.quality());
        for (Tag tag : settings.tags()) {
            session.insert(tag);
        }
        for (Campaign campaign : settings.campaigns()) {
            session.insert(campaign);
        }
        fire(); // whatever the rules derive from the settings alone belongs to the resting state
        this.baseFacts = session.getFactCount();
    }

    /**
     * Puts {@code facts} into working memory, runs the rules to rest, and takes the facts out again
     * with everything the rules derived from them.
     *
     * @return what the rules derived and still held at rest, in the order they derived it
     * @throws RuleFailureException when a rule throws or keeps firing past {@link #FIRING_CAP}
     */
    List<Object> evaluate(List<?> facts) {
        List<FactHandle> handles = new ArrayList<>(facts.size());
        try {
            for (Object fact : facts) {
                handles.add(session.insert(fact));
            }
            List<Object> derived = new ArrayList<>();
            tracking = true;
            fire();
            derived.addAll(inserted.values());
            // The facts go, and truth maintenance takes what was inserted logically from them.
            tracking = false;
            for (FactHandle h : handles) {
                session.delete(h);
            }
            fire();
            if (session.getFactCount() != baseFacts) {
                // Rules that insert without insertLogical leave facts behind: they must not meet the next facts.
                for (FactHandle h : List.copyOf(inserted.keySet())) {
                    session.delete(h);
                }
                fire();
            }
            return derived;
        } finally {
            tracking = false;
            inserted.clear();
        }
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
        } catch (RuntimeException e) {
            throw RuleFailureException.from(e);
        }
        if (fired >= FIRING_CAP) {
            String rule = busiestRule();
            throw new RuleFailureException(rule, (rule == null ? "the rules" : "rule \"" + rule + "\"")
                    + " kept firing: stopped at the cap of " + FIRING_CAP + " firings for one fact (a rule that re-triggers"
                    + " itself: a modify without no-loop, or an insert that matches its own conditions)", null);
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
        } catch (RuntimeException ignored) {
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
