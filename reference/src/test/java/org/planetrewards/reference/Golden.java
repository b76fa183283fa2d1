package org.planetrewards.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The golden histories in {@code src/test/resources/golden} (see its README):
 * facts, and the decisions an independent implementation produced for them.
 */
public final class Golden {
    public static final List<String> NAMES = List.of("streak-basic", "window-with-gaps", "community-mix");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {
    }

    public static List<Fact> facts(String name) {
        try (HistoryReader reader = HistoryReader.of(name + ".jsonl", open(name + ".jsonl"))) {
            return reader.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Decision> expected(String name) {
        List<Decision> out = new ArrayList<>();
        try (BufferedReader in = open(name + ".expected.jsonl")) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                List<LocalDate> days = new ArrayList<>();
                n.get("days").forEach(d -> days.add(LocalDate.parse(d.textValue())));
                out.add(new Decision(n.get("member").textValue(), n.get("campaign").textValue(),
                        n.get("reward").textValue(), OffsetDateTime.parse(n.get("decidedAt").textValue()), days));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A decision reduced to what the golden README says to compare, plus the evidence days. */
    public static String key(Decision d) {
        return d.member() + " " + d.campaign() + " " + d.reward() + " " + d.decidedAt().toInstant() + " " + d.days();
    }

    private static BufferedReader open(String resource) {
        InputStream in = Golden.class.getResourceAsStream("/golden/" + resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource golden/" + resource);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
