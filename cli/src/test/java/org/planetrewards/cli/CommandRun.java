package org.planetrewards.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One run of the {@code rewards} command line as a test sees it: exit code, stdout, stderr. */
public record CommandRun(int code, String out, String err) {

    /** Runs {@code rewards args...} in this JVM, capturing both writers. */
    public static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Rewards.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** Runs {@code rewards args...} in this JVM with {@code stdin} as standard input (UTF-8). */
    public static CommandRun withStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Rewards.execute(args, new PrintWriter(out, true), new PrintWriter(err, true),
                new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** Stdout, a line each. */
    public List<String> lines() {
        return out.lines().toList();
    }
}
