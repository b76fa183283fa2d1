package org.planetrewards;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands decisions to the host in the order they were queued. One the handler refuses (throws) stays
 * first in line with all after it, and is offered again, with the same id, before anything newer.
 *
 * <p>Two locks with two jobs. The queue is locked only for a moment, never while the handler runs, so
 * the engine queues a fact's decisions in the same step that records them as decided (a snapshot sees
 * each decision either pending or delivered, never neither). Delivery holds its own lock while it calls
 * the handler, so the handler is called by one thread at a time; a decision leaves the queue only
 * after the handler returned.
 */
final class DecisionOutlet {
    private final DecisionHandler handler;
    /** Guarded by itself; held only for a moment. */
    private final Deque<Decision> pending = new ArrayDeque<>();
    private final ReentrantLock delivering = new ReentrantLock();

    DecisionOutlet(DecisionHandler handler) {
        this.handler = handler;
    }

    /** Queues decisions behind those pending, without delivering. */
    void enqueue(List<Decision> decisions) {
        if (!decisions.isEmpty()) {
            synchronized (pending) {
                pending.addAll(decisions);
            }
        }
    }

    /** Queues the decisions and delivers what it can; a refusal leaves them pending. */
    void offer(List<Decision> decisions) {
        enqueue(decisions);
        deliverQuietly();
    }

    /** Delivers what it can; a refusal leaves the rest pending for the next delivery. */
    void deliverQuietly() {
        try {
            deliver();
        } catch (DecisionDeliveryException e) {
            // Kept pending: the host sees them in pendingDecisions() and gets them on the next delivery.
        }
    }

    /**
     * Hands every pending decision to the handler, oldest first. Called from inside the handler (the
     * handler applied a fact), it only returns: the delivery under way hands over what was queued.
     *
     * @throws DecisionDeliveryException when the handler throws; that decision and all after it stay pending
     */
    void deliver() {
        if (delivering.isHeldByCurrentThread() || isEmpty()) {
            return;
        }
        delivering.lock();
        try {
            while (true) {
                Decision next;
                int left;
                synchronized (pending) {
                    next = pending.peekFirst();
                    left = pending.size();
                }
                if (next == null) {
                    return;
                }
                try {
                    handler.accept(next);
                } catch (RuntimeException e) {
                    throw new DecisionDeliveryException(next, left, e);
                }
                synchronized (pending) {
                    pending.removeFirst(); // still `next`: only the delivering thread takes from the head
                }
            }
        } finally {
            delivering.unlock();
        }
    }

    private boolean isEmpty() {
        synchronized (pending) {
            return pending.isEmpty();
        }
    }

    List<Decision> pending() {
        synchronized (pending) {
            return List.copyOf(pending);
        }
    }

    void restore(List<Decision> decisions) {
        enqueue(decisions);
    }
}
