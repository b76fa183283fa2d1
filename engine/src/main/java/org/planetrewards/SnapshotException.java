package org.planetrewards;

/** A snapshot that cannot be resumed from, with the JSON path of the first problem. Nothing was loaded. */
public final class SnapshotException extends RuntimeException {
    public SnapshotException(String source, String path, String problem) {
        super(source + ": " + path + ": " + problem);
    }
}
