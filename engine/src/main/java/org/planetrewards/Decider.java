package org.planetrewards;

import org.planetrewards.model.Campaign;
import org.planetrewards.model.Level;
import org.planetrewards.model.Qualification;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns qualifications into decisions: the first qualification of a member for a campaign and key (a
 * level, a season; none for a campaign won once) becomes a decision, later ones never do. And, for a
 * campaign with {@code revocableFor}, takes back a decision whose condition stopped holding within that
 * many days of it.
 */
final class Decider {
    /** Among several qualifications for one key, the one whose evidence ends first, then starts first. */
    private static final Comparator<Qualification> EARLIEST_EVIDENCE = Comparator
            .comparing((Qualification q) -> q.days().get(q.days().size() - 1))
            .thenComparing(q -> q.days().get(0));

    private final Settings settings;

    Decider(Settings settings) {
        this.settings = settings;
    }

    /**
     * Decides after a fact stamped {@code stamp}, from the qualifications that fact brought about.
     * Decisions come per member in order of first appearance, for one member in campaign order, and for
     * one campaign in the order their evidence ends (then level order, then key).
     *
     * @param decided what was already decided; new decisions are added to it
     */
    List<Decision> decide(List<Qualification> qualifications, OffsetDateTime stamp, Awards decided) {
        if (allDecided(qualifications, decided)) {
            return List.of(); // most often: a member who qualifies again for what they already won
        }
        List<Decision> out = new ArrayList<>(2);
        OffsetDateTime decidedAt = stamp.atZoneSameInstant(settings.zone()).toOffsetDateTime();
        Set<String> members = new LinkedHashSet<>();
        qualifications.forEach(q -> members.add(q.member()));
        for (String member : members) {
            for (Campaign campaign : settings.campaigns()) {
                Map<String, Qualification> firstByKey = new LinkedHashMap<>();
                for (Qualification q : qualifications) {
                    if (q.member().equals(member) && q.campaign().equals(campaign.id()) && !q.days().isEmpty()
                            && !decided.contains(key(q))) {
                        firstByKey.merge(q.key(), q, (a, b) -> EARLIEST_EVIDENCE.compare(b, a) < 0 ? b : a);
                    }
                }
                List<Qualification> firsts = new ArrayList<>(firstByKey.values());
                firsts.sort(EARLIEST_EVIDENCE.thenComparing(q -> levelIndex(campaign, q.key())).thenComparing(Qualification::key));
                for (Qualification q : firsts) {
                    Decision d = new Decision(member, campaign.id(), reward(campaign, q.key()), decidedAt, q.days(),
                            q.key(), q.graced(), null);
                    decided.add(d, campaign);
                    out.add(d);
                }
            }
        }
        return out;
    }

    /**
     * The member's revocable decisions that {@code current} (every qualification the member has now,
     * from all their days) no longer supports, as revocations stamped {@code stamp}; decisions whose
     * period has passed by {@code stamp} become final instead.
     *
     * @param cause the fact applied, in words, named in each revocation
     */
    List<Decision> revoke(String member, List<Qualification> current, OffsetDateTime stamp, String cause, Awards decided) {
        List<Decision> out = new ArrayList<>(0);
        OffsetDateTime at = stamp.atZoneSameInstant(settings.zone()).toOffsetDateTime();
        for (Decision d : decided.revocable(member)) {
            Campaign c = campaign(d.campaign());
            if (c == null || c.revocableFor() <= 0 || !stamp.isBefore(d.decidedAt().plusDays(c.revocableFor()))) {
                decided.settle(d); // the period passed (or the campaign left the settings): the decision is final
                continue;
            }
            boolean holds = current.stream().anyMatch(q -> q.member().equals(member) && q.campaign().equals(d.campaign())
                    && q.key().equals(d.key()) && !q.days().isEmpty());
            if (!holds) {
                decided.revoke(d);
                out.add(d.revoked(at, "the condition of " + d.campaign() + (d.key().isEmpty() ? "" : " (" + d.key() + ")")
                        + " no longer holds within " + c.revocableFor() + " days of the decision at " + d.decidedAt(), cause));
            }
        }
        return out;
    }

    /** A loop, not a stream: asked on every member step that qualifies, which is most of them in a busy community. */
    private static boolean allDecided(List<Qualification> qualifications, Awards decided) {
        for (int i = 0; i < qualifications.size(); i++) {
            if (!decided.contains(key(qualifications.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private Campaign campaign(String id) {
        for (Campaign c : settings.campaigns()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private static Shard.Decided key(Qualification q) {
        return new Shard.Decided(q.member(), q.campaign(), q.key());
    }

    /** The level a key names: its part after the last "/" (a season comes first), or the whole key. */
    private static Level level(Campaign c, String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        for (Level l : c.levels()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    private static int levelIndex(Campaign c, String key) {
        Level l = level(c, key);
        return l == null ? -1 : c.levels().indexOf(l);
    }

    private static String reward(Campaign c, String key) {
        Level l = level(c, key);
        return l == null ? c.reward() : l.reward();
    }
}
