package org.planetrewards;

import org.junit.jupiter.api.Test;

import java.io.IOException;
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

    static List<String> demo() throws IOException {
        return Files.readAllLines(Path.of("../examples/histories/demo.jsonl")).stream().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void everyDemoLineIsReadByTheShortcutAsTheTreeReadsIt() throws IOException {
        for (String line : demo()) {
            assertThat(agree(line)).as("the usual shape: %s", line).isTrue();
        }
    }

    @Test
    void unknownKeysAreReportedInTheirOrderWhateverTheirValues() {
        String line = "{\"via\":{\"app\":[1,{\"x\":null}]},\"type\":\"post\",\"id\":\"p1\",\"member\":\"mei\",\"lang\":\"zh\","
                + "\"at\":\"2026-03-01T09:00:00+08:00\",\"text\":\"你好 hello\",\"tags\":[\"#AI\"],\"score\":1.50,\"links\":[]}";
        assertThat(agree(line)).isTrue();
        assertThat(tree(line).unknown()).containsExactly("via", "lang", "score");
    }

    static final String[] VARIATIONS = {
            "null", "1", "1.50", "-0", "1e400", "true", "\"\"", "[]", "[\"a\"]", "[null]", "[1]", "{}", "{\"a\":1}", "[[\"x\"]]",
            "\"2026-03-01T09:00Z\"", "\"2026-03-01t09:00:00z\"", "\"2026-03-01T09:00:00\"", "\"1999-12-31T23:59:59Z\"",
            "\"2100-01-01T00:00:00Z\"", "\"2026-03-01T09:00:00.5+08:00\"", "\"m\\u0000\"", "\"m\\ud800\"", "\"\\ud83d\\ude80\"",
            "\"\\u200b\"", "\"feature\"", "\"reject\"", "\"FEATURE\"", "\"checkin\"", "\"post\"", "\"moderation\"", "\"like\"",
            "\"" + "x".repeat(129) + "\"", "\"" + "字".repeat(20_001) + "\"", "[" + "\"t\",".repeat(32) + "\"t\"]",
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
                    String[] around = {" ", "\t", "x", "{}", "]", "}", ",", "\u3000"};
                    String a = around[random.nextInt(around.length)];
                    yield random.nextBoolean() ? a + line : line + a;
                }
                default -> line;
            };
            if (agree(varied)) {
                read++;
            } else {
                left++;
            }
        }
        assertThat(read).as("variations the shortcut read itself").isGreaterThan(3_000);
        assertThat(left).as("variations left to the tree").isGreaterThan(3_000);
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
