package org.planetrewards;

import java.util.concurrent.TimeUnit;

/**
 * One daemon thread per engine that looks at every shard's fact under way a few times a second: a
 * consequence waiting or sleeping past its deadline is interrupted; one still running a grace period
 * after that is spinning where no check reaches it, and its shard is given up ({@link Shard#watch}).
 * Checks between firings and on inserts happen on the evaluating thread itself; this thread costs the
 * evaluations nothing but the volatile fields it reads.
 */
final class Watchdog implements AutoCloseable {
    /** How often the shards are looked at: how late past its deadline a wait is woken, at most. */
    private static final long TICK_MILLIS = 100;
    /** How long past its deadline a consequence may run before its shard is given up. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Thread thread;
    private volatile boolean closed;

    Watchdog(Shard[] shards) {
        this.thread = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(TICK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (Shard s : shards) {
                    s.watch(now, GRACE_NANOS);
                }
            }
        }, "planet-rewards-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
