package org.planetrewards.store;

import java.util.Objects;

/**
 * How far a history has been stored: the engine's state after its first {@code lines} lines, and a
 * fingerprint of those lines so that a run on another file is refused instead of resumed.
 *
 * @param source       the history's file name, as error messages show it
 * @param lines        lines consumed (applied, blank or skipped as invalid)
 * @param prefixSha256 SHA-256 of those lines' text, each followed by a line feed, whatever ended it in the file
 * @param snapshot     the engine's {@link org.planetrewards.Snapshot} as JSON
 */
public record Checkpoint(String source, long lines, String prefixSha256, String snapshot) {
    public Checkpoint {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(prefixSha256, "prefixSha256");
        Objects.requireNonNull(snapshot, "snapshot");
        if (lines < 0) {
            throw new IllegalArgumentException("lines must not be negative, not " + lines);
        }
    }
}
