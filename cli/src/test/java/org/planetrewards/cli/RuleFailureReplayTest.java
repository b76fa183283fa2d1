package org.planetrewards.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.planetrewards.generate.HistoryGenerator;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code rewards replay} when a rule fails at run time: exit 3, one line on stderr naming the history's
 * file and line, the rule and the fact, no stack trace, and on stdout exactly the decisions of the lines
 * before the failing one, the same bytes on every run, however the shards' threads are timed.
 */
class RuleFailureReplayTest {
    static final Path RUNAWAY = Path.of("../engine/src/test/resources/runaway");
    static final Path DEFAULT_PACK = Path.of("../rules/default-pack");

    @TempDir
    static Path dir;
    static Path history;
    static List<String> lines;

    @BeforeAll
    static void generate() throws IOException {
        history = dir.resolve("community.jsonl");
        try (Writer out = Files.newBufferedWriter(history, StandardCharsets.UTF_8)) {
            new HistoryGenerator(7, 3_000, 20).write(out);
        }
        lines = Files.readAllLines(history);
    }

    /** The default pack plus {@code extra} under {@code name}, as a folder. */
    static Path pack(String name, String extra) throws IOException {
        Path pack = Files.createTempDirectory(dir, "pack");
        try (Stream<Path> files = Files.list(DEFAULT_PACK)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Files.copy(f, pack.resolve(f.getFileName()));
            }
        }
        Files.writeString(pack.resolve(name), extra);
        return pack;
    }

    @Test
    void aRuleThatThrowsForOneMemberDayGivesExit3AndTheDecisionsBeforeItsLineOnEveryRun() throws Exception {
        // A check-in in the middle of the history; the rule throws for its member and day. The member-day is
        // first evaluated with a check-in at the first check-in line of that member and day.
        ObjectMapper json = new ObjectMapper();
        int middle = lines.size() / 2;
        JsonNode planted = null;
        while (planted == null) {
            JsonNode n = json.readTree(lines.get(middle));
            if (n.path("type").asText().equals("checkin")) {
                planted = n;
            } else {
                middle++;
            }
        }
        String member = planted.get("member").asText();
        LocalDate day = localDay(planted);
        int failing = 0;
        for (int i = 0; failing == 0; i++) {
            JsonNode n = json.readTree(lines.get(i));
            if (n.path("type").asText().equals("checkin") && n.path("member").asText().equals(member) && localDay(n).equals(day)) {
                failing = i + 1;
            }
        }
        Path rules = pack("zz-planted.drl", """
                package test.planted;

                import org.planetrewards.model.CheckInDay;

                rule "Fails for one member-day"
                when
                    $c : CheckInDay( member == "%s" )
                then
                    if ($c.day().toString().equals("%s")) {
                        throw new IllegalStateException("planted failure");
                    }
                end
                """.formatted(member, day));
        Path before = dir.resolve("before.jsonl");
        Files.write(before, lines.subList(0, failing - 1));
        CommandRun expected = CommandRun.of("replay", before.toString(), "--rules", rules.toString());
        assertThat(expected.code()).isZero();
        assertThat(expected.lines()).as("the failure is after some decisions").hasSizeGreaterThan(10);

        List<String> outs = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            CommandRun r = CommandRun.of("replay", history.toString(), "--rules", rules.toString());

            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).startsWith("rewards: rule failure: community.jsonl:" + failing + ": rule \"Fails for one member-day\" failed")
                    .contains("planted failure", "(rule at zz-planted.drl:5)", "on checkin of member \"" + member + "\"")
                    .doesNotContain("\tat ", "Exception in thread");
            outs.add(r.out());
        }
        assertThat(outs).as("byte-identical stdout on every run").containsOnly(expected.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            recursion.drl    | Recurses for member runaway | StackOverflowError
            insert-flood.drl | Floods for member runaway   | inserted more than 100000 facts
            sleep.drl        | Sleeps for member runaway   | ran past the time budget of 0.5 s
            """)
    void aRunawayRuleGivesExit3NamingLineRuleAndFact(String file, String rule, String says) throws Exception {
        Path rules = pack("zz-" + file, Files.readString(RUNAWAY.resolve(file)));
        Path settings = dir.resolve("limits.json");
        Files.writeString(settings, "{\"limits\": {\"secondsPerFact\": 0.5}}");
        Path h = runawayHistory();

        CommandRun r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CommandRun.of("replay", h.toString(),
                "--rules", rules.toString(), "--settings", settings.toString(), "--allow-unsafe-code"));

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("rewards: rule failure: runaway.jsonl:1001: rule \"" + rule + "\"")
                .contains("on checkin of member \"runaway\"", "(rule at zz-" + file + ":")
                .doesNotContain("\tat ");
        // A hundred thousand inserts can take more than the half second on a loaded machine: also bounded.
        assertThat(r.err()).containsAnyOf(says, "ran past the time budget of 0.5 s");
        assertThat(r.out()).isEqualTo(CommandRun.of("replay", prefix(h).toString(), "--rules", rules.toString(),
                "--settings", settings.toString(), "--allow-unsafe-code").out());
    }

    /** A consequence that spins for good, in a JVM of its own: the process still ends, with exit 3. */
    @Test
    void aSpinningConsequenceStillEndsTheProcessWithExit3() throws Exception {
        Path rules = pack("zz-spin.drl", """
                package test.spin;

                import org.planetrewards.model.CheckInDay;

                rule "Spins for ever"
                when
                    CheckInDay( member == "runaway" )
                then
                    long n = 0;
                    while (n >= 0) {
                        n = (n + 1) % 1000;
                    }
                end
                """);
        // The default budget (2 s): in a fresh JVM the first facts load and compile classes, which on a
        // loaded machine can take longer than the half second the in-JVM tests use.
        Path settings = dir.resolve("default-limits.json");
        Files.writeString(settings, "{}");
        Path h = runawayHistory();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), Rewards.class.getName(),
                "replay", h.toString(), "--rules", rules.toString(), "--settings", settings.toString(), "--allow-unsafe-code")
                .start();
        byte[] err = p.getErrorStream().readAllBytes();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }

        assertThat(ended).as("the process ended").isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(new String(err, StandardCharsets.UTF_8)).contains("rewards: rule failure: runaway.jsonl:",
                "rule \"Spins for ever\" ran past the time budget of 2 s", "could not be stopped", "on checkin of member \"runaway\"")
                .doesNotContain("\tat ");
    }

    static final String RUNAWAY_LINE = "{\"type\":\"checkin\",\"member\":\"runaway\",\"at\":\"2026-03-10T10:00:00+08:00\"}";

    /** The first 2,000 generated lines with the runaway member's check-in in the middle. */
    static Path runawayHistory() throws IOException {
        List<String> h = new ArrayList<>(lines.subList(0, 2_000));
        h.add(1_000, RUNAWAY_LINE);
        Path file = dir.resolve("runaway.jsonl");
        Files.write(file, h);
        return file;
    }

    /** The lines of {@code file} before the runaway one. */
    static Path prefix(Path file) throws IOException {
        List<String> h = Files.readAllLines(file);
        Path p = dir.resolve("runaway-prefix.jsonl");
        Files.write(p, h.subList(0, h.indexOf(RUNAWAY_LINE)));
        return p;
    }

    static LocalDate localDay(JsonNode n) {
        return OffsetDateTime.parse(n.path("at").asText()).atZoneSameInstant(HistoryGenerator.ZONE).toLocalDate();
    }
}
