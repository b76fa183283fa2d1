package org.planetrewards.kafka;

import org.planetrewards.Decision;
import org.planetrewards.DecisionJson;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.Moderation;
import org.planetrewards.Post;
import org.planetrewards.CheckIn;
import org.planetrewards.RewardsEngine;
import org.planetrewards.generate.HistoryGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Histories for the tests and what the engine's own replay decides on them: the expected side. */
final class Histories {
    static final Path DEMO = Path.of("..", "examples", "histories", "demo.jsonl");

    private Histories() {
    }

    /** A generated history written to a file, as {@code rewards generate} would. */
    static Path generated(Path dir, long seed, int members, int days) {
        Path file = dir.resolve("generated-" + members + "x" + days + ".jsonl");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new HistoryGenerator(seed, members, days).write(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The non-blank lines of a history, in file order: what a producer would send. */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key a producer gives a line: its member, or for a moderation its post. */
    static String key(String line) {
        Fact f = HistoryReader.parseLine(line);
        if (f instanceof Moderation m) {
            return m.post();
        }
        return f instanceof Post p ? p.member() : ((CheckIn) f).member();
    }

    /** {@code rewards replay}'s decisions on the file, by decision id, in decision order. */
    static Map<String, String> replay(Path file) {
        try (RewardsEngine engine = RewardsEngine.builder().build(); HistoryReader reader = HistoryReader.open(file)) {
            return byId(engine.replay(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> byId(List<Decision> decisions) {
        Map<String, String> out = new LinkedHashMap<>();
        decisions.forEach(d -> out.put(d.id(), DecisionJson.toJson(d)));
        return out;
    }

    /** What differs between two decision maps, readably: missing, unexpected and changed decisions. */
    static List<String> difference(Map<String, String> expected, Map<String, String> actual) {
        List<String> out = new java.util.ArrayList<>();
        expected.forEach((id, json) -> {
            String got = actual.get(id);
            if (got == null) {
                out.add("missing " + json);
            } else if (!got.equals(json)) {
                out.add("expected " + json + " but got " + got);
            }
        });
        actual.forEach((id, json) -> {
            if (!expected.containsKey(id)) {
                out.add("unexpected " + json);
            }
        });
        return out;
    }
}
