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
    /**
     * A line's text, or why it has none ({@link #problem}). A line read from bytes keeps them, valid UTF-8,
     * until the next line is read ({@link #bytes}), and is decoded only when its text is asked for: a parser
     * that reads the bytes itself needs no String of the whole line. A valid line of bytes is itself only good
     * until the next line is read: the source hands out the same object for each.
     */
    static final class Line {
        private String text;
        private final String problem;
        private byte[] bytes;
        private int length;
        private boolean escapes;

        Line(String text, String problem) {
            this(text, problem, null, 0, true);
        }

        private Line(String text, String problem, byte[] bytes, int length, boolean escapes) {
            this.text = text;
            this.problem = problem;
            this.bytes = bytes;
            this.length = length;
            this.escapes = escapes;
        }

        /** The next line of bytes in the same object: a line of bytes is only good until the next is read anyway. */
        private Line next(byte[] bytes, int length, boolean escapes) {
            this.text = null;
            this.bytes = bytes;
            this.length = length;
            this.escapes = escapes;
            return this;
        }

        /** The text, or null when the line has a {@link #problem} instead. */
        String text() {
            if (text == null && bytes != null) {
                text = new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            return text;
        }

        String problem() {
            return problem;
        }

        /** The line's bytes, valid UTF-8, in {@code [0, length())}; null for a line read from characters. */
        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }

        /**
         * False when no backslash in the line's bytes is followed by a {@code u}: no string of it can hold a lone
         * surrogate, which valid UTF-8 cannot encode and only such an escape can write.
         */
        boolean escapes() {
            return escapes;
        }
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

    /**
     * Well-formed UTF-8 as the Unicode standard defines it (table 3-7: no overlong forms, no surrogates, nothing
     * above U+10FFFF), which is exactly what the JDK's strict decoder accepts; checked without decoding, since the
     * parser decodes the values it reads itself.
     */
    static final class Utf8 {
        private Utf8() {
        }

        static boolean valid(byte[] b, int len) {
            return check(b, len) != INVALID;
        }

        static final int INVALID = -1;
        static final int VALID = 0;
        /**
         * Valid, and holds a backslash followed by a {@code u}: maybe a JSON escape of a UTF-16 unit, the one way a
         * string value can hold a lone surrogate (the other escapes, of a tab or a quote, cannot).
         */
        static final int VALID_WITH_U_ESCAPE = 1;

        /** Eight bytes at a time, in the machine's order: the order does not matter to the tests made on them. */
        private static final java.lang.invoke.VarHandle LONGS =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.nativeOrder());
        private static final long HIGH_BITS = 0x8080808080808080L;
        private static final long ONES = 0x0101010101010101L;
        private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

        static int check(byte[] b, int len) {
            int i = 0;
            int backslash = VALID;
            while (i < len) {
                if (i + 8 <= len) { // a run of ASCII without a backslash, eight bytes at a time
                    long w = (long) LONGS.get(b, i);
                    long x = w ^ BACKSLASHES; // a zero byte where a backslash was
                    if ((w & HIGH_BITS) == 0 && ((x - ONES) & ~x & HIGH_BITS) == 0) {
                        i += 8;
                        continue;
                    }
                }
                int c = b[i];
                if (c >= 0) { // ASCII: the common case, one byte
                    if (c == '\\' && i + 1 < len && b[i + 1] == 'u') {
                        backslash = VALID_WITH_U_ESCAPE;
                    }
                    i++;
                    continue;
                }
                c &= 0xFF;
                if (c < 0xC2 || c > 0xF4) {
                    return INVALID; // a continuation byte first, an overlong two-byte lead, or beyond U+10FFFF
                }
                if (c < 0xE0) {
                    if (i + 1 >= len || !continuation(b[i + 1])) {
                        return INVALID;
                    }
                    i += 2;
                } else if (c < 0xF0) {
                    if (i + 2 >= len) {
                        return INVALID;
                    }
                    int c1 = b[i + 1] & 0xFF;
                    if (c == 0xE0 ? c1 < 0xA0 || c1 > 0xBF : c == 0xED ? c1 < 0x80 || c1 > 0x9F : !continuation(b[i + 1])) {
                        return INVALID; // overlong, or a surrogate
                    }
                    if (!continuation(b[i + 2])) {
                        return INVALID;
                    }
                    i += 3;
                } else {
                    if (i + 3 >= len) {
                        return INVALID;
                    }
                    int c1 = b[i + 1] & 0xFF;
                    if (c == 0xF0 ? c1 < 0x90 || c1 > 0xBF : c == 0xF4 ? c1 < 0x80 || c1 > 0x8F : !continuation(b[i + 1])) {
                        return INVALID; // overlong, or beyond U+10FFFF
                    }
                    if (!continuation(b[i + 2]) || !continuation(b[i + 3])) {
                        return INVALID;
                    }
                    i += 4;
                }
            }
            return backslash;
        }

        private static boolean continuation(byte b) {
            return (b & 0xC0) == 0x80;
        }
    }

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
        private final Line valid = new Line(null, null, null, 0, false);
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
            int kind = Utf8.check(line, len);
            if (kind != Utf8.INVALID) { // one Line object for every valid line: one per line was 2 % of the reading thread's allocation
                return valid.next(line, len, kind == Utf8.VALID_WITH_U_ESCAPE);
            }
            // Decoded again strictly, to say where the first bad byte is.
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
            return new Line(chars.toString(), null); // not reached while Utf8 and the decoder agree
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
