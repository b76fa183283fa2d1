package org.planetrewards.cli;

import org.junit.jupiter.api.Test;
import org.planetrewards.HistoryReader;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Rewards.execute(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void writesAHistoryThatTheReaderAccepts() {
        assertThat(run("generate", "--members", "20", "--days", "10", "--seed", "4")).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(HistoryReader.of("stdout", new StringReader(out.toString())).readAll()).isNotEmpty();
    }

    @Test
    void sameArgumentsSameBytes() {
        run("generate", "--members", "20", "--days", "10");
        String first = out.toString();
        out.getBuffer().setLength(0);
        run("generate", "--days", "10", "--members", "20", "--seed", "1");
        assertThat(out.toString()).isEqualTo(first);
    }

    @Test
    void membersAndDaysAreRequired() {
        assertThat(run("generate", "--days", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("--members");
    }
}
