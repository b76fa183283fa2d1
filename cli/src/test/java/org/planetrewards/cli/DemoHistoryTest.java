package org.planetrewards.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped demo history is what new users replay first: its decisions must be exactly the ones
 * derived by hand from the cast in histories/README.md (and docs/default-rules.md and docs/decisions.md), byte for byte.
 */
class DemoHistoryTest {
    private static final Path HISTORIES = Path.of("../examples/histories");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void replayPrintsTheHandDerivedDecisions() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            exit = Rewards.execute(new String[]{"replay", "../examples/histories/demo.jsonl"}, o, e);
        }

        String expected = Files.readString(HISTORIES.resolve("demo.expected.jsonl"), StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stderr was:%n%s", err).isZero();
        // Compare line lists first for a readable diff, then the exact bytes (line ends included).
        assertThat(out.toString().lines()).containsExactlyElementsOf(expected.lines().toList());
        assertThat(out.toString().replace(System.lineSeparator(), "\n")).isEqualTo(expected);
    }

    @Test
    void readmeCastMentionsEveryMemberOfTheHistory() throws IOException {
        Set<String> members = new TreeSet<>();
        for (String line : Files.readAllLines(HISTORIES.resolve("demo.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode fact = JSON.readTree(line);
                if (fact.hasNonNull("member")) {
                    members.add(fact.get("member").asText());
                }
            }
        }
        String readme = Files.readString(HISTORIES.resolve("README.md"), StandardCharsets.UTF_8);

        assertThat(members).hasSizeGreaterThanOrEqualTo(12);
        assertThat(members).allSatisfy(m -> assertThat(readme).contains("**" + m + "**"));
    }
}
