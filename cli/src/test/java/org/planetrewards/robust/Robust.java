package org.planetrewards.robust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.planetrewards.Decision;
import org.planetrewards.DecisionJson;
import org.planetrewards.Fact;
import org.planetrewards.RewardsEngine;
import org.planetrewards.generate.HistoryGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What the robustness tests share: generated histories, serial runs and a canonical form of snapshots. */
final class Robust {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Robust() {
    }

    static List<Fact> facts(long seed, int members, int days) {
        return new HistoryGenerator(seed, members, days).facts();
    }

    /** The history as the generator writes it: JSON Lines, with its repeats, extra fields and blank lines. */
    static String text(long seed, int members, int days) {
        StringWriter out = new StringWriter();
        try {
            new HistoryGenerator(seed, members, days).write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The decisions of each fact, applied one after the other to a fresh engine. */
    static List<List<Decision>> perFact(List<Fact> facts, int shards) {
        List<List<Decision>> out = new ArrayList<>(facts.size());
        try (RewardsEngine engine = RewardsEngine.builder().shards(shards).build()) {
            for (Fact f : facts) {
                out.add(engine.apply(f));
            }
        }
        return out;
    }

    static List<Decision> flat(List<List<Decision>> perFact) {
        return perFact.stream().flatMap(List::stream).toList();
    }

    /** Decisions as their JSON lines: what a comparison should print when it fails. */
    static List<String> lines(List<Decision> decisions) {
        return decisions.stream().map(DecisionJson::toJson).toList();
    }

    /**
     * A snapshot's content without what depends on how the work was split: its lists sorted (shards list
     * their members in their own order) and, when {@code withLastStamp} is false, without the stamp of the
     * last fact (which thread came last is not defined when facts are applied in parallel).
     */
    static String canonical(String snapshotJson, boolean withLastStamp) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(snapshotJson);
            if (!withLastStamp) {
                tree.remove("lastStamp");
            }
            for (String list : List.of("members", "checkIns", "posts", "moderations", "decided", "routes")) {
                List<String> items = new ArrayList<>();
                tree.get(list).forEach(n -> items.add(n.toString()));
                items.sort(null);
                ArrayNode sorted = tree.putArray(list);
                for (String item : items) {
                    sorted.add(JSON.readTree(item));
                }
            }
            return tree.toPrettyString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
