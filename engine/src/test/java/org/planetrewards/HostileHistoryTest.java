package org.planetrewards;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * History lines written to hurt: over every limit, with control characters in ids, lone surrogates,
 * timestamps at the ends of time, duplicate keys, trailing garbage, deep nesting, bytes that are not
 * UTF-8, and a line of 256 MB without an end. Each is an {@link InvalidInputException} at its line;
 * in lenient mode each is a {@link HistoryReader.Rejected} and the good lines around it read normally.
 */
class HostileHistoryTest {
    static final String CHECKIN = "{\"type\":\"checkin\",\"member\":\"mei\",\"at\":\"2026-03-01T08:00:00+08:00\"}";
    static final List<String> SUMMARY = new ArrayList<>();

    @AfterAll
    static void summary() {
        SUMMARY.forEach(System.out::println);
    }

    static String post(String fields) {
        return "{\"type\":\"post\",\"id\":\"p1\",\"member\":\"mei\",\"at\":\"2026-03-01T09:00:00+08:00\",\"text\":\"hello\"" + fields + "}";
    }

    static String problem(String line) {
        try {
            HistoryReader.parseLine(line);
        } catch (InvalidInputException e) {
            assertThat(e.line()).isZero();
            return e.problem();
        }
        throw new AssertionError("accepted: " + line);
    }

    static String repeat(String s, int n) {
        return String.join("", Collections.nCopies(n, s));
    }

    static String list(String item, int n) {
        return "[" + String.join(",", Collections.nCopies(n, "\"" + item + "\"")) + "]";
    }

    @Test
    void eachLimitRefusesOneMoreThanItAllows() {
        HistoryReader.Limits d = HistoryReader.Limits.DEFAULT;
        String id = repeat("m", d.maxIdLength());
        // at the limit: accepted
        HistoryReader.parseLine("{\"type\":\"checkin\",\"member\":\"" + id + "\",\"at\":\"2026-03-01T08:00:00Z\"}");
        HistoryReader.parseLine(post(",\"text\":\"" + repeat("字", d.maxTextLength()) + "\"").replace(",\"text\":\"hello\"", ""));
        HistoryReader.parseLine(post(",\"tags\":" + list("news", d.maxTags()) + ",\"links\":" + list("https://x", d.maxLinks())));
        HistoryReader.parseLine(post(",\"tags\":[\"" + repeat("t", d.maxTagLength()) + "\"]"));
        // one more: refused, saying which limit
        assertThat(problem("{\"type\":\"checkin\",\"member\":\"" + id + "m\",\"at\":\"2026-03-01T08:00:00Z\"}"))
                .isEqualTo("checkin \"member\" is 129 characters long; the limit is 128");
        assertThat(problem(post("").replace("\"id\":\"p1\"", "\"id\":\"" + id + "p\"")))
                .isEqualTo("post \"id\" is 129 characters long; the limit is 128");
        assertThat(problem("{\"type\":\"moderation\",\"post\":\"" + id + "p\",\"action\":\"feature\",\"at\":\"2026-03-01T08:00:00Z\"}"))
                .isEqualTo("moderation \"post\" is 129 characters long; the limit is 128");
        assertThat(problem(post("").replace("\"text\":\"hello\"", "\"text\":\"" + repeat("字", d.maxTextLength() + 1) + "\"")))
                .isEqualTo("post \"text\" is 20001 characters long; the limit is 20000");
        assertThat(problem(post(",\"tags\":" + list("news", d.maxTags() + 1)))).isEqualTo("post has 33 tags; the limit is 32");
        assertThat(problem(post(",\"links\":" + list("https://x", d.maxLinks() + 1)))).isEqualTo("post has 33 links; the limit is 32");
        assertThat(problem(post(",\"tags\":[\"" + repeat("t", d.maxTagLength() + 1) + "\"]")))
                .isEqualTo("post \"tags\" holds one 101 characters long; the limit is 100");
    }

    @Test
    void limitsAreConfigurableAndChecked() {
        HistoryReader.Limits tight = HistoryReader.Limits.DEFAULT.withMaxIdLength(3).withMaxTags(1).withMaxTextLength(4)
                .withMaxLinks(1).withMaxTagLength(4).withMaxLineLength(200)
                .withTimeRange(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
        assertThatThrownBy(() -> HistoryReader.parseLine(CHECKIN.replace("mei", "mei2"), tight)).hasMessageContaining("the limit is 3");
        assertThatThrownBy(() -> HistoryReader.parseLine(post(""), tight)).hasMessageContaining("post \"text\" is 5 characters long");
        assertThatThrownBy(() -> HistoryReader.parseLine(CHECKIN.replace("2026-03", "2025-03"), tight))
                .hasMessage("checkin \"at\" is 2025-03-01T08:00:00+08:00, outside the accepted range 2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z");
        assertThat(HistoryReader.parseLine(CHECKIN, tight)).isInstanceOf(CheckIn.class);
        String longLine = CHECKIN.replace("}", ",\"pad\":\"" + repeat(" ", 200) + "\"}");
        HistoryReader r = HistoryReader.of("h.jsonl", new StringReader(longLine + "\n" + CHECKIN + "\n"), tight);
        assertThatThrownBy(r::next).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("h.jsonl:1: line is longer than 200 characters");
        assertThat(r.next()).isInstanceOf(CheckIn.class);
        assertThat(r.lineNumber()).isEqualTo(2);

        assertThatThrownBy(() -> HistoryReader.Limits.DEFAULT.withMaxTags(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTags must be at least 1, not 0");
        assertThatThrownBy(() -> HistoryReader.Limits.DEFAULT.withTimeRange(Instant.EPOCH, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "far past        | 1999-12-31T23:59:59Z       | checkin \"at\" is 1999-12-31T23:59:59Z, outside the accepted range 2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z",
            "far future      | 2100-01-01T08:00:00+08:00  | checkin \"at\" is 2100-01-01T08:00:00+08:00, outside the accepted range",
            "last instant in | 2100-01-01T07:59:59+08:00  | ",
            "end of time     | +999999999-12-31T23:59:59-18:00 | outside the accepted range",
            "start of time   | -999999999-01-01T00:00:00+18:00 | outside the accepted range",
            "no offset       | 2026-03-01T08:00:00        | checkin \"at\" has no offset",
            "no seconds fine | 2026-03-01T08:00Z          | ",
            "leap second     | 2026-03-01T23:59:60Z       | is not an ISO-8601 timestamp",
            "february 30     | 2026-02-30T08:00:00Z       | is not an ISO-8601 timestamp",
    })
    void timestampsOutsideTheAbsoluteRangeAreRefused(String name, String at, String expected) {
        String line = CHECKIN.replace("2026-03-01T08:00:00+08:00", at);
        if (expected == null) {
            assertThat(HistoryReader.parseLine(line)).isInstanceOf(CheckIn.class);
        } else {
            assertThat(problem(line)).contains(expected);
        }
        String edited = post(",\"editedAt\":\"" + at + "\"");
        if (expected == null) {
            assertThat(HistoryReader.parseLine(edited)).isInstanceOf(Post.class);
        } else {
            assertThat(problem(edited)).startsWith("post \"editedAt\"");
        }
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"0000", "0007", "0009", "000A", "001B", "007F", "0085", "200B", "200E", "202E", "2028", "2029", "FEFF"})
    void idsWithControlOrInvisibleCharactersAreRefused(String hex) {
        char c = (char) Integer.parseInt(hex, 16);
        String escaped = String.format("\\u%04X", (int) c);
        assertThat(problem(CHECKIN.replace("\"mei\"", "\"m" + escaped + "ei\"")))
                .isEqualTo("checkin \"member\" contains the control character U+" + hex + " at position 2");
        assertThat(problem(post("").replace("\"p1\"", "\"p" + escaped + "\""))).startsWith("post \"id\" contains the control character");
        assertThat(problem("{\"type\":\"moderation\",\"post\":\"" + escaped + "\",\"action\":\"reject\",\"at\":\"2026-03-01T08:00:00Z\"}"))
                .startsWith("moderation \"post\" contains the control character");
    }

    @Test
    void loneSurrogatesAreRefusedInEveryStringButPairsAreFine() {
        assertThat(problem(CHECKIN.replace("\"mei\"", "\"m\\ud800\""))).isEqualTo(
                "checkin \"member\" is not valid Unicode: a lone surrogate U+D800 at position 2");
        assertThat(problem(post("").replace("hello", "he\\udc00llo"))).startsWith("post \"text\" is not valid Unicode");
        assertThat(problem(post(",\"tags\":[\"\\udbff\"]"))).startsWith("post \"tags\" is not valid Unicode");
        assertThat(problem(post(",\"links\":[\"https://x/\\ud83d\"]"))).startsWith("post \"links\" is not valid Unicode");
        assertThat(((Post) HistoryReader.parseLine(post("").replace("hello", "🚀 \\ud83d\\ude80"))).text()).isEqualTo("🚀 🚀");
    }

    @Test
    void jsonThatIsNotExactlyOneObjectIsRefused() {
        assertThat(problem(CHECKIN + " junk")).startsWith("invalid JSON: Unrecognized token 'junk'");
        assertThat(problem(CHECKIN + " 42")).isEqualTo("invalid JSON: more after the end of the object");
        assertThat(problem(CHECKIN + CHECKIN)).isEqualTo("invalid JSON: more after the end of the object");
        assertThat(problem(CHECKIN.replace("}", ",\"member\":\"wang\"}"))).startsWith("invalid JSON: Duplicate field 'member'");
        assertThat(problem(CHECKIN.replace("}", ",\"x\":" + repeat("[", 5000) + repeat("]", 5000) + "}")))
                .startsWith("invalid JSON: Document nesting depth");
        assertThat(problem("[" + CHECKIN + "]")).isEqualTo("expected a JSON object with a \"type\"");
        assertThat(problem("{\"type\":[\"checkin\"]}")).isEqualTo("\"type\" must be a string, found [\"checkin\"]");
        assertThat(problem("{\"type\":\"" + repeat("x", 500) + "\"}")).hasSizeLessThan(200).startsWith("unknown type \"xxx").contains("...");
    }

    @Test
    void lineEndingsBlankLinesAndAByteOrderMarkAreRead() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String body = CHECKIN + "\r\n\r\n" + CHECKIN.replace("mei", "wang") + "\r" + CHECKIN.replace("mei", "li") + "\n \t\n"
                + CHECKIN.replace("mei", "he");
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(bom), new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        HistoryReader r = HistoryReader.of("h.jsonl", in, HistoryReader.Limits.DEFAULT);
        List<String> seen = new ArrayList<>();
        for (Fact f; (f = r.next()) != null; ) {
            seen.add(((CheckIn) f).member() + "@" + r.lineNumber());
        }
        assertThat(seen).containsExactly("mei@1", "wang@3", "li@4", "he@6");
        // The same text through a Reader numbers the lines the same way.
        HistoryReader chars = HistoryReader.of("h.jsonl", new StringReader("\uFEFF" + body));
        assertThat(chars.readAll()).hasSize(4);
        assertThat(chars.lineNumber()).isEqualTo(6);
    }

    @Test
    void aReplacementCharacterWrittenInUtf8IsText() throws IOException {
        // U+FFFD is what a lenient decoder leaves for bad bytes; written on purpose, it is a character like any other.
        String line = CHECKIN.replace("mei", "m\uFFFDi\u4e2d");
        byte[] file = (line + "\n" + line + "\n").getBytes(StandardCharsets.UTF_8);
        HistoryReader strict = HistoryReader.of("h.jsonl", new ByteArrayInputStream(file), HistoryReader.Limits.DEFAULT);
        assertThat(strict.readAll()).containsExactly(HistoryReader.parseLine(line), HistoryReader.parseLine(line));
    }

    @Test
    void bytesThatAreNotUtf8SpoilOnlyTheirLine() throws IOException {
        byte[] bad = (CHECKIN.replace("mei", "m\u00e9i") + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = (CHECKIN.replace("mei", "m\u00e9i") + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] truncated = java.util.Arrays.copyOf(bad, bad.length);
        int e = indexOf(truncated, (byte) 0xC3);
        truncated[e + 1] = '"'; // a lead byte without its continuation
        byte[] overlong = (CHECKIN.replace("mei", "m/i") + "\n").getBytes(StandardCharsets.UTF_8);
        int slash = indexOf(overlong, (byte) '/');
        byte[] withOverlong = new byte[overlong.length + 1];
        System.arraycopy(overlong, 0, withOverlong, 0, slash);
        withOverlong[slash] = (byte) 0xC0; // an overlong encoding of '/'
        withOverlong[slash + 1] = (byte) 0xAF;
        System.arraycopy(overlong, slash + 1, withOverlong, slash + 2, overlong.length - slash - 1);
        byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}; // CESU-style surrogate
        byte[] file = concat(bad, latin1, truncated, withOverlong, surrogate, (CHECKIN + "\n").getBytes(StandardCharsets.UTF_8));

        HistoryReader strict = HistoryReader.of("h.jsonl", new ByteArrayInputStream(file), HistoryReader.Limits.DEFAULT);
        assertThat(strict.next()).isEqualTo(HistoryReader.parseLine(CHECKIN.replace("mei", "m\u00e9i")));
        assertThatThrownBy(strict::next).isInstanceOf(InvalidInputException.class)
                .hasMessage("h.jsonl:2: not valid UTF-8 (byte 30 of the line)");

        List<HistoryReader.Rejected> rejected = new ArrayList<>();
        HistoryReader lenient = HistoryReader.of("h.jsonl", new ByteArrayInputStream(file), HistoryReader.Limits.DEFAULT)
                .skipInvalid(rejected::add);
        List<Fact> facts = lenient.readAll();
        assertThat(facts).hasSize(2);
        assertThat(rejected).extracting(HistoryReader.Rejected::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(rejected).allSatisfy(x -> {
            assertThat(x.reason()).startsWith("not valid UTF-8");
            assertThat(x.input()).isNull();
        });
        assertThat(lenient.rejectedCount()).isEqualTo(4);

        // A Reader that decodes strictly cannot go on after bad bytes, nor say where they were: it decodes
        // ahead, so the error comes while line 1 is read. Reported, and the end even in lenient mode.
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        HistoryReader viaReader = HistoryReader.of("h.jsonl", new InputStreamReader(new ByteArrayInputStream(file), decoder))
                .skipInvalid(rejected::add);
        assertThatThrownBy(viaReader::next).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("h.jsonl:1: not valid UTF-8 at or after this line");
    }

    @Test
    void aLineOf256MegabytesWithoutAnEndIsSkippedWithoutBeingHeld() {
        long size = 256L << 20;
        InputStream endless = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        InputStream file = new SequenceInputStream(new ByteArrayInputStream(("{\"text\":\"").getBytes(StandardCharsets.US_ASCII)),
                new SequenceInputStream(endless, new ByteArrayInputStream(("\"}\n" + CHECKIN + "\n").getBytes(StandardCharsets.UTF_8))));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        List<HistoryReader.Rejected> rejected = new ArrayList<>();

        HistoryReader r = HistoryReader.of("huge.jsonl", file, HistoryReader.Limits.DEFAULT).skipInvalid(rejected::add);
        Fact fact = r.next();

        long allocatedMb = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) >> 20;
        assertThat(fact).isInstanceOf(CheckIn.class);
        assertThat(r.lineNumber()).isEqualTo(2);
        assertThat(rejected).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(1);
            assertThat(x.reason()).isEqualTo("line is longer than 65536 bytes (the limit), so it was not read");
            assertThat(x.input()).isNull();
        });
        assertThat(allocatedMb).as("megabytes allocated to read past a 256 MB line").isLessThan(8);
        SUMMARY.add("long-line: a 256 MB line skipped with " + allocatedMb + " MB allocated");
    }

    @Test
    void lenientReadingReportsEachBadLineWithItsNumberReasonAndTextAndGoesOn() {
        List<String> lines = List.of(
                CHECKIN,
                "{\"type\":\"checkin\",\"member\":\"mei\"}",
                "not json at all",
                "",
                CHECKIN.replace("mei", "wang"),
                CHECKIN.replace("+08:00", ""),
                "{\"type\":\"like\",\"member\":\"mei\"}",
                CHECKIN.replace("mei", "li"));
        List<HistoryReader.Rejected> rejected = new ArrayList<>();
        HistoryReader r = HistoryReader.of("h.jsonl", new StringReader(String.join("\n", lines))).skipInvalid(rejected::add);

        assertThat(r.readAll()).extracting(f -> ((CheckIn) f).member()).containsExactly("mei", "wang", "li");
        assertThat(rejected).extracting(HistoryReader.Rejected::line).containsExactly(2L, 3L, 6L, 7L);
        assertThat(rejected.get(0)).isEqualTo(new HistoryReader.Rejected("h.jsonl", 2, "checkin is missing \"at\"", lines.get(1)));
        assertThat(rejected.get(1).reason()).startsWith("invalid JSON: ");
        assertThat(rejected.get(2).reason()).startsWith("checkin \"at\" has no offset");
        assertThat(rejected.get(3).reason()).isEqualTo("unknown type \"like\" (expected checkin, post or moderation)");
        assertThat(r.rejectedCount()).isEqualTo(4);
        assertThat(r.lineNumber()).isEqualTo(8);
    }

    @Test
    void lenientReplaySkipsLinesTheEngineRefusesToo() {
        String history = String.join("\n",
                post(""),
                post("").replace("\"member\":\"mei\"", "\"member\":\"wang\""), // p1 belongs to mei
                CHECKIN);
        try (RewardsEngine engine = RewardsEngine.builder().shards(1).build()) {
            assertThatThrownBy(() -> engine.replay(HistoryReader.of("h.jsonl", new StringReader(history))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("h.jsonl:2: post id \"p1\" belongs to member \"mei\" and cannot be reused by member \"wang\"");
        }
        List<HistoryReader.Rejected> rejected = new ArrayList<>();
        try (RewardsEngine engine = RewardsEngine.builder().shards(1).build()) {
            HistoryReader r = HistoryReader.of("h.jsonl", new StringReader(history)).skipInvalid(rejected::add);
            engine.replay(r);
            assertThat(rejected).singleElement().satisfies(x -> {
                assertThat(x.line()).isEqualTo(2);
                assertThat(x.reason()).startsWith("post id \"p1\" belongs to member \"mei\"");
                assertThat(x.input()).contains("\"wang\"");
            });
            assertThat(engine.snapshot().toJson()).contains("\"checkIns\" : [ {");
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no byte " + b);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
