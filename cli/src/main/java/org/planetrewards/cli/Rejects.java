package org.planetrewards.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.planetrewards.HistoryReader;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code --skip-invalid} puts the lines it skips: a JSON Lines file, one object per bad
 * line ({@code {"line":12,"reason":"post is missing \"text\"","input":"..."}}; {@code input} is left out
 * when the line was not read: too long, or not UTF-8), or, without a file, one line each on stderr.
 */
final class Rejects implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final Writer out;
    private final PrintWriter err;
    private long count;

    private Rejects(Path file, Writer out, PrintWriter err) {
        this.file = file;
        this.out = out;
        this.err = err;
    }

    /**
     * @param file the reject file, or null for stderr
     * @param history the history file, or null when it is standard input
     * @throws IOException when the file cannot be written, or is the history itself
     */
    static Rejects open(Path file, Path history, PrintWriter err) throws IOException {
        if (file == null) {
            return new Rejects(null, null, err);
        }
        if (history != null && Files.exists(file) && Files.isSameFile(file, history)) {
            throw new IOException("the reject file " + file + " is the history itself");
        }
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new Rejects(file, w, err);
    }

    void accept(HistoryReader.Rejected r) {
        count++;
        if (out == null) {
            err.println("rewards: skipped " + r.source() + ":" + r.line() + ": " + r.reason());
            return;
        }
        try {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartObject();
                g.writeNumberField("line", r.line());
                g.writeStringField("reason", r.reason());
                if (r.input() != null) {
                    g.writeStringField("input", r.input());
                }
                g.writeEndObject();
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The summary for stderr: how many lines were skipped and where they went. */
    String summary(String source) {
        return "skipped " + Plural.of(count, "invalid line") + " of " + source
                + (file == null ? "" : count == 0 ? " (" + file + " is empty)" : " (written to " + file + ")");
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
