package org.planetrewards.robust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.InvalidInputException;
import org.planetrewards.RewardsEngine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Valid history lines, mutated: cut short, bytes flipped, inserted and deleted, bytes that are not
 * UTF-8, fields removed or of the wrong type, huge values, nested garbage, duplicate keys, trailing
 * text, control characters, lone surrogates, timestamps out of range, another member. Whatever comes
 * out, reading never fails with anything but a line-numbered {@link InvalidInputException}, and:
 * <ul>
 *   <li>strict: the replay stops at the first bad line, and the decisions made are exactly those of
 *       the lines before it;</li>
 *   <li>lenient: exactly the bad lines are rejected, with their numbers, and the decisions are those of
 *       the history without them (a mutation that leaves a valid fact counts as that fact).</li>
 * </ul>
 * What is bad is decided by an oracle that does not use the reader: the line's byte length, a strict
 * UTF-8 decoder, {@link HistoryReader#parseLine}, and the engine applying the facts one by one.
 */
class MutationFuzzTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HistoryReader.Limits LIMITS = HistoryReader.Limits.DEFAULT;

    static final byte[][] INVALID_UTF8 = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80},
            {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xE4, (byte) 0xB8}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};

    record Mutator(String name, BiFunction<byte[], SplittableRandom, byte[]> mutate) {
    }

    static final List<Mutator> MUTATORS = List.of(
            new Mutator("truncate", (b, r) -> Arrays.copyOf(b, r.nextInt(b.length))),
            new Mutator("flip a bit", (b, r) -> {
                byte[] out = b.clone();
                int i = r.nextInt(out.length);
                out[i] = noLineEnd((byte) (out[i] ^ (1 << r.nextInt(8))));
                return out;
            }),
            new Mutator("random byte", (b, r) -> {
                byte[] out = b.clone();
                out[r.nextInt(out.length)] = noLineEnd((byte) r.nextInt(256));
                return out;
            }),
            new Mutator("delete a byte", (b, r) -> {
                int i = r.nextInt(b.length);
                return concat(Arrays.copyOf(b, i), Arrays.copyOfRange(b, i + 1, b.length));
            }),
            new Mutator("insert JSON punctuation", (b, r) -> insert(b, r, new byte[] {(byte) "{}[]\",:\\ ".charAt(r.nextInt(9))})),
            new Mutator("insert bytes that are not UTF-8", (b, r) -> insert(b, r, INVALID_UTF8[r.nextInt(INVALID_UTF8.length)])),
            new Mutator("remove a field", (b, r) -> json(b, r, (o, f) -> o.remove(f))),
            new Mutator("a field of the wrong type", (b, r) -> json(b, r, (o, f) -> o.set(f, wrongValue(r)))),
            new Mutator("nested garbage", (b, r) -> {
                byte[] marked = json(b, r, (o, f) -> o.put(f, "@NESTED@"));
                return new String(marked, StandardCharsets.UTF_8)
                        .replace("\"@NESTED@\"", nested(1 + r.nextInt(r.nextBoolean() ? 40 : 3000))).getBytes(StandardCharsets.UTF_8);
            }),
            new Mutator("huge value", (b, r) -> json(b, r, (o, f) -> o.set(f, huge(f, r)))),
            new Mutator("a timestamp out of range or malformed", (b, r) -> json(b, r, (o, f) -> {
                String[] at = {"1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "+999999999-12-31T23:59:59-18:00",
                        "2026-03-01T08:00:00", "2026-02-30T08:00:00+08:00", "2026-03-01 08:00:00+08:00", "", "yesterday",
                        "2026-03-01T08:00:00+25:00", "2087-05-04T03:02:01-11:30"};
                o.put(o.has("editedAt") && r.nextBoolean() ? "editedAt" : "at", at[r.nextInt(at.length)]);
            })),
            new Mutator("control character or lone surrogate in a string", (b, r) -> {
                String[] bad = {"\\u0000", "\\u0007", "\\u001b", "\\u007f", "\\u200b", "\\u202e", "\\u2028", "\\ud800", "\\udfff"};
                String s = new String(b, StandardCharsets.UTF_8);
                int q = s.indexOf("\":\"", 10 + r.nextInt(Math.max(1, s.length() - 20)));
                return q < 0 ? b : (s.substring(0, q + 3) + bad[r.nextInt(bad.length)] + s.substring(q + 3)).getBytes(StandardCharsets.UTF_8);
            }),
            new Mutator("duplicate key or trailing text", (b, r) -> {
                String s = new String(b, StandardCharsets.UTF_8);
                String[] tails = {",\"member\":\"someone\"}", ",\"type\":\"checkin\"}", "} {}", "}}", "} x", "}{\"type\":\"checkin\"}", "}\u3000"};
                return (s.substring(0, s.length() - 1) + tails[r.nextInt(tails.length)]).getBytes(StandardCharsets.UTF_8);
            }),
            new Mutator("another type, action or member", (b, r) -> json(b, r, (o, f) -> {
                switch (r.nextInt(4)) {
                    case 0 -> o.put("type", List.of("checkin", "post", "moderation", "like", "Post", "").get(r.nextInt(6)));
                    case 1 -> o.put("action", List.of("feature", "reject", "restore", "delete", "FEATURE").get(r.nextInt(5)));
                    case 2 -> o.put("member", "m" + r.nextInt(40)); // valid, but maybe someone else's post id
                    default -> o.put("post", "m" + r.nextInt(40) + "-" + r.nextInt(20) + "-0");
                }
            })));

    /** What a line is, decided without the reader. */
    record Expected(Fact fact, boolean blank, boolean bad) {
    }

    static Expected oracle(byte[] line, boolean firstLine) {
        if (line.length > LIMITS.maxLineLength()) {
            return new Expected(null, false, true);
        }
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return new Expected(null, false, true);
        }
        if (firstLine && s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        if (s.isBlank()) {
            return new Expected(null, true, false);
        }
        try {
            return new Expected(HistoryReader.parseLine(s, LIMITS), false, false);
        } catch (InvalidInputException e) {
            return new Expected(null, false, true);
        }
    }

    /** Thousands of mutated lines, each read as a file of its own, then every fact that came out applied. */
    @Test
    void aMutatedLineIsAFactOrALineNumberedInvalidInputAndNothingElse() {
        List<byte[]> valid = validLines(List.of(31L, 32L), 30, 20);
        SplittableRandom random = new SplittableRandom(6502);
        Map<String, int[]> perMutator = new TreeMap<>(); // cases, still valid, refused
        List<Fact> survivors = new ArrayList<>();
        int cases = 20_000;
        for (int i = 0; i < cases; i++) {
            byte[] line = valid.get(random.nextInt(valid.size()));
            Mutator m = MUTATORS.get(random.nextInt(MUTATORS.size()));
            byte[] mutated = m.mutate().apply(line, random);
            int[] counts = perMutator.computeIfAbsent(m.name(), k -> new int[3]);
            counts[0]++;
            Expected expected = oracle(mutated, true);
            HistoryReader reader = HistoryReader.of("fuzz.jsonl", new ByteArrayInputStream(concat(mutated, "\n".getBytes(StandardCharsets.UTF_8))), LIMITS);
            try {
                Fact f = reader.next();
                assertThat(expected.bad()).as("%s: %s accepted", m.name(), show(mutated)).isFalse();
                assertThat(f).isEqualTo(expected.fact());
                if (f != null) {
                    survivors.add(f);
                    counts[1]++;
                }
            } catch (InvalidInputException e) {
                assertThat(expected.bad()).as("%s: %s refused: %s", m.name(), show(mutated), e.getMessage()).isTrue();
                assertThat(e.source()).isEqualTo("fuzz.jsonl");
                assertThat(e.line()).isEqualTo(1);
                assertThat(e.getMessage()).startsWith("fuzz.jsonl:1: ").hasSizeLessThan(600);
                counts[2]++;
            }
        }
        int refusedByEngine = 0;
        try (RewardsEngine engine = RewardsEngine.builder().shards(3).build()) {
            for (Fact f : survivors) {
                try {
                    engine.apply(f);
                } catch (InvalidInputException e) {
                    refusedByEngine++; // a post id of another member: the only thing the engine itself refuses
                    assertThat(e.problem()).contains("cannot be reused by member");
                }
            }
        }
        StringBuilder summary = new StringBuilder("mutation-fuzz (lines): " + cases + " mutated lines, "
                + survivors.size() + " still valid (" + refusedByEngine + " then refused by the engine), "
                + (cases - survivors.size()) + " refused with a line number, 0 other exceptions;");
        perMutator.forEach((name, c) -> summary.append(' ').append(name).append(' ').append(c[0]).append('/').append(c[2]).append(';'));
        System.out.println(summary);
        perMutator.forEach((name, c) -> assertThat(c[0]).as(name).isPositive());
    }

    /** Whole histories with one line in twenty mutated, replayed strictly and leniently. */
    @Test
    void goodLinesDecideTheSameWhateverTheBadLinesAroundThem() {
        int histories = 0;
        int mutatedLines = 0;
        int rejectedLines = 0;
        int strictStops = 0;
        int decisions = 0;
        for (long seed = 40; seed < 56; seed++) {
            List<byte[]> lines = splitLines(Robust.text(seed, 30, 20));
            SplittableRandom random = new SplittableRandom(seed);
            List<byte[]> mutated = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                byte[] line = lines.get(i);
                if (i > 0 && line.length > 2 && random.nextInt(20) == 0) {
                    line = MUTATORS.get(random.nextInt(MUTATORS.size())).mutate().apply(line, random);
                    mutatedLines++;
                }
                mutated.add(line);
            }
            byte[] file = join(mutated);

            // The oracle: every line classified on its own, the facts applied one by one.
            List<Decision> expectedLenient = new ArrayList<>();
            TreeSet<Long> expectedRejected = new TreeSet<>();
            Map<Long, List<Decision>> decisionsBefore = new TreeMap<>();
            try (RewardsEngine engine = RewardsEngine.builder().shards(2).build()) {
                for (int i = 0; i < mutated.size(); i++) {
                    long lineNo = i + 1;
                    Expected e = oracle(mutated.get(i), i == 0);
                    if (e.bad()) {
                        decisionsBefore.putIfAbsent(lineNo, List.copyOf(expectedLenient));
                        expectedRejected.add(lineNo);
                    } else if (e.fact() != null) {
                        try {
                            expectedLenient.addAll(engine.apply(e.fact()));
                        } catch (InvalidInputException refused) {
                            decisionsBefore.putIfAbsent(lineNo, List.copyOf(expectedLenient));
                            expectedRejected.add(lineNo);
                        }
                    }
                }
            }

            // Lenient: exactly the bad lines rejected, the rest applied.
            List<HistoryReader.Rejected> rejected = new ArrayList<>();
            List<Decision> lenient;
            try (RewardsEngine engine = RewardsEngine.builder().shards(3).build()) {
                HistoryReader reader = HistoryReader.of("h" + seed + ".jsonl", new ByteArrayInputStream(file), LIMITS)
                        .skipInvalid(rejected::add);
                lenient = engine.replay(reader);
                assertThat(reader.rejectedCount()).isEqualTo(expectedRejected.size());
            }
            assertThat(rejected.stream().map(HistoryReader.Rejected::line).toList()).as("seed %d", seed)
                    .containsExactlyElementsOf(expectedRejected);
            for (HistoryReader.Rejected r : rejected) {
                assertThat(r.reason()).isNotBlank();
                byte[] raw = mutated.get((int) r.line() - 1);
                if (r.input() != null) {
                    assertThat(r.input().getBytes(StandardCharsets.UTF_8)).isEqualTo(raw);
                }
            }
            assertThat(Robust.lines(lenient)).as("seed %d lenient", seed).isEqualTo(Robust.lines(expectedLenient));

            // Strict: stops at the first bad line with its number; the decisions before it are kept.
            List<Decision> strict = new ArrayList<>();
            try (RewardsEngine engine = RewardsEngine.builder().shards(3).onDecision(strict::add).build()) {
                HistoryReader reader = HistoryReader.of("h" + seed + ".jsonl", new ByteArrayInputStream(file), LIMITS);
                try {
                    engine.replay(reader);
                    assertThat(expectedRejected).as("seed %d: no bad line", seed).isEmpty();
                    assertThat(Robust.lines(strict)).isEqualTo(Robust.lines(expectedLenient));
                } catch (InvalidInputException e) {
                    long first = expectedRejected.first();
                    assertThat(e.line()).as("seed %d: %s", seed, e.getMessage()).isEqualTo(first);
                    assertThat(e.getMessage()).startsWith("h" + seed + ".jsonl:" + first + ": ");
                    assertThat(Robust.lines(strict)).isEqualTo(Robust.lines(decisionsBefore.get(first)));
                    strictStops++;
                }
            }
            histories++;
            rejectedLines += expectedRejected.size();
            decisions += expectedLenient.size();
        }
        System.out.println("mutation-fuzz (histories): " + histories + " histories, " + mutatedLines + " lines mutated, "
                + rejectedLines + " rejected in lenient mode at the right line, " + strictStops + " strict replays stopped at the"
                + " first bad line, " + decisions + " decisions of the good lines unchanged, 0 differences");
        assertThat(rejectedLines).isGreaterThan(50);
    }

    // ---------------------------------------------------------------------------------------------

    static List<byte[]> validLines(List<Long> seeds, int members, int days) {
        List<byte[]> out = new ArrayList<>();
        for (long seed : seeds) {
            for (byte[] line : splitLines(Robust.text(seed, members, days))) {
                if (line.length > 2) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /** The generator's lines, as bytes; it writes {@code \n} only, and blank lines stay. */
    static List<byte[]> splitLines(String text) {
        List<byte[]> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            out.add(line.getBytes(StandardCharsets.UTF_8));
        }
        if (out.get(out.size() - 1).length == 0) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.writeBytes(l);
            out.write('\n');
        }
        return out.toByteArray();
    }

    static byte noLineEnd(byte b) {
        return b == '\n' || b == '\r' ? (byte) ' ' : b;
    }

    static byte[] insert(byte[] b, SplittableRandom r, byte[] what) {
        int i = r.nextInt(b.length + 1);
        return concat(Arrays.copyOf(b, i), what, Arrays.copyOfRange(b, i, b.length));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Mutates one field of the line's JSON object; the result is written back as one line. */
    static byte[] json(byte[] line, SplittableRandom r, java.util.function.BiConsumer<ObjectNode, String> change) {
        try {
            ObjectNode o = (ObjectNode) JSON.readTree(line);
            List<String> fields = new ArrayList<>();
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                fields.add(it.next());
            }
            change.accept(o, fields.get(r.nextInt(fields.size())));
            return JSON.writeValueAsBytes(o);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode wrongValue(SplittableRandom r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (r.nextInt(8)) {
            case 0 -> f.numberNode(r.nextLong());
            case 1 -> f.numberNode(r.nextDouble() * 1e300);
            case 2 -> f.booleanNode(r.nextBoolean());
            case 3 -> f.nullNode();
            case 4 -> f.arrayNode().add(1).add("two").addNull();
            case 5 -> f.objectNode().put("type", "checkin").put("member", "x");
            case 6 -> f.textNode("");
            default -> f.arrayNode();
        };
    }

    /** Arrays and objects inside each other, as text: deeper than a JSON writer would write. */
    static String nested(int depth) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            open.append(i % 2 == 0 ? "[" : "{\"k\":");
            close.insert(0, i % 2 == 0 ? "]" : "}");
        }
        return open + "\"x\"" + close;
    }

    static JsonNode huge(String field, SplittableRandom r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (r.nextInt(6)) {
            case 0 -> f.textNode("字".repeat(20_000 + r.nextInt(2))); // at the text limit, or one over
            case 1 -> f.textNode("m".repeat(127 + r.nextInt(3))); // around the id limit
            case 2 -> {
                ArrayNode tags = f.arrayNode();
                int n = 31 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    tags.add("news");
                }
                yield tags;
            }
            case 3 -> f.numberNode(new java.math.BigInteger("9".repeat(500 + r.nextInt(1000))));
            case 4 -> f.textNode("x".repeat(70_000)); // the line is over 64 KiB
            default -> f.numberNode(new java.math.BigDecimal("1e" + (r.nextInt(2) == 0 ? "99999999" : "-99999999")));
        };
    }

    static String show(byte[] line) {
        String s = new String(line, StandardCharsets.UTF_8);
        return s.length() <= 200 ? s : s.substring(0, 200) + "...(" + line.length + " bytes)";
    }
}
