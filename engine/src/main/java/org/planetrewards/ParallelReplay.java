package org.planetrewards;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Replays a history with one worker thread per shard. The calling thread reads, checks and routes
 * every fact in file order (so post ownership and waiting moderations are decided exactly as in a
 * one-by-one replay), then queues it on its shard's worker. Results are collected by sequence number
 * and released strictly in file order, so the output does not depend on thread timing.
 */
final class ParallelReplay {
    /** How far the reader may run ahead of the slowest shard, in chunks; bounds memory, not correctness. */
    private static final int QUEUE_PER_SHARD = 16;
    /**
     * Facts are handed to a worker, and results back, in chunks of this many: a hand-over between
     * threads costs a lock and often a thread wake-up, more than the rules take for one fact.
     */
    private static final int CHUNK = 256;

    private record Task(long seq, RewardsEngine.Work work, long line, Fact fact) {
    }

    private record Done(long seq, long line, List<Decision> decisions, RuntimeException failure, Fact fact) {
    }

    private static final List<Task> STOP = java.util.Collections.unmodifiableList(new ArrayList<>(0));

    private final RewardsEngine engine;
    private final Shard[] shards;
    private final DecisionOutlet outlet;
    /**
     * Unbounded on purpose: a worker must never wait to hand in a result, or a slow shard with a full
     * work queue and a full result queue would stall the reader for good. It holds at most what the
     * work queues held, shards x QUEUE_PER_SHARD.
     */
    private final BlockingQueue<List<Done>> done = new java.util.concurrent.LinkedBlockingQueue<>();

    ParallelReplay(RewardsEngine engine, Shard[] shards, DecisionOutlet outlet) {
        this.engine = engine;
        this.shards = shards;
        this.outlet = outlet;
    }

    void run(HistoryReader history, List<Decision> all) {
        Map<Shard, BlockingQueue<List<Task>>> queues = new HashMap<>();
        Map<Shard, List<Task>> filling = new HashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < shards.length; i++) {
            BlockingQueue<List<Task>> q = new ArrayBlockingQueue<>(QUEUE_PER_SHARD);
            queues.put(shards[i], q);
            filling.put(shards[i], new ArrayList<>(CHUNK));
            Thread t = new Thread(() -> work(q), "planet-rewards-replay-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        Finished finished = new Finished();
        long dispatched = 0;
        long[] released = {0};
        RuntimeException failed = null; // the first failure released: the earliest in file order
        RuntimeException cut = null; // where reading or routing stopped: after every fact dispatched
        try {
            for (Fact fact; ; ) {
                try {
                    fact = history.next();
                } catch (InvalidInputException e) {
                    cut = e;
                    break;
                }
                if (fact == null) {
                    break;
                }
                RewardsEngine.Work work;
                try {
                    work = engine.plan(fact);
                } catch (InvalidInputException e) {
                    try {
                        history.reject(e.at(history.source(), history.lineNumber())); // lenient mode skips it
                        continue;
                    } catch (InvalidInputException strict) {
                        cut = strict;
                        break;
                    }
                }
                long seq = dispatched++;
                if (work == null || work.shard() == null) {
                    List<Decision> none = work == null ? List.of() : work.run();
                    finished.put(new Done(seq, history.lineNumber(), none, null, fact));
                } else {
                    List<Task> chunk = filling.get(work.shard());
                    chunk.add(new Task(seq, work, history.lineNumber(), fact));
                    if (chunk.size() == CHUNK) {
                        put(queues.get(work.shard()), chunk);
                        filling.put(work.shard(), new ArrayList<>(CHUNK));
                    }
                }
                failed = release(finished, released, dispatched, all, false, history.source());
                if (failed != null) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // The reader failed (an I/O error mid-file), or the rejection callback threw: the facts already
            // handed to the workers are applied, so their decisions are released below before it is rethrown.
            cut = e;
        } finally {
            for (Map.Entry<Shard, BlockingQueue<List<Task>>> e : queues.entrySet()) {
                if (!filling.get(e.getKey()).isEmpty()) {
                    put(e.getValue(), filling.get(e.getKey()));
                }
                put(e.getValue(), STOP);
            }
        }
        while (released[0] < dispatched) {
            RuntimeException failure = release(finished, released, dispatched, all, true, history.source());
            if (failed == null) {
                failed = failure;
            }
        }
        for (Thread t : workers) {
            join(t);
        }
        // A failure of a fact dispatched comes before the line where reading stopped, as in a one-by-one replay.
        RuntimeException stop = failed != null ? failed : cut;
        if (stop != null) {
            throw stop;
        }
    }

    /**
     * Releases finished results in sequence order.
     *
     * @return the first failure met, or null
     */
    private RuntimeException release(Finished finished, long[] released, long dispatched, List<Decision> all,
                                     boolean wait, String source) {
        RuntimeException failure = null;
        do {
            for (List<Done> ds; (ds = done.poll()) != null; ) {
                ds.forEach(finished::put);
            }
            for (Done d; (d = finished.take(released[0])) != null; released[0]++) {
                if (d.failure() != null) {
                    if (failure == null) {
                        failure = d.failure() instanceof RuleFailureException rf ? rf.on(d.fact()).at(source, d.line())
                                : d.failure() instanceof InvalidInputException ii ? ii.at(source, d.line()) : d.failure();
                    }
                    continue;
                }
                engine.applied(d.decisions(), d.fact().stamp());
                all.addAll(d.decisions());
                outlet.offer(d.decisions());
            }
            if (wait && released[0] < dispatched && !finished.has(released[0])) {
                try {
                    done.take().forEach(finished::put);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("replay interrupted", e);
                }
            }
        } while (wait && released[0] < dispatched && finished.has(released[0]));
        return failure;
    }

    /**
     * Results waiting for their turn, by sequence number: a ring from the next to release on, doubled
     * when the reader runs further ahead. A map of boxed numbers cost the reading thread a twentieth
     * of its time.
     */
    private static final class Finished {
        private Done[] ring = new Done[1 << 12];
        /** The sequence number of the next result to release: nothing before it is held. */
        private long next;

        void put(Done d) {
            while (d.seq() - next >= ring.length) {
                Done[] bigger = new Done[ring.length * 2];
                for (Done held : ring) {
                    if (held != null) {
                        bigger[(int) (held.seq() & (bigger.length - 1))] = held;
                    }
                }
                ring = bigger;
            }
            ring[(int) (d.seq() & (ring.length - 1))] = d;
        }

        boolean has(long seq) {
            return seq - next < ring.length && ring[(int) (seq & (ring.length - 1))] != null;
        }

        /** The result {@code seq} (the next to release) and moves on, or null when it is not in yet. */
        Done take(long seq) {
            int i = (int) (seq & (ring.length - 1));
            Done d = ring[i];
            if (d != null) {
                ring[i] = null;
                next = seq + 1;
            }
            return d;
        }
    }

    private void work(BlockingQueue<List<Task>> q) {
        try {
            for (List<Task> chunk = q.take(); chunk != STOP; chunk = q.take()) {
                List<Done> results = new ArrayList<>(chunk.size());
                for (Task t : chunk) {
                    try {
                        results.add(new Done(t.seq(), t.line(), t.work().run(), null, t.fact()));
                    } catch (RuntimeException e) {
                        results.add(new Done(t.seq(), t.line(), List.of(), e, t.fact()));
                    }
                }
                done.put(results);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> void put(BlockingQueue<T> q, T item) {
        try {
            q.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
