package org.planetrewards;

import org.planetrewards.model.Campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a shard has decided: every campaign decided for each of its members (kept from a snapshot on), and
 * the decisions made since the shard started, for progress and explanations. Only the shard, under its
 * lock, calls it.
 */
final class DecidedCampaigns {
    /** Campaigns (levels, seasons) decided, by member, and decisions still revocable; the {@link Decider} adds to it. */
    final Awards decided = new Awards();
    /** Decisions made since this shard started, per member, for progress and explanations. */
    private final Map<String, List<Decision>> decisionsByMember = new HashMap<>();

    boolean fullyDecided(String member, Settings under) {
        return decided.fullyDecided(member, under);
    }

    /** Records decisions just made; a member decided for every campaign is marked done. */
    List<Decision> remember(List<Decision> made, Map<String, MemberState> members, Settings settings) {
        for (Decision d : made) {
            List<Decision> of = decisionsByMember.computeIfAbsent(d.member(), k -> new ArrayList<>(2));
            if (d.isRevocation()) {
                of.removeIf(x -> x.id().equals(d.id()));
            } else {
                of.add(d);
            }
            MemberState m = members.get(d.member());
            if (m != null) {
                m.done = fullyDecided(m.id, settings);
            }
        }
        return made;
    }

    /** The ids of the campaigns of {@code settings} decided for the member, in campaign order. */
    Set<String> ids(String member, Settings settings) {
        Set<String> ids = new LinkedHashSet<>();
        for (Campaign c : settings.campaigns()) {
            if (decided.won(member, c)) {
                ids.add(c.id());
            }
        }
        return ids;
    }

    /** The decisions made for the member since the shard started, in order. */
    List<Decision> of(String member) {
        return List.copyOf(decisionsByMember.getOrDefault(member, List.of()));
    }

    /** Every decided campaign, by member then campaign (a snapshot's order). */
    List<Shard.Decided> sorted() {
        return decided.sorted();
    }
}
