package org.planetrewards.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Walks a history's raw bytes line by line, a reader of its own beside the engine's: it fingerprints
 * the lines consumed so far and finds the byte where a resumed run starts. Line breaks are those the
 * history reader counts ({@code \n}, {@code \r\n}, {@code \r}), so line numbers agree with it.
 */
final class HistoryPrefix implements Closeable {
    private final InputStream in;
    private final MessageDigest digest;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private long lines;
    private long offset;
    /** The last line ended with {@code \r} at the end of the buffer: a {@code \n} first in the next one belongs to it. */
    private boolean skipLf;

    private HistoryPrefix(InputStream in) {
        this.in = in;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static HistoryPrefix open(Path history) throws IOException {
        return new HistoryPrefix(Files.newInputStream(history));
    }

    /**
     * Reads on to the end of line {@code target}, and past the break that ends it when there is one.
     *
     * @return false when the history has fewer lines
     */
    boolean advanceTo(long target) throws IOException {
        while (lines < target) {
            if (!fill()) {
                return false;
            }
            boolean ended = false;
            while (!ended) {
                int start = pos;
                while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                    pos++;
                }
                digest.update(buf, start, pos - start);
                offset += pos - start;
                if (pos < end) {
                    skipLf = buf[pos] == '\r';
                    pos++;
                    offset++;
                    ended = true;
                } else if (!fill()) {
                    ended = true; // the last line, without a break
                }
            }
            digest.update((byte) '\n'); // the line's end, however the file ended it (or did not, at its very end)
            lines++;
        }
        fill(); // steps over the \n of a \r\n that ended the last line read
        return true;
    }

    /** Makes at least one byte available, stepping over a pending {@code \n}; false at the end of the file. */
    private boolean fill() throws IOException {
        while (true) {
            if (pos == end) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    return false;
                }
                pos = 0;
                end = n;
                continue;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    offset++;
                    continue;
                }
            }
            return true;
        }
    }

    /** SHA-256 of the lines read so far, in hex. */
    String sha256() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests clone", e);
        }
    }

    /** Bytes consumed so far: where the line after the last one read starts. */
    long offset() {
        return offset;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
