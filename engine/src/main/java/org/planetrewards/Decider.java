package org.planetrewards;

import org.planetrewards.model.Campaign;
import org.planetrewards.model.Qualification;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns qualifications into decisions: the first qualification of a member for a campaign becomes a
 * decision, later ones never do.
 */
final class Decider {
    /** Among several qualifications for one campaign, the one whose evidence ends first, then starts first. */
    private static final Comparator<Qualification> EARLIEST_EVIDENCE = Comparator
            .comparing((Qualification q) -> q.days().get(q.days().size() - 1))
            .thenComparing(q -> q.days().get(0));

    private final Settings settings;

    Decider(Settings settings) {
        this.settings = settings;
    }

    /**
     * Decides after a fact stamped {@code stamp}, from the qualifications that fact brought about.
     * Decisions come per member in order of first appearance, and for one member in campaign order.
     *
     * @param decided keys of campaigns already decided; new decisions are added to it
     */
    List<Decision> decide(List<Qualification> qualifications, OffsetDateTime stamp, Set<Shard.Decided> decided) {
        if (qualifications.isEmpty() || qualifications.stream().allMatch(q -> decided.contains(new Shard.Decided(q.member(), q.campaign())))) {
            return List.of(); // most often: a member who qualifies again for what they already won
        }
        List<Decision> out = new ArrayList<>(2);
        OffsetDateTime decidedAt = stamp.atZoneSameInstant(settings.zone()).toOffsetDateTime();
        Set<String> members = new LinkedHashSet<>();
        qualifications.forEach(q -> members.add(q.member()));
        for (String member : members) {
            for (Campaign campaign : settings.campaigns()) {
                Shard.Decided key = new Shard.Decided(member, campaign.id());
                if (decided.contains(key)) {
                    continue;
                }
                Optional<Qualification> first = qualifications.stream()
                        .filter(q -> q.member().equals(member) && q.campaign().equals(campaign.id()) && !q.days().isEmpty())
                        .min(EARLIEST_EVIDENCE);
                if (first.isPresent()) {
                    decided.add(key);
                    out.add(new Decision(member, campaign.id(), campaign.reward(), decidedAt, first.get().days()));
                }
            }
        }
        return out;
    }
}
