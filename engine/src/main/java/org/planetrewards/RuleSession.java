package org.planetrewards;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.Member;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.Qualification;
import org.planetrewards.model.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Drools session and the handles of what the engine put into it. Working memory holds the
 * members, the current version of each post, the latest moderation of each post, one fact per
 * check-in day and the settings; everything else is derived by the rules. Not thread-safe: its
 * {@link Shard} owns it.
 */
final class RuleSession implements AutoCloseable {
    /** A rule pack that keeps firing on one fact is stopped here instead of hanging the engine. */
    static final int FIRING_CAP = 100_000;

    private final KieSession session;
    private final Map<String, FactHandle> posts = new HashMap<>();
    private final Map<String, FactHandle> moderations = new HashMap<>();
    /** Qualifications the rules inserted since the last {@link #fire()} and still hold, in insertion order. */
    private final Set<Qualification> newQualifications = new LinkedHashSet<>();
    /** What the rules derived, by member and post, for progress and explanations. */
    private final FactIndex index = new FactIndex();

    RuleSession(CompiledRules rules, Settings settings) {
        this.session = rules.kieBase().newKieSession();
        // Watching insertions costs nothing per fact; a parameterised query would scan every
        // qualification of every member, since Drools does not index query arguments.
        session.addEventListener(new RuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getObject() instanceof Qualification q) {
                    newQualifications.add(q);
                }
            }

            @Override
            public void objectUpdated(ObjectUpdatedEvent event) {
                // facts are immutable records: nothing is updated in place
            }

            @Override
            public void objectDeleted(ObjectDeletedEvent event) {
                if (event.getOldObject() instanceof Qualification q) {
                    newQualifications.remove(q);
                }
            }
        });
        session.addEventListener(index);
        session.insert(settings.quality());
        for (Tag tag : settings.tags()) {
            session.insert(tag);
        }
        for (Campaign campaign : settings.campaigns()) {
            session.insert(campaign);
        }
    }

    void addMember(String member) {
        session.insert(new Member(member));
    }

    void addCheckIn(CheckInDay day) {
        session.insert(day);
    }

    /** Puts the post's new current version in place of the old one. */
    void putPost(PostVersion version) {
        FactHandle old = posts.put(version.id(), session.insert(version));
        if (old != null) {
            session.delete(old);
        }
    }

    void putModeration(ModerationState state) {
        FactHandle old = moderations.put(state.postId(), session.insert(state));
        if (old != null) {
            session.delete(old);
        }
    }

    /** Takes a check-in day out of working memory (the lateness horizon passed it). */
    void removeCheckIn(CheckInDay day) {
        FactHandle h = session.getFactHandle(day);
        if (h != null) {
            session.delete(h);
        }
    }

    /** Takes a post and its moderation out of working memory (the lateness horizon passed its day). */
    void removePost(String postId) {
        FactHandle post = posts.remove(postId);
        if (post != null) {
            session.delete(post);
        }
        FactHandle moderation = moderations.remove(postId);
        if (moderation != null) {
            session.delete(moderation);
        }
    }

    /**
     * Runs the rules to rest.
     *
     * @return the qualifications that appeared since the last call and still hold, in the order the rules made them
     * @throws RuleFailureException when a rule throws or keeps firing past {@link #FIRING_CAP}
     */
    List<Qualification> fire() {
        int fired;
        try {
            fired = session.fireAllRules(FIRING_CAP);
        } catch (RuntimeException e) {
            newQualifications.clear();
            throw RuleFailureException.from(e);
        }
        if (fired >= FIRING_CAP) {
            String rule = busiestRule();
            newQualifications.clear();
            throw new RuleFailureException(rule, (rule == null ? "the rules" : "rule \"" + rule + "\"")
                    + " kept firing: stopped at the cap of " + FIRING_CAP + " firings for one fact (a rule that re-triggers"
                    + " itself: a modify without no-loop, or an insert that matches its own conditions)", null);
        }
        List<Qualification> out = new ArrayList<>(newQualifications);
        newQualifications.clear();
        return out;
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

    /** Every fact of a type in working memory, for explanations (not on the per-fact path). */
    <T> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object o : session.getObjects(o -> type.isInstance(o))) {
            out.add(type.cast(o));
        }
        return out;
    }

    /** The derived facts by member and post, kept up to date as the session changes. */
    FactIndex index() {
        return index;
    }

    @Override
    public void close() {
        session.dispose();
    }
}
