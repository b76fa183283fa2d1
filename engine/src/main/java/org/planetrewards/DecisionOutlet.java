package org.planetrewards;

import org.planetrewards.model.Campaign;
import org.planetrewards.model.Qualification;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns qualifications into decisions: the first qualification of a member for a campaign becomes a
 * decision, later ones never do. Decisions are handed to the host in order; one the handler refuses
 * (throws) stays first in line and is offered again before anything newer.
 */
final class DecisionOutlet {
    /** Among several qualifications for one campaign, the one whose evidence ends first, then starts first. */
    private static final Comparator<Qualification> EARLIEST_EVIDENCE = Comparator
            .comparing((Qualification q) -> q.days().get(q.days().size() - 1))
            .thenComparing(q -> q.days().get(0));

    private final Settings settings;
    private final DecisionHandler handler;
    private final Set<String> decided = new HashSet<>();
    private final Deque<Decision> pending = new ArrayDeque<>();

    DecisionOutlet(Settings settings, DecisionHandler handler) {
        this.settings = settings;
        this.handler = handler;
    }

    /**
     * Decides after a fact stamped {@code stamp}, from the qualifications that fact brought about.
     * Decisions come per member in order of first appearance, and for one member in campaign order.
     */
    List<Decision> decide(List<Qualification> qualifications, OffsetDateTime stamp) {
        if (qualifications.isEmpty()) {
            return List.of();
        }
        List<Decision> out = new ArrayList<>(1);
        OffsetDateTime decidedAt = stamp.atZoneSameInstant(settings.zone()).toOffsetDateTime();
        for (String member : new java.util.LinkedHashSet<>(qualifications.stream().map(Qualification::member).toList())) {
            decideFor(member, qualifications, decidedAt, out);
        }
        return out;
    }

    private void decideFor(String member, List<Qualification> qualifications, OffsetDateTime decidedAt, List<Decision> out) {
        for (Campaign campaign : settings.campaigns()) {
            String key = Decision.idOf(member, campaign.id());
            if (decided.contains(key)) {
                continue;
            }
            Optional<Qualification> first = qualifications.stream()
                    .filter(q -> q.member().equals(member) && q.campaign().equals(campaign.id()) && !q.days().isEmpty())
                    .min(EARLIEST_EVIDENCE);
            if (first.isPresent()) {
                decided.add(key);
                Decision d = new Decision(member, campaign.id(), campaign.reward(), decidedAt, first.get().days());
                out.add(d);
                pending.addLast(d);
            }
        }
    }

    /**
     * Hands every pending decision to the host's handler, oldest first.
     *
     * @throws DecisionDeliveryException when the handler throws; that decision and all after it stay pending
     */
    void deliver() {
        while (!pending.isEmpty()) {
            Decision next = pending.peekFirst();
            try {
                handler.accept(next);
            } catch (RuntimeException e) {
                throw new DecisionDeliveryException(next, pending.size(), e);
            }
            pending.removeFirst();
        }
    }

    List<Decision> pending() {
        return List.copyOf(pending);
    }
}
