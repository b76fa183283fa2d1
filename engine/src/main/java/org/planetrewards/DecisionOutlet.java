package org.planetrewards;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Hands decisions to the host in the order they were made. One the handler refuses (throws) stays
 * first in line with all after it, and is offered again, with the same id, before anything newer.
 * The handler is called by one thread at a time.
 */
final class DecisionOutlet {
    private final DecisionHandler handler;
    private final Deque<Decision> pending = new ArrayDeque<>();
    private RuntimeException lastFailure;

    DecisionOutlet(DecisionHandler handler) {
        this.handler = handler;
    }

    /** Queues the decisions and delivers what it can; a refusal leaves them pending. */
    synchronized void offer(List<Decision> decisions) {
        pending.addAll(decisions);
        try {
            deliver();
        } catch (DecisionDeliveryException e) {
            // Kept pending: the host sees them in pendingDecisions() and gets them on the next delivery.
        }
    }

    /**
     * Hands every pending decision to the handler, oldest first.
     *
     * @throws DecisionDeliveryException when the handler throws; that decision and all after it stay pending
     */
    synchronized void deliver() {
        while (!pending.isEmpty()) {
            Decision next = pending.peekFirst();
            try {
                handler.accept(next);
            } catch (RuntimeException e) {
                lastFailure = e;
                throw new DecisionDeliveryException(next, pending.size(), e);
            }
            pending.removeFirst();
            lastFailure = null;
        }
    }

    synchronized List<Decision> pending() {
        return List.copyOf(pending);
    }

    synchronized RuntimeException lastFailure() {
        return lastFailure;
    }

    synchronized void restore(List<Decision> decisions) {
        pending.addAll(decisions);
    }
}
