package org.planetrewards.cli;

import org.planetrewards.HistoryReader;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * --skip-invalid, shared by every command that reads a history (a picocli mixin): strict by default,
 * since a replay that drops lines silently gives wrong rewards; lenient on request, because one bad line
 * in a real history should not stop a report or an explanation.
 */
final class InputOptions {
    @Option(names = "--skip-invalid", arity = "0..1", paramLabel = "REJECTS.jsonl", fallbackValue = "",
            description = "skip invalid lines instead of stopping at the first: each goes to REJECTS.jsonl (JSON Lines:"
                    + " line, reason, input) or, without a file, to stderr; the count is printed at the end")
    String skipInvalid;

    boolean lenient() {
        return skipInvalid != null;
    }

    /**
     * Where this run's skipped lines go, already attached to {@code reader}; null in strict mode.
     *
     * @throws IOException when the reject file cannot be written, or is the history itself
     */
    Rejects attach(HistoryReader reader, HistoryInput history, PrintWriter err) throws IOException {
        if (skipInvalid == null) {
            return null;
        }
        Rejects rejects = Rejects.open(skipInvalid.isEmpty() ? null : Path.of(skipInvalid), history.file(), err);
        reader.skipInvalid(rejects::accept);
        return rejects;
    }

    /** What a reading left to say on stderr: the keys it ignored and, when lenient, the lines it skipped. */
    static void afterReading(HistoryReader reader, Rejects rejects, PrintWriter err) {
        HistoryInput.reportUnknownKeys(reader, err);
        if (rejects != null) {
            err.println("rewards: " + rejects.summary(reader.source()));
        }
    }
}
