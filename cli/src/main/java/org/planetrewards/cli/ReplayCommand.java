package org.planetrewards.cli;

import org.planetrewards.DecisionJson;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "replay", description = {
        "Replays a fact history (JSON Lines) and prints the reward decisions as JSON Lines, in the order they were decided.",
        "Exit 0 when the history was applied (with --skip-invalid: every valid line); 2 on invalid input, naming file"
                + " and line; 3 when a rule fails at run time, naming file, line, rule and fact."})
final class ReplayCommand implements Callable<Integer> {
    private final Rewards root;

    @Parameters(index = "0", paramLabel = "HISTORY.jsonl", description = "the fact history to replay")
    Path history;

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Option(names = "--skip-invalid", arity = "0..1", paramLabel = "REJECTS.jsonl", fallbackValue = "",
            description = "skip invalid lines instead of stopping at the first: each goes to REJECTS.jsonl (JSON Lines:"
                    + " line, reason, input) or, without a file, to stderr; the count is printed at the end")
    String skipInvalid;

    ReplayCommand(Rewards root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        PrintWriter out = root.out();
        PrintWriter err = root.err();
        long started = System.nanoTime();
        Map<String, Integer> perCampaign = new TreeMap<>();
        try (HistoryReader reader = HistoryReader.open(history);
             Rejects rejects = skipInvalid == null ? null
                     : Rejects.open(skipInvalid.isEmpty() ? null : Path.of(skipInvalid), history, err);
             RewardsEngine engine = engineOptions.engine(d -> {
                 out.println(DecisionJson.toJson(d));
                 perCampaign.merge(d.campaign(), 1, Integer::sum);
             })) {
            if (rejects != null) {
                reader.skipInvalid(rejects::accept);
            }
            try {
                engine.replay(reader);
            } finally {
                out.flush();
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            err.println("replayed " + reader.lineNumber() + " lines of " + reader.source() + ": "
                    + perCampaign.values().stream().mapToInt(Integer::intValue).sum() + " decisions "
                    + perCampaign + " in " + ms + " ms");
            if (rejects != null) {
                err.println(rejects.summary(reader.source()));
            }
            return 0;
        } catch (Exception e) {
            return Failures.report(e, err);
        }
    }

}
