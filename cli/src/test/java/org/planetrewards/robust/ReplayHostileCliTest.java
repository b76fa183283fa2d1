package org.planetrewards.robust;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planetrewards.cli.CommandRun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rewards replay} on a history with bad lines, strict and with {@code --skip-invalid}, and on a failing rule. */
class ReplayHostileCliTest {
    static final String[] BAD = {
            "{\"type\":\"checkin\",\"member\":\"m1\"}",
            "{\"type\":\"checkin\",\"member\":\"m1\",\"at\":\"2026-03-02T08:00:00\"}",
            "{\"type\":\"checkin\",\"member\":\"m\\u0000\",\"at\":\"2026-03-02T08:00:00Z\"}",
            "not json",
            "{\"type\":\"post\",\"id\":\"@FIRST-POST@\",\"member\":\"intruder\",\"at\":\"2026-03-02T08:00:00Z\",\"text\":\"mine now\"}",
            "{\"type\":\"checkin\",\"member\":\"m1\",\"at\":\"1970-01-01T00:00:00Z\"}",
    };

    static CommandRun rewards(String... args) {
        return CommandRun.of(args);
    }

    /** A generated history, and the same with bad lines spread through it; returns the bad lines' numbers. */
    static List<Integer> write(Path clean, Path dirty) throws IOException {
        List<String> lines = Robust.text(5, 40, 25).lines().toList();
        Files.write(clean, lines, StandardCharsets.UTF_8);
        String firstPost = Robust.tree(lines.stream().filter(l -> l.contains("\"type\":\"post\"")).findFirst().orElseThrow()).get("id").asText();
        List<String> out = new ArrayList<>();
        List<Integer> bad = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < lines.size(); i++) {
            out.add(lines.get(i));
            if (i % (lines.size() / (BAD.length + 1)) == 40 && next < BAD.length) {
                out.add(BAD[next++].replace("@FIRST-POST@", firstPost));
                bad.add(out.size());
            }
        }
        assertThat(bad).hasSize(BAD.length);
        Files.write(dirty, out, StandardCharsets.UTF_8);
        try (var w = Files.newOutputStream(dirty, java.nio.file.StandardOpenOption.APPEND)) {
            w.write(new byte[] {'{', (byte) 0xC3, '}', '\n'}); // and a line that is not UTF-8, last
        }
        bad.add(out.size() + 1);
        return bad;
    }

    @Test
    void strictStopsAtTheFirstBadLineLenientSkipsEachAndAppliesTheRest(@TempDir Path dir) throws IOException {
        Path clean = dir.resolve("clean.jsonl");
        Path dirty = dir.resolve("dirty.jsonl");
        List<Integer> bad = write(clean, dirty);
        CommandRun expected = rewards("replay", clean.toString());
        assertThat(expected.code()).isZero();

        CommandRun strict = rewards("replay", dirty.toString());
        assertThat(strict.code()).isEqualTo(2);
        assertThat(strict.err()).contains("rewards: invalid input: dirty.jsonl:" + bad.get(0) + ": checkin is missing \"at\"");
        assertThat(expected.out()).startsWith(strict.out());

        Path rejects = dir.resolve("rejects.jsonl");
        CommandRun lenient = rewards("replay", dirty.toString(), "--skip-invalid=" + rejects);
        assertThat(lenient.code()).as(lenient.err()).isZero();
        assertThat(lenient.out()).as("the decisions of the clean history").isEqualTo(expected.out()).isNotEmpty();
        assertThat(lenient.err()).contains("skipped 7 invalid lines of dirty.jsonl (written to " + rejects + ")");
        List<JsonNode> rejected = Files.readAllLines(rejects).stream().map(Robust::tree).toList();
        assertThat(rejected).extracting(r -> r.get("line").asInt()).containsExactlyElementsOf(bad);
        assertThat(rejected).extracting(r -> r.get("reason").asText()).containsExactly(
                "checkin is missing \"at\"",
                "checkin \"at\" has no offset: \"2026-03-02T08:00:00\" (write it like 2026-03-01T21:05:00+08:00 or with Z)",
                "checkin \"member\" contains the control character U+0000 at position 2",
                "invalid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                "post id \"" + firstPost(dirty) + "\" belongs to member \"" + firstPost(dirty).split("-")[0] + "\" and cannot be reused by member \"intruder\"",
                "checkin \"at\" is 1970-01-01T00:00:00Z, outside the accepted range 2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z",
                "not valid UTF-8 (byte 2 of the line)");
        for (int i = 0; i < BAD.length; i++) {
            assertThat(rejected.get(i).get("input").asText()).isEqualTo(BAD[i].replace("@FIRST-POST@", firstPost(dirty)));
        }
        assertThat(rejected.get(BAD.length).has("input")).as("a line that is not UTF-8 has no text to show").isFalse();

        CommandRun toStderr = rewards("replay", dirty.toString(), "--skip-invalid");
        assertThat(toStderr.code()).isZero();
        assertThat(toStderr.out()).isEqualTo(expected.out());
        assertThat(toStderr.err()).contains("rewards: skipped dirty.jsonl:" + bad.get(0) + ": checkin is missing \"at\"")
                .contains("skipped 7 invalid lines of dirty.jsonl\n");

        CommandRun clean2 = rewards("replay", clean.toString(), "--skip-invalid=" + rejects);
        assertThat(clean2.err()).contains("skipped 0 invalid lines of clean.jsonl (" + rejects + " is empty)");
        assertThat(Files.readString(rejects)).isEmpty();
        System.out.println("cli-replay: strict exit 2 at line " + bad.get(0) + "; --skip-invalid exit 0 with " + bad.size()
                + " lines rejected and " + expected.out().lines().count() + " decisions, as for the clean history");
    }

    @Test
    void aFailingRuleStopsTheReplayWithExitThreeNamingLineRuleAndFact(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        try (Stream<Path> drls = Files.list(Path.of("../rules/default-pack"))) {
            for (Path drl : drls.toList()) {
                Files.copy(drl, rules.resolve(drl.getFileName()));
            }
        }
        Path history = dir.resolve("h.jsonl");
        List<String> lines = Robust.text(5, 40, 25).lines().toList();
        Files.write(history, lines, StandardCharsets.UTF_8);
        // A member whose first check-in comes late, after decisions of others were printed.
        java.util.Map<String, Integer> firstCheckIn = new java.util.LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"checkin\"")) {
                firstCheckIn.putIfAbsent(Robust.tree(lines.get(i)).get("member").asText(), i + 1);
            }
        }
        var late = firstCheckIn.entrySet().stream().filter(e -> e.getValue() > 150).findFirst().orElseThrow();
        String member = late.getKey();
        int line = late.getValue();
        Files.writeString(rules.resolve("zz-bomb.drl"), """
                package test.bomb;
                import org.planetrewards.model.CheckInDay;
                rule "Explodes on member MEMBER"
                when
                    CheckInDay( member == "MEMBER" )
                then
                    throw new IllegalStateException("boom");
                end
                """.replace("MEMBER", member));

        for (String[] extra : new String[][] {{}, {"--skip-invalid"}}) {
            List<String> args = new ArrayList<>(List.of("replay", history.toString(), "--rules", rules.toString()));
            args.addAll(List.of(extra));
            CommandRun run = rewards(args.toArray(String[]::new));
            assertThat(run.code()).as(run.err()).isEqualTo(3);
            assertThat(run.err()).contains("rewards: rule failure: h.jsonl:" + line + ": rule \"Explodes on member " + member
                    + "\" failed: java.lang.IllegalStateException: boom (rule at zz-bomb.drl:3) (on checkin of member \"" + member + "\" at ");
            assertThat(run.out()).as("decisions before the failing line are printed").isNotEmpty();
        }
    }

    private static String firstPost(Path history) throws IOException {
        try (Stream<String> lines = Files.lines(history)) {
            return Robust.tree(lines.filter(l -> l.contains("\"type\":\"post\"")).findFirst().orElseThrow()).get("id").asText();
        }
    }
}
