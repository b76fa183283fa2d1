package org.planetrewards;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The same read of many members, each shard's members on a thread of their own, the results in the order given.
 * A member's read holds its shard, so two threads reading members of one shard take turns: a thread per shard
 * never waits for another (a pool of one thread per core waited about a tenth of its time in a report's
 * explanations). The calling thread takes the first member's shard and every shard with fewer than
 * {@code threadFrom} members, so a small engine starts no thread at all.
 *
 * <p>A read that fails fails the call as on one thread: the first failing member in the order given is reported,
 * and the members before it were all read. A helper stuck in a rule that never ends does not keep the caller
 * waiting: the caller polls the helper's shard and fails once the watchdog gives it up.
 */
final class PerShard {
    private PerShard() {
    }

    /**
     * {@code read} of each of {@code members} with its shard ({@code shardOf}), on threads named {@code threadName}
     * and a number.
     */
    static <T> List<T> map(List<String> members, Function<String, Shard> shardOf, int threadFrom, String threadName,
                           BiFunction<Shard, String, T> read) {
        Map<Shard, List<Integer>> byShard = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            byShard.computeIfAbsent(shardOf.apply(members.get(i)), s -> new ArrayList<>()).add(i);
        }
        Object[] out = new Object[members.size()];
        Throwable[] failed = new Throwable[members.size()];
        List<Integer> mine = new ArrayList<>();
        Map<Thread, Shard> helpers = new LinkedHashMap<>();
        for (Map.Entry<Shard, List<Integer>> e : byShard.entrySet()) {
            List<Integer> theirs = e.getValue();
            if (mine.isEmpty() || theirs.size() < threadFrom) {
                mine.addAll(theirs);
                continue;
            }
            Thread t = new Thread(() -> read(members, theirs, e.getKey(), read, out, failed), threadName + helpers.size());
            t.setDaemon(true); // a thread stuck in a rule that never ends must not keep the JVM up
            helpers.put(t, e.getKey());
            t.start();
        }
        mine.sort(null);
        for (int i : mine) {
            if (!read(members, List.of(i), shardOf.apply(members.get(i)), read, out, failed)) {
                break;
            }
        }
        for (Map.Entry<Thread, Shard> h : helpers.entrySet()) {
            try {
                for (h.getKey().join(100); h.getKey().isAlive(); h.getKey().join(100)) {
                    h.getValue().requireUsable(); // a helper stuck in a rule that never ends: its shard given up says so
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while members were read on the shards' threads", e);
            }
        }
        for (Throwable f : failed) {
            if (f instanceof RuntimeException e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
        }
        @SuppressWarnings("unchecked")
        List<T> all = (List<T>) Arrays.asList(out);
        return all;
    }

    /** Reads the members at {@code indexes} (rising) in turn, up to and including the first that fails; false then. */
    private static <T> boolean read(List<String> members, List<Integer> indexes, Shard shard, BiFunction<Shard, String, T> read,
                                    Object[] out, Throwable[] failed) {
        for (int i : indexes) {
            try {
                out[i] = read.apply(shard, members.get(i));
            } catch (RuntimeException | Error e) {
                failed[i] = e;
                return false;
            }
        }
        return true;
    }
}
