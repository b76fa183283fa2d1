package org.planetrewards;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming shortcut ({@link UsualLine}) against the definition ({@code HistoryReader.parseTree}), line by
 * line: for the demo history's lines and many variations of them (keys moved, removed, duplicated, unknown ones
 * added, values of the wrong type or null, limits crossed, other spellings of timestamps, bad escapes, garbage
 * around), the shortcut either gives the tree's fact with the tree's unknown keys in the same order, or leaves the
 * line to the tree without having reported anything. A line the tree refuses is never read by the shortcut.
 */
class UsualLineTest {
    static final HistoryReader.Limits LIMITS = HistoryReader.Limits.DEFAULT;

    record Outcome(Fact fact, String problem, List<String> unknown) {
    }

    static Outcome tree(String line) {
        List<String> unknown = new ArrayList<>();
        try {
            return new Outcome(HistoryReader.parseTree(line, LIMITS, unknown::add), null, unknown);
        } catch (InvalidInputException e) {
            return new Outcome(null, e.problem(), unknown);
        }
    }

    /** @return true when the shortcut read the line itself */
    static boolean agree(String line) {
        List<String> unknown = new ArrayList<>();
        Fact usual = UsualLine.parse(HistoryReader.jsonFactory(), line, LIMITS, unknown::add);
        Outcome expected = tree(line);
        if (usual == null) {
            assertThat(unknown).as("reported before leaving to the tree: %s", line).isEmpty();
            return false;
        }
        assertThat(expected.problem()).as("the tree refuses %s", line).isNull();
        assertThat(usual).as(line).isEqualTo(expected.fact());
        assertThat(unknown).as(line).isEqualTo(expected.unknown());
        // and through the public entry, which takes the shortcut first
        assertThat(HistoryReader.parseLine(line, LIMITS)).isEqualTo(expected.fact());
        return true;
    }

    /** The same over the line's UTF-8 bytes, as a history file is read; the answer must be the one over its text. */
    static void agreeOverBytes(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        int utf8 = LineSource.Utf8.check(bytes, bytes.length);
        if (utf8 == LineSource.Utf8.INVALID || bytes.length < 2 || bytes[0] != '{' || bytes[1] == 0) {
            return; // the reader does not hand such lines to the shortcut as bytes
        }
        List<String> unknown = new ArrayList<>();
        Fact usual = UsualLine.parse(HistoryReader.jsonFactory(), bytes, bytes.length,
                utf8 == LineSource.Utf8.VALID_WITH_U_ESCAPE, LIMITS, unknown::add);
        List<String> unknownOverText = new ArrayList<>();
        Fact overText = UsualLine.parse(HistoryReader.jsonFactory(), line, LIMITS, unknownOverText::add);
        assertThat(usual).as(line).isEqualTo(overText);
        assertThat(unknown).as(line).isEqualTo(unknownOverText);
    }

    static List<String> demo() throws IOException {
        return Files.readAllLines(Path.of("../examples/histories/demo.jsonl")).stream().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void everyDemoLineIsReadByTheShortcutAsTheTreeReadsIt() throws IOException {
        for (String line : demo()) {
            agreeOverBytes(line);
            assertThat(agree(line)).as("the usual shape: %s", line).isTrue();
        }
    }

    @Test
    void unknownKeysAreReportedInTheirOrderWhateverTheirValues() {
        String nested = "{\"via\":{\"app\":[1,{\"x\":null}]},\"type\":\"checkin\",\"member\":\"mei\","
                + "\"at\":\"2026-03-01T09:00:00+08:00\",\"lang\":null}";
        assertThat(agree(nested)).as("an object or array under an unknown key: left to the tree").isFalse();
        assertThat(tree(nested).unknown()).containsExactly("via", "lang");
        String line = "{\"via\":\"app\",\"type\":\"post\",\"id\":\"p1\",\"member\":\"mei\",\"lang\":\"zh\","
                + "\"at\":\"2026-03-01T09:00:00+08:00\",\"text\":\"你好 hello\",\"tags\":[\"#AI\"],\"score\":1.50,\"links\":[]}";
        assertThat(agree(line)).isTrue();
        assertThat(tree(line).unknown()).containsExactly("via", "lang", "score");
        // a key twice, at any depth, is refused by the tree: never read by the shortcut
        for (String twice : List.of(",\"via\":\"app\",\"via\":\"web\"}", ",\"via\":{\"a\":1,\"a\":2}}",
                ",\"via\":[{\"a\":1,\"a\":2}]}", ",\"text\":\"again\"}", ",\"via\":\"app\",\"lang\":1,\"via\":2}")) {
            String withTwice = line.substring(0, line.length() - 1) + twice;
            assertThat(tree(withTwice).problem()).as(withTwice).startsWith("invalid JSON: Duplicate field");
            assertThat(agree(withTwice)).isFalse();
            agreeOverBytes(withTwice);
        }
    }

    static final String[] VARIATIONS = {
            "null", "1", "1.50", "-0", "1e400", "true", "\"\"", "[]", "[\"a\"]", "[null]", "[1]", "{}", "{\"a\":1}", "[[\"x\"]]",
            "\"2026-03-01T09:00Z\"", "\"2026-03-01t09:00:00z\"", "\"2026-03-01T09:00:00\"", "\"1999-12-31T23:59:59Z\"",
            "\"2100-01-01T00:00:00Z\"", "\"2026-03-01T09:00:00.5+08:00\"", "\"m\\u0000\"", "\"m\\ud800\"", "\"\\ud83d\\ude80\"",
            "\"\\u200b\"", "\"feature\"", "\"reject\"", "\"FEATURE\"", "\"checkin\"", "\"post\"", "\"moderation\"", "\"like\"",
            "{\"a\":1,\"a\":2}", "[{\"a\":1,\"a\":2}]", "\"" + "x".repeat(129) + "\"", "\"" + "字".repeat(20_001) + "\"", "[" + "\"t\",".repeat(32) + "\"t\"]",
            "[\"" + "t".repeat(101) + "\"]", "\"https://example.org\""};
    static final String[] KEYS = {"type", "id", "member", "at", "text", "tags", "links", "editedAt", "post", "action", "via"};

    @Test
    void variationsOfTheDemoLinesAreEitherReadAsTheTreeReadsThemOrLeftToIt() throws IOException {
        List<String> lines = demo();
        SplittableRandom random = new SplittableRandom(14);
        int read = 0;
        int left = 0;
        for (int i = 0; i < 30_000; i++) {
            String line = lines.get(random.nextInt(lines.size()));
            String varied = switch (random.nextInt(6)) {
                case 0 -> { // a key's value replaced
                    String key = KEYS[random.nextInt(KEYS.length)];
                    String value = VARIATIONS[random.nextInt(VARIATIONS.length)];
                    int at = line.indexOf("\"" + key + "\":");
                    yield at < 0 ? line.substring(0, line.length() - 1) + ",\"" + key + "\":" + value + "}"
                            : line.substring(0, at) + "\"" + key + "\":" + value + skipValue(line, at + key.length() + 3);
                }
                case 1 -> { // a key removed
                    String key = KEYS[random.nextInt(KEYS.length)];
                    int at = line.indexOf("\"" + key + "\":");
                    if (at < 0) {
                        yield line;
                    }
                    String rest = skipValue(line, at + key.length() + 3);
                    String before = line.substring(0, at);
                    yield rest.startsWith(",") ? before + rest.substring(1)
                            : before.endsWith(",") ? before.substring(0, before.length() - 1) + rest : before + rest;
                }
                case 2 -> { // a key added or repeated at the front
                    String key = KEYS[random.nextInt(KEYS.length)];
                    yield "{\"" + key + "\":" + VARIATIONS[random.nextInt(VARIATIONS.length)] + "," + line.substring(1);
                }
                case 3 -> { // a character changed
                    char[] c = line.toCharArray();
                    String chars = "{}[]\",:\\ 0aZ-+\u3000";
                    c[random.nextInt(c.length)] = chars.charAt(random.nextInt(chars.length()));
                    yield new String(c);
                }
                case 4 -> { // something around it
                    String[] around = {" ", "\t", "x", "{}", "]", "}", ",", "\u3000", "t", "1", "\"a", " \"}", "\"x}", " \t", "{"};
                    String a = around[random.nextInt(around.length)];
                    yield random.nextBoolean() ? a + line : line + a;
                }
                default -> line;
            };
            agreeOverBytes(varied);
            if (agree(varied)) {
                read++;
            } else {
                left++;
            }
        }
        assertThat(read).as("variations the shortcut read itself").isGreaterThan(3_000);
        assertThat(left).as("variations left to the tree").isGreaterThan(3_000);
    }

    @Test
    void aLineThatLooksLikeUtf16ToTheParserIsStillReadAsUtf8() {
        // '{' then NUL bytes: a parser guessing the encoding would read UTF-16 and find a valid check-in.
        String utf16 = new String("{\"type\":\"checkin\",\"member\":\"mei\",\"at\":\"2026-03-01T08:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1);
        HistoryReader r = HistoryReader.of("h.jsonl", new java.io.ByteArrayInputStream(
                ("\n" + utf16 + "\n").getBytes(StandardCharsets.ISO_8859_1)), LIMITS);
        org.assertj.core.api.Assertions.assertThatThrownBy(r::next).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("h.jsonl:2: invalid JSON");
    }

    @Test
    void aLineTheEngineRefusesIsHandedOverWithItsTextWhenTheFileIsReadAsBytes() {
        String history = String.join("\n",
                "{\"type\":\"post\",\"id\":\"p1\",\"member\":\"mei\",\"at\":\"2026-03-01T09:00:00+08:00\",\"text\":\"你好\"}",
                "{\"type\":\"post\",\"id\":\"p1\",\"member\":\"王\",\"at\":\"2026-03-01T10:00:00+08:00\",\"text\":\"早\"}",
                "{\"type\":\"checkin\",\"member\":\"mei\",\"at\":\"2026-03-01T08:00:00+08:00\"}");
        List<HistoryReader.Rejected> rejected = new ArrayList<>();
        try (RewardsEngine engine = RewardsEngine.builder().shards(1).build()) {
            HistoryReader r = HistoryReader.of("h.jsonl", new java.io.ByteArrayInputStream(history.getBytes(StandardCharsets.UTF_8)),
                    LIMITS).skipInvalid(rejected::add);
            engine.replay(r);
        }
        assertThat(rejected).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(2);
            assertThat(x.reason()).startsWith("post id \"p1\" belongs to member \"mei\"");
            assertThat(x.input()).isEqualTo(history.split("\n")[1]);
        });
    }

    @Test
    void theUtf8CheckAcceptsExactlyWhatTheStrictDecoderAccepts() {
        SplittableRandom random = new SplittableRandom(8);
        int[] leads = {0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1,
                0xF3, 0xF4, 0xF5, 0xF8, 0xFF};
        int[] next = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
        int valid = 0;
        for (int round = 0; round < 200_000; round++) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (int part = random.nextInt(4); part >= 0; part--) {
                for (int i = random.nextInt(3) == 0 ? random.nextInt(20) : 0; i > 0; i--) { // a run of ASCII
                    bytes.write(random.nextInt(8) == 0 ? '\\' : random.nextInt(8) == 0 ? 'u' : 0x20 + random.nextInt(0x5F));
                }
                if (random.nextInt(4) > 0) { // a character, well written
                    int cp = random.nextBoolean() ? 0x80 + random.nextInt(0xD800 - 0x80) : 0xE000 + random.nextInt(0x110000 - 0xE000);
                    bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                for (int i = random.nextInt(5); i >= 0; i--) {
                    bytes.write(i == 0 || random.nextInt(3) == 0 ? leads[random.nextInt(leads.length)] : next[random.nextInt(next.length)]);
                }
            }
            byte[] b = bytes.toByteArray();
            boolean decodes;
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b));
                decodes = true;
                valid++;
            } catch (java.nio.charset.CharacterCodingException e) {
                decodes = false;
            }
            byte[] padded = java.util.Arrays.copyOf(b, b.length + 3); // bytes after the line's end are not read
            java.util.Arrays.fill(padded, b.length, padded.length, (byte) 0x80);
            boolean backslash = new String(b, StandardCharsets.ISO_8859_1).contains("\\u");
            assertThat(LineSource.Utf8.check(padded, b.length)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(
                    !decodes ? LineSource.Utf8.INVALID : backslash ? LineSource.Utf8.VALID_WITH_U_ESCAPE : LineSource.Utf8.VALID);
        }
        assertThat(valid).isBetween(10_000, 190_000);
    }

    /** The rest of {@code line} after the JSON value that starts at {@code from}. */
    static String skipValue(String line, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return line.substring(i + 1);
                    }
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (depth == 0) {
                    return line.substring(i);
                }
                depth--;
                if (depth == 0) {
                    return line.substring(i + 1);
                }
            } else if (depth == 0 && c == ',') {
                return line.substring(i);
            }
        }
        return "";
    }
}
