package org.planetrewards;

import org.planetrewards.model.Campaign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a shard has awarded: the keys decided (member, campaign, key), and the decisions that can still
 * be revoked (their campaign has {@code revocableFor} and its period has not passed as far as the
 * shard has seen). Only the revocable ones keep their whole decision: revoking hands it back.
 */
final class Awards {
    private final Set<Shard.Decided> decided = new HashSet<>();
    /** Per member, the decisions still revocable, in the order decided. */
    private final Map<String, Map<Shard.Decided, Decision>> revocable = new HashMap<>();

    boolean contains(Shard.Decided key) {
        return decided.contains(key);
    }

    void addAll(Collection<Shard.Decided> keys) {
        decided.addAll(keys);
    }

    Stream<Shard.Decided> stream() {
        return decided.stream();
    }

    /** Records a decision; keeps it whole while {@code campaign} lets it be revoked. */
    void add(Decision d, Campaign campaign) {
        Shard.Decided key = new Shard.Decided(d.member(), d.campaign(), d.key());
        decided.add(key);
        if (campaign.revocableFor() > 0) {
            revocable.computeIfAbsent(d.member(), k -> new LinkedHashMap<>()).put(key, d);
        }
    }

    /** Takes a revoked decision back: its key can be decided again when the condition holds again. */
    void revoke(Decision d) {
        Shard.Decided key = new Shard.Decided(d.member(), d.campaign(), d.key());
        decided.remove(key);
        forget(key);
    }

    /** A revocable decision whose period passed: it is final, and kept as a key only. */
    void settle(Decision d) {
        forget(new Shard.Decided(d.member(), d.campaign(), d.key()));
    }

    private void forget(Shard.Decided key) {
        Map<Shard.Decided, Decision> of = revocable.get(key.member());
        if (of != null) {
            of.remove(key);
            if (of.isEmpty()) {
                revocable.remove(key.member());
            }
        }
    }

    boolean hasRevocable(String member) {
        return revocable.containsKey(member);
    }

    /** The member's decisions that can still be revoked, in the order decided. */
    List<Decision> revocable(String member) {
        Map<Shard.Decided, Decision> of = revocable.get(member);
        return of == null ? List.of() : List.copyOf(of.values());
    }

    /** Every decision that can still be revoked, by member and then in the order decided: for a snapshot. */
    List<Decision> revocable() {
        List<Decision> all = new ArrayList<>();
        revocable.keySet().stream().sorted().forEach(m -> all.addAll(revocable.get(m).values()));
        return all;
    }

    /** Restores revocable decisions from a snapshot; their keys are restored with the decided ones. */
    void restoreRevocable(List<Decision> decisions, Settings settings) {
        for (Decision d : decisions) {
            Campaign c = settings.campaigns().stream().filter(x -> x.id().equals(d.campaign())).findFirst().orElse(null);
            if (c != null && c.revocableFor() > 0) {
                add(d, c);
            }
        }
    }

    /**
     * Whether nothing new can be decided for the member under {@code settings}, and nothing revoked: every
     * level of every campaign decided, no campaign that repeats, no decision that can still be revoked.
     */
    boolean fullyDecided(String member, Settings settings) {
        if (hasRevocable(member)) {
            return false;
        }
        for (Campaign c : settings.campaigns()) {
            if (c.repeat() != null) {
                return false;
            }
            if (c.levels().isEmpty()) {
                if (!decided.contains(new Shard.Decided(member, c.id()))) {
                    return false;
                }
            } else {
                for (var level : c.levels()) {
                    if (!decided.contains(new Shard.Decided(member, c.id(), level.name()))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Whether the campaign counts as won for the member, for progress and explanations: a campaign won
     * once when decided, one with levels when its top level is; one that repeats never (its next season is ahead).
     */
    boolean won(String member, Campaign c) {
        if (c.repeat() != null) {
            return false;
        }
        String top = c.levels().isEmpty() ? "" : c.levels().get(c.levels().size() - 1).name();
        return decided.contains(new Shard.Decided(member, c.id(), top));
    }

    /** Sorted for a snapshot: member, campaign, key. */
    List<Shard.Decided> sorted() {
        return decided.stream().sorted(Comparator.comparing(Shard.Decided::member).thenComparing(Shard.Decided::campaign)
                .thenComparing(Shard.Decided::key)).toList();
    }
}
