package org.planetrewards;

import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.QueryResults;
import org.kie.api.runtime.rule.QueryResultsRow;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.Qualification;
import org.planetrewards.model.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Drools session and the handles of what the engine put into it. Working memory holds only the
 * current version of each post, the latest moderation of each post, one fact per check-in day and
 * the settings; everything else is derived by the rules. Not thread-safe: one owner at a time.
 */
final class RuleSession implements AutoCloseable {
    /** A rule pack that keeps firing on one fact is stopped here instead of hanging the engine. */
    static final int FIRING_CAP = 100_000;

    private final KieSession session;
    private final Map<String, FactHandle> posts = new HashMap<>();
    private final Map<String, FactHandle> moderations = new HashMap<>();
    private final Set<CheckInDay> checkIns = new HashSet<>();

    RuleSession(CompiledRules rules, Settings settings) {
        this.session = rules.kieBase().newKieSession();
        session.insert(settings.quality());
        for (Tag tag : settings.tags()) {
            session.insert(tag);
        }
        for (Campaign campaign : settings.campaigns()) {
            session.insert(campaign);
        }
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

    /** @return false when the member had already checked in that day (nothing changes) */
    boolean addCheckIn(CheckInDay day) {
        if (!checkIns.add(day)) {
            return false;
        }
        session.insert(day);
        return true;
    }

    /** Runs the rules to rest, then reads the member's qualifications. */
    List<Qualification> qualificationsOf(String member) {
        int fired = session.fireAllRules(FIRING_CAP);
        if (fired >= FIRING_CAP) {
            throw new IllegalStateException("the rules fired " + fired + " times for one fact of member "
                    + member + " and were stopped: a rule probably keeps re-triggering itself");
        }
        List<Qualification> out = new ArrayList<>();
        QueryResults rows = session.getQueryResults(CompiledRules.QUALIFICATIONS_QUERY, member);
        for (QueryResultsRow row : rows) {
            out.add((Qualification) row.get("$qualification"));
        }
        return out;
    }

    @Override
    public void close() {
        session.dispose();
    }
}
