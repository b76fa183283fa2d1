package org.planetrewards.cli;

import org.planetrewards.HistoryReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a command's history comes from: a file, or standard input when the argument is {@code -}.
 * Error messages name the file, or {@code stdin}.
 */
final class HistoryInput {
    static final String STDIN_NAME = "stdin";

    private final String name;
    private final Path file;
    private final InputStream stdin;

    private HistoryInput(String name, Path file, InputStream stdin) {
        this.name = name;
        this.file = file;
        this.stdin = stdin;
    }

    /** The history an argument names; read it once with {@link #open()}. */
    static HistoryInput of(Path argument, Rewards root) {
        return isStdin(argument) ? new HistoryInput(STDIN_NAME, null, root.in()) : file(argument);
    }

    private static HistoryInput file(Path file) {
        return new HistoryInput(file.getFileName().toString(), file, null);
    }

    /**
     * The history an argument names, readable many times: standard input is first copied to a temporary
     * file (deleted at exit), since a pipe can be read only once and a command such as diff reads twice.
     */
    static HistoryInput reusable(Path argument, Rewards root) throws IOException {
        if (!isStdin(argument)) {
            return file(argument);
        }
        Path copy = Files.createTempFile("rewards-stdin-", ".jsonl");
        copy.toFile().deleteOnExit();
        Files.copy(root.in(), copy, StandardCopyOption.REPLACE_EXISTING);
        return new HistoryInput(STDIN_NAME, copy, null);
    }

    static boolean isStdin(Path argument) {
        return argument.toString().equals("-");
    }

    String name() {
        return name;
    }

    /** The file, or null for standard input read as a stream. */
    Path file() {
        return file;
    }

    HistoryReader open() throws IOException {
        return HistoryReader.of(name, file == null ? stdin : Files.newInputStream(file), HistoryReader.Limits.DEFAULT);
    }

    /**
     * Says on stderr which keys the history holds that no fact type defines: they were ignored, and a
     * typo among them ({@code "link"} for {@code "links"}) changes results without any other sign.
     */
    static void reportUnknownKeys(HistoryReader reader, PrintWriter err) {
        List<HistoryReader.UnknownKey> keys = reader.unknownKeys();
        if (keys.isEmpty()) {
            return;
        }
        long total = keys.stream().mapToLong(HistoryReader.UnknownKey::count).sum();
        long first = keys.stream().mapToLong(HistoryReader.UnknownKey::firstLine).min().orElse(0);
        err.println("rewards: " + reader.source() + ": ignored " + Plural.of(total, "unknown key") + ": "
                + keys.stream().map(k -> k.key() + " (" + k.count() + ")").collect(Collectors.joining(", "))
                + "; the first on line " + first + " (docs/history-format.md lists the keys of each fact type)");
    }
}
