package org.planetrewards;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * In front of a shard's monitor for facts and reads from the engine: a thread left spinning in a
 * consequence holds the monitor for good, and waiting here (unlike on the monitor) ends when the
 * watchdog gives the shard up. Runaway rules are its only business.
 */
final class ShardGate {
    private final ReentrantLock gate = new ReentrantLock();
    /** Why the shard was given up, or null while it works. */
    private volatile RuleFailureException givenUp;
    /** The fact under way, for the watchdog's message; null between facts. */
    private volatile Fact underway;

    /**
     * Runs {@code work} (a fact's change, or a read) holding the shard.
     *
     * @throws RuleFailureException when the shard was given up (before or while waiting for it)
     */
    <T> T exclusive(Fact fact, Supplier<T> work) {
        try {
            while (!gate.tryLock(100, TimeUnit.MILLISECONDS)) {
                requireUsable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a shard", e);
        }
        try {
            requireUsable();
            underway = fact;
            return work.get();
        } finally {
            underway = null;
            // Only the thread the shard was given up to gets here with it given up: it came back after all,
            // the fact was undone on the way out (guarded) and the session renewed, so the shard works again.
            givenUp = null;
            gate.unlock();
        }
    }

    /** @throws RuleFailureException saying plainly that the engine must be rebuilt, once the shard was given up */
    /** The fact under way, or null: what a revocation names as its cause. */
    Fact underway() {
        return underway;
    }

    void requireUsable() {
        RuleFailureException e = givenUp;
        if (e != null) {
            throw new RuleFailureException(e.rule(), "the engine must be rebuilt (build a new one, resuming from a"
                    + " snapshot taken before the failure): a shard is held by a thread that cannot be stopped, since "
                    + e.getMessage(), null);
        }
    }

    /** Why the watchdog gave this shard up (the rule and the fact under way), or null. */
    RuleFailureException givenUpBy() {
        return givenUp;
    }

    /** Gives the shard up for a consequence past its deadline and grace ({@code e}, or null when none is). */
    void overdue(RuleFailureException e) {
        if (e != null && givenUp == null) {
            Fact f = underway;
            givenUp = f == null ? e : e.on(f);
        }
    }
}
