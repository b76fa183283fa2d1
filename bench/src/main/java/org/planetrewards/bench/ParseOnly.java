package org.planetrewards.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline that `bench/cold.sh` puts beside a whole-process `rewards replay`: a fresh JVM that streams
 * the same history through Jackson and reads every field's value (text, numbers, arrays), one line at a
 * time, and prints how many lines and values it read. Nothing is validated and nothing is kept: it is
 * the least any program that reads the file must do, so "replay / parse-only" says what the rules cost
 * on top of reading.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.planetrewards.bench.ParseOnly HISTORY.jsonl</pre>
 */
public final class ParseOnly {
    private ParseOnly() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ParseOnly HISTORY.jsonl");
            System.exit(2);
        }
        JsonFactory json = new JsonFactory();
        long lines = 0;
        long values = 0;
        long chars = 0; // every value's text is touched, so the JIT cannot drop the reading
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                try (JsonParser p = json.createParser(line)) {
                    for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                        if (t.isScalarValue()) {
                            values++;
                            chars += p.getText().length();
                        }
                    }
                }
            }
        }
        System.out.println(lines + " lines, " + values + " values, " + chars + " characters");
    }
}
