package org.planetrewards.store;

import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.InvalidInputException;
import org.planetrewards.RewardsEngine;
import org.planetrewards.RuleFailureException;
import org.planetrewards.Snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Replays a history file into a {@link DecisionStore}, exactly once across crashes and reruns.
 *
 * <p>Facts are applied one by one, in file order. Every {@link #batchLines(int) batch} of lines, the
 * decisions made since the last batch, the engine's snapshot and the number of lines consumed go to the
 * database in one transaction. A run that finds a checkpoint resumes the engine from its snapshot and
 * reads on from the line after it, so a run killed at any moment, run again, leaves exactly the rows one
 * uninterrupted run leaves; a longer history (the same lines, then more) stores only what the new lines
 * decide. The checkpoint's fingerprint of the lines it covers refuses a history that is not the same.
 */
public final class StoredReplay {
    private final DecisionStore store;
    private final RewardsEngine.Builder engine;
    private int batchLines = 10_000;
    private Consumer<? super Decision> onStored = d -> { };
    private Consumer<? super HistoryReader.Rejected> onRejected;
    private HistoryReader.Limits limits = HistoryReader.Limits.DEFAULT;

    /**
     * @param engine the rules, settings and shards to replay with; this replay sets its decision
     *               handler and, when the store has a checkpoint, the snapshot it resumes from
     */
    public StoredReplay(DecisionStore store, RewardsEngine.Builder engine) {
        this.store = Objects.requireNonNull(store, "store");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * How many lines go into one transaction (default 10,000). Each commit writes the whole engine
     * snapshot, so a small batch costs in proportion to the number of members; a crash repeats at most
     * one batch of work, never a row.
     */
    public StoredReplay batchLines(int lines) {
        if (lines < 1) {
            throw new IllegalArgumentException("a batch has at least one line, not " + lines);
        }
        this.batchLines = lines;
        return this;
    }

    /** Called for each decision once the transaction that stores it has committed, in decision order. */
    public StoredReplay onStored(Consumer<? super Decision> c) {
        this.onStored = Objects.requireNonNull(c, "onStored");
        return this;
    }

    /**
     * Lenient mode: a bad line, whether the reader or the engine refuses it, goes to {@code c} and the
     * replay goes on. Without it the first bad line stops the replay: what came before it is stored,
     * and the exception names file and line.
     */
    public StoredReplay skipInvalid(Consumer<? super HistoryReader.Rejected> c) {
        this.onRejected = Objects.requireNonNull(c, "onRejected");
        return this;
    }

    public StoredReplay limits(HistoryReader.Limits l) {
        this.limits = Objects.requireNonNull(l, "limits");
        return this;
    }

    /** What one run did. */
    public record Result(long resumedAfterLine, long lines, int stored, long rejected) {
    }

    /**
     * Replays {@code history} from where the store's checkpoint says, to its end.
     *
     * @throws InvalidInputException at the first bad line (strict mode), naming file and line; the lines before it are stored
     * @throws RuleFailureException  when a rule fails, naming file and line; the lines before it are stored
     * @throws StoreException        when the database refuses, or its checkpoint is of another history
     */
    public Result replay(Path history) throws IOException {
        String source = history.getFileName().toString();
        Checkpoint checkpoint = store.checkpoint().orElse(null);
        long start = checkpoint == null ? 0 : checkpoint.lines();
        List<Decision> batch = new ArrayList<>();
        int[] stored = {0};
        try (HistoryPrefix prefix = HistoryPrefix.open(history)) {
            if (!prefix.advanceTo(start)) {
                throw new StoreException("the store " + store.label() + " holds " + checkpoint.source() + " up to line " + start
                        + ", but " + source + " is shorter; a store continues one history (the same lines, maybe more"
                        + " at the end): use a new store for another");
            }
            if (checkpoint != null && !prefix.sha256().equals(checkpoint.prefixSha256())) {
                throw new StoreException("the store " + store.label() + " holds " + checkpoint.source() + " up to line " + start
                        + ", but the first " + start + " lines of " + source + " are not those lines; a store continues"
                        + " one history (the same lines, maybe more at the end): use a new store for another");
            }
            engine.onDecision(batch::add);
            if (checkpoint != null) {
                engine.resumeFrom(Snapshot.parse(store.label() + " (checkpoint at line " + start + ")", checkpoint.snapshot()));
            }
            try (RewardsEngine e = engine.build();
                 HistoryReader reader = HistoryReader.of(source, resumedAt(history, start, prefix.offset()), limits)) {
                e.deliverPending(); // what the checkpoint left pending, and what new rules decide at once, goes first
                Batches batches = new Batches(store, prefix, e, source, batch, start, stored);
                long[] rejected = {0};
                if (onRejected != null) {
                    reader.skipInvalid(r -> {
                        rejected[0]++;
                        onRejected.accept(r);
                    });
                }
                for (Fact fact; (fact = next(reader, batches)) != null; ) {
                    long line = reader.lineNumber();
                    try {
                        e.apply(fact);
                    } catch (InvalidInputException refused) {
                        if (onRejected == null) {
                            batches.commit(line - 1); // nothing of this fact was applied
                            throw refused.at(source, line);
                        }
                        rejected[0]++;
                        onRejected.accept(new HistoryReader.Rejected(source, line, refused.problem(), null));
                    } catch (RuleFailureException failed) {
                        batches.commit(line - 1); // the engine undid the fact
                        throw failed.at(source, line);
                    }
                    if (line - batches.committed >= batchLines) {
                        batches.commit(line);
                    }
                }
                batches.commit(reader.lineNumber());
                return new Result(start, reader.lineNumber(), stored[0], rejected[0]);
            }
        }
    }

    /** The next fact; a bad line in strict mode first stores everything before it. */
    private static Fact next(HistoryReader reader, Batches batches) throws IOException {
        try {
            return reader.next();
        } catch (InvalidInputException bad) {
            batches.commit(bad.line() - 1);
            throw bad;
        }
    }

    /**
     * The history from line {@code start + 1} on, behind {@code start} empty lines: the reader skips
     * them without parsing and numbers the lines after them as in the file.
     */
    private static InputStream resumedAt(Path history, long start, long offset) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(history);
        channel.position(offset);
        return new SequenceInputStream(new LineFeeds(start), Channels.newInputStream(channel));
    }

    /** Writes batches: the decisions since the last one and a checkpoint, in one transaction. */
    private final class Batches {
        private final DecisionStore store;
        private final HistoryPrefix prefix;
        private final RewardsEngine engine;
        private final String source;
        private final List<Decision> pending;
        private final int[] stored;
        long committed;

        Batches(DecisionStore store, HistoryPrefix prefix, RewardsEngine engine, String source,
                List<Decision> pending, long committed, int[] stored) {
            this.store = store;
            this.prefix = prefix;
            this.engine = engine;
            this.source = source;
            this.pending = pending;
            this.committed = committed;
            this.stored = stored;
        }

        void commit(long lines) throws IOException {
            if (lines <= committed && pending.isEmpty()) {
                return;
            }
            lines = Math.max(lines, committed);
            if (!prefix.advanceTo(lines)) {
                throw new StoreException(source + " has fewer than " + lines + " lines: it changed while it was replayed");
            }
            store.commit(pending, new Checkpoint(source, lines, prefix.sha256(), engine.snapshot().toJson()));
            committed = lines;
            stored[0] += pending.size();
            pending.forEach(onStored);
            pending.clear();
        }
    }

    /** {@code count} line feeds. */
    private static final class LineFeeds extends InputStream {
        private long left;

        LineFeeds(long count) {
            this.left = count;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return '\n';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) '\n');
            left -= n;
            return n;
        }
    }
}
