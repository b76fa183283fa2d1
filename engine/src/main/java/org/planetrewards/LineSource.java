package org.planetrewards;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a history into lines the way {@link java.io.BufferedReader#readLine()} does ({@code \n},
 * {@code \r\n} or {@code \r}), but never holds more than {@code maxLength} units of one line: a longer
 * line is skipped to its end without being kept, so a hostile file cannot make a reader allocate
 * without bound. Over bytes, each line is decoded on its own with a strict UTF-8 decoder, so a line
 * that is not UTF-8 is a problem of that line only and the next line reads normally.
 */
abstract class LineSource implements Closeable {
    /** A line's text, or why it has none ({@code problem}); {@code text} and {@code problem} are never both set. */
    record Line(String text, String problem) {
    }

    /** A line from bytes: {@code maxLength} counts UTF-8 bytes. */
    static LineSource of(InputStream in, int maxLength) {
        return new Bytes(in, maxLength);
    }

    /** A line from characters: {@code maxLength} counts chars (UTF-16 units). */
    static LineSource of(Reader in, int maxLength) {
        return new Chars(in, maxLength);
    }

    /**
     * The next line, or {@code null} at the end.
     *
     * @throws IOException when the underlying stream fails (a {@link java.nio.charset.CharacterCodingException}
     *                     from a reader that decodes strictly: the reader cannot go on after it)
     */
    abstract Line next() throws IOException;

    static String tooLong(int maxLength, String unit) {
        return "line is longer than " + maxLength + " " + unit + " (the limit), so it was not read";
    }

    private static final class Bytes extends LineSource {
        private final InputStream in;
        private final int max;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int end;
        private boolean skipLf;
        private byte[] line = new byte[512];
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        Bytes(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        private boolean fill() throws IOException {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            pos = 0;
            end = n;
            return true;
        }

        @Override
        Line next() throws IOException {
            int len = 0;
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == end && !fill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
                if (skipLf) { // the \n of a \r\n that ended the previous line
                    skipLf = false;
                    if (buf[pos] == '\n') {
                        pos++;
                        continue;
                    }
                }
                any = true;
                int start = pos;
                while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                    pos++;
                }
                int n = pos - start;
                if (!tooLong) {
                    if (len + n > max) {
                        tooLong = true;
                    } else {
                        if (len + n > line.length) {
                            line = java.util.Arrays.copyOf(line, Math.min(max, Math.max(len + n, line.length * 2)));
                        }
                        System.arraycopy(buf, start, line, len, n);
                        len += n;
                    }
                }
                if (pos < end) {
                    skipLf = buf[pos++] == '\r';
                    break;
                }
            }
            if (tooLong) {
                return new Line(null, tooLong(max, "bytes"));
            }
            return decode(len);
        }

        private Line decode(int len) {
            boolean ascii = true;
            for (int i = 0; i < len && ascii; i++) {
                ascii = line[i] >= 0;
            }
            if (ascii) {
                return new Line(new String(line, 0, len, StandardCharsets.ISO_8859_1), null);
            }
            // The JDK's own decoding is several times faster than a CharsetDecoder into a fresh buffer; it
            // replaces what is not UTF-8 with U+FFFD, so a line without one is valid as it stands. A line
            // that has one (written so, or not UTF-8) is decoded again strictly, to tell which and where.
            String fast = new String(line, 0, len, StandardCharsets.UTF_8);
            if (fast.indexOf('\uFFFD') < 0) {
                return new Line(fast, null);
            }
            ByteBuffer bytes = ByteBuffer.wrap(line, 0, len);
            CharBuffer chars = CharBuffer.allocate(len); // UTF-8 never decodes to more chars than bytes
            utf8.reset();
            CoderResult r = utf8.decode(bytes, chars, true);
            if (!r.isError()) {
                r = utf8.flush(chars);
            }
            if (r.isError()) {
                return new Line(null, "not valid UTF-8 (byte " + (bytes.position() + 1) + " of the line)");
            }
            chars.flip();
            return new Line(chars.toString(), null);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class Chars extends LineSource {
        private final Reader in;
        private final int max;
        private final char[] buf = new char[1 << 14];
        private int pos;
        private int end;
        private boolean skipLf;
        private final StringBuilder line = new StringBuilder(256);

        Chars(Reader in, int max) {
            this.in = in;
            this.max = max;
        }

        private boolean fill() throws IOException {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            pos = 0;
            end = n;
            return true;
        }

        @Override
        Line next() throws IOException {
            line.setLength(0);
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == end && !fill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
                if (skipLf) {
                    skipLf = false;
                    if (buf[pos] == '\n') {
                        pos++;
                        continue;
                    }
                }
                any = true;
                int start = pos;
                while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                    pos++;
                }
                int n = pos - start;
                if (!tooLong) {
                    if (line.length() + n > max) {
                        tooLong = true;
                        line.setLength(0);
                    } else {
                        line.append(buf, start, n);
                    }
                }
                if (pos < end) {
                    skipLf = buf[pos++] == '\r';
                    break;
                }
            }
            return tooLong ? new Line(null, tooLong(max, "characters")) : new Line(line.toString(), null);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
