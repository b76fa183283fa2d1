package org.planetrewards;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
        this.inProgress = new AtomicReferenceArray<>(shards.length);
        this.batches = new AtomicReferenceArray<>(shards.length);
    }

    /** Per shard: the batch its worker runs now, or null; its stuck fact may be any of them. */
    private final AtomicReferenceArray<List<Task>> batches;

    /**
     * Per shard: the results of the worker's chunk so far (synchronized on the list), so that the reader can
     * release those before a task its worker is stuck in: the worker hands them in only at the chunk's end.
     */
    private final AtomicReferenceArray<List<Done>> inProgress;

    /** Tasks after this sequence number are not run: a failure before them ends the replay. */
    private volatile long stopAfter = Long.MAX_VALUE;

    void run(HistoryReader history, List<Decision> all) {
        Map<Shard, BlockingQueue<List<Task>>> queues = new HashMap<>();
        Map<Shard, List<Task>> filling = new HashMap<>();
        List<Thread> workers = new ArrayList<>();
        AtomicReferenceArray<Task> running = new AtomicReferenceArray<>(shards.length); // per shard: the task under way, or null
        for (int i = 0; i < shards.length; i++) {
            BlockingQueue<List<Task>> q = new ArrayBlockingQueue<>(QUEUE_PER_SHARD);
            queues.put(shards[i], q);
            filling.put(shards[i], new ArrayList<>(CHUNK));
            int slot = i;
            Thread t = new Thread(() -> work(q, running, slot), "planet-rewards-replay-" + i);
            t.setDaemon(true); // a worker stuck in a rule of its own is left behind; it must not keep the JVM up
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
                        filling.put(work.shard(), new ArrayList<>(CHUNK));
                        if (!put(queues.get(work.shard()), chunk, work.shard())) {
                            break; // its worker is stuck in a rule: what was dispatched before is released below
                        }
                    }
                }
                failed = release(finished, released, dispatched, all, false, history.source(), running);
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
                if (!filling.get(e.getKey()).isEmpty() && failed == null) {
                    put(e.getValue(), filling.get(e.getKey()), e.getKey());
                }
                put(e.getValue(), STOP, e.getKey());
            }
        }
        while (failed == null && released[0] < dispatched) {
            failed = release(finished, released, dispatched, all, true, history.source(), running);
        }
        for (int i = 0; i < workers.size(); i++) {
            if (!shards[i].givenUp()) {
                join(workers.get(i));
            }
        }
        // A failure of a fact dispatched comes before the line where reading stopped, as in a one-by-one replay.
        RuntimeException stop = failed != null ? failed : cut;
        if (failed instanceof RuleFailureException rf && released[0] < dispatched) {
            engine.partial(rf); // facts after the failing line were routed, some perhaps applied: say so, do not guess
        }
        if (stop != null) {
            throw stop;
        }
    }

    /**
     * Releases finished results in sequence order, up to the first failure: nothing after it is released,
     * so the decisions handed out are exactly those of the facts before the failing line, on every run.
     *
     * @return the first failure met, or null
     */
    private RuntimeException release(Finished finished, long[] released, long dispatched, List<Decision> all,
                                     boolean wait, String source, AtomicReferenceArray<Task> running) {
        do {
            for (List<Done> ds; (ds = done.poll()) != null; ) {
                ds.forEach(finished::put);
            }
            for (Done d; (d = finished.take(released[0])) != null; ) {
                if (d.failure() != null) {
                    stopAfter = d.seq();
                    return d.failure() instanceof RuleFailureException rf ? rf.on(d.fact()).at(source, d.line())
                            : d.failure() instanceof InvalidInputException ii ? ii.at(source, d.line()) : d.failure();
                }
                released[0]++;
                engine.applied(d.decisions(), d.fact().stamp());
                all.addAll(d.decisions());
                outlet.offer(d.decisions());
            }
            if (wait && released[0] < dispatched && !finished.has(released[0])) {
                try {
                    List<Done> ds = done.poll(100, TimeUnit.MILLISECONDS);
                    if (ds != null) {
                        ds.forEach(finished::put);
                    } else {
                        RuntimeException stuck = stuck(released[0], running, source, finished);
                        if (stuck != null) {
                            stopAfter = released[0];
                            return stuck;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("replay interrupted", e);
                }
            }
        } while (wait && released[0] < dispatched);
        return null;
    }

    /** The failure of the fact {@code seq} when it is the one a given-up shard's worker is stuck in, else null. */
    private RuntimeException stuck(long seq, AtomicReferenceArray<Task> running, String source, Finished finished) {
        for (int i = 0; i < shards.length; i++) {
            Task t = running.get(i);
            RuleFailureException givenUp = shards[i].givenUpBy();
            if (t == null || givenUp == null) {
                continue;
            }
            if (t.seq() == seq) {
                return batchGivenUp(batches.get(i), t, givenUp, source);
            }
            // What the stuck worker did before the task it is stuck in: the replay ends at that task, so
            // these are never handed in twice to a release that goes on.
            List<Done> before = inProgress.get(i);
            if (before != null) {
                synchronized (before) {
                    before.forEach(d -> {
                        if (d.seq() >= seq) {
                            finished.put(d);
                        }
                    });
                }
            }
        }
        return null;
    }

    /**
     * The failure of a stuck worker's task {@code t}, the next to release. Alone (or first in its batch, or
     * with the stuck fact unknown) it is the watchdog's failure at its own line. Inside a batch, the facts
     * before the stuck one went through the same evaluation, which never finished: nothing they would
     * derive alone can be told from it, and redoing them needs their members' state before the batch, held
     * and still changed by the thread that cannot be stopped. So the replay ends at the batch's first line,
     * naming every line without decisions and the fact and rule that stopped them, as a failure is named:
     * never silently without decisions (docs/architecture.md, "Batches in a replay").
     */
    private static RuntimeException batchGivenUp(List<Task> batch, Task t, RuleFailureException givenUp, String source) {
        List<Long> before = new ArrayList<>();
        for (Task b : batch == null ? List.<Task>of() : batch) {
            if (b.fact() == givenUp.fact()) {
                if (before.isEmpty()) {
                    break; // the stuck fact is the batch's first: as one at a time
                }
                String lines = before.size() == 1 ? "line " + before.get(0) : "lines "
                        + before.subList(0, before.size() - 1).stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                        + " and " + before.get(before.size() - 1);
                return givenUp.reworded("no decisions for " + lines + ": the replay evaluated " + (before.size() == 1 ? "it" : "them")
                        + " in one batch with line " + b.line() + "'s fact, and that evaluation never finished: "
                        + givenUp.getMessage()).at(source, t.line());
            }
            before.add(b.line());
        }
        return givenUp.on(t.fact()).at(source, t.line());
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
            if (d.seq() < next) {
                return; // released already: taken from a stuck worker, then handed in by it when it came back
            }
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

    private void work(BlockingQueue<List<Task>> q, AtomicReferenceArray<Task> running, int slot) {
        Shard shard = shards[slot];
        int size = engine.batchSize;
        boolean batching = size > 1 && shard.batchable(engine.forceBatching);
        try {
            for (List<Task> chunk = q.take(); chunk != STOP; chunk = q.take()) {
                List<Done> results = new ArrayList<>(chunk.size());
                inProgress.set(slot, results);
                for (int i = 0; i < chunk.size(); ) {
                    Task t = chunk.get(i);
                    if (t.seq() > stopAfter) {
                        break; // an earlier fact failed: the replay ends there, this one is never released
                    }
                    int end = batching ? batchEnd(chunk, i, size) : i;
                    if (end - i < 2) {
                        add(results, alone(t, running, slot));
                        i++;
                        continue;
                    }
                    running.set(slot, t);
                    batches.set(slot, chunk.subList(i, end)); // a consequence that spins may be any fact's
                    List<ShardBatch.Task> tasks = new ArrayList<>(end - i);
                    for (int j = i; j < end; j++) {
                        tasks.add(chunk.get(j).work().batch());
                    }
                    ShardBatch.Result r;
                    try {
                        r = shard.exclusive(t.fact(), () -> shard.batch(tasks));
                    } catch (RuntimeException e) { // the shard was given up: each fact alone says so
                        r = new ShardBatch.Result(List.of(), true);
                    } finally {
                        batches.set(slot, null);
                    }
                    List<List<Decision>> made = r.decisions();
                    for (int k = 0; k < made.size(); k++) {
                        Task done = chunk.get(i + k);
                        add(results, new Done(done.seq(), done.line(), made.get(k), null, done.fact()));
                    }
                    i += made.size();
                    // Abandoned: each fact of the batch alone, exactly as without batches. Cut short: the fact
                    // that could not join runs alone, and batching goes on after it.
                    int stop = r.abandoned() ? end : Math.min(i + 1, end);
                    for (; i < stop && chunk.get(i).seq() <= stopAfter; i++) {
                        add(results, alone(chunk.get(i), running, slot));
                    }
                }
                running.set(slot, null);
                done.put(results);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where a batch from {@code from} ends: facts that can go in a batch ({@link RewardsEngine.Work#batch}),
     * each of a member not yet in it, at most {@code size}. The members seen so far are kept at hand: the
     * facts were made on the reading thread, and walking back to each one's id for every candidate cost a
     * twentieth of a dense replay's samples. Ids are compared by their cached hash first; {@link ShardBatch}
     * checks distinctness again, so this is only where the batch is cut.
     */
    private static int batchEnd(List<Task> chunk, int from, int size) {
        String[] members = new String[size];
        int n = 0;
        while (from + n < chunk.size() && n < size) {
            ShardBatch.Task b = chunk.get(from + n).work().batch();
            if (b == null || seen(members, n, b.member())) {
                break;
            }
            members[n++] = b.member();
        }
        return from + n;
    }

    /** Whether {@code member} is one of the first {@code n} of {@code members}: a scan of a few, cheaper than a set. */
    private static boolean seen(String[] members, int n, String member) {
        int hash = member.hashCode();
        for (int i = 0; i < n; i++) {
            String m = members[i];
            if (m == member || m.hashCode() == hash && m.equals(member)) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<Done> results, Done d) {
        synchronized (results) { // uncontended but for a reader looking at a stuck worker
            results.add(d);
        }
    }

    /** One fact through its shard alone: its decisions, or its failure. */
    private static Done alone(Task t, AtomicReferenceArray<Task> running, int slot) {
        running.set(slot, t);
        try {
            return new Done(t.seq(), t.line(), t.work().run(), null, t.fact());
        } catch (RuntimeException e) {
            return new Done(t.seq(), t.line(), List.of(), e, t.fact());
        } catch (Error e) { // the rules' own Errors arrive as RuleFailureException; this is the engine's
            return new Done(t.seq(), t.line(), List.of(), new RuleFailureException(null, "the engine failed: " + e, e), t.fact());
        }
    }

    /**
     * Hands {@code item} to a shard's worker, waiting while its queue is full.
     *
     * @return false when the shard was given up (its worker will never take anything again)
     */
    private static <T> boolean put(BlockingQueue<T> q, T item, Shard shard) {
        try {
            while (!q.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (shard.givenUp()) {
                    return false;
                }
            }
            return true;
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
