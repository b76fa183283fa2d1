package org.planetrewards;

import org.planetrewards.model.Campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
    /** Campaigns decided, by member; the {@link Decider} adds to it. */
    final Set<Shard.Decided> decided = new HashSet<>();
    /** Decisions made since this shard started, per member, for progress and explanations. */
    private final Map<String, List<Decision>> decisionsByMember = new HashMap<>();

    boolean fullyDecided(String member, Settings under) {
        for (Campaign c : under.campaigns()) {
            if (!decided.contains(new Shard.Decided(member, c.id()))) {
                return false;
            }
        }
        return true;
    }

    /** Records decisions just made; a member decided for every campaign is marked done. */
    List<Decision> remember(List<Decision> made, Map<String, MemberState> members, Settings settings) {
        for (Decision d : made) {
            decisionsByMember.computeIfAbsent(d.member(), k -> new ArrayList<>(2)).add(d);
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
            if (decided.contains(new Shard.Decided(member, c.id()))) {
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
        return decided.stream().sorted(Comparator.comparing(Shard.Decided::member).thenComparing(Shard.Decided::campaign)).toList();
    }
}
