package org.planetrewards.cli;

import org.planetrewards.DecisionJson;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;
import org.planetrewards.store.DecisionStore;
import org.planetrewards.store.StoreException;
import org.planetrewards.store.StoredReplay;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = Rewards.Version.class, description = {
        "Replays a fact history (JSON Lines) and prints the reward decisions as JSON Lines, in the order they were decided.",
        "Exit 0 when the history was applied (with --skip-invalid: every valid line); 2 on invalid input, naming file"
                + " and line; 3 when a rule fails at run time, naming file, line, rule and fact."})
final class ReplayCommand implements Callable<Integer> {
    private final Rewards root;

    @Parameters(index = "0", paramLabel = "HISTORY.jsonl", description = "the fact history to replay; - for standard input")
    Path history;

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Mixin
    InputOptions inputOptions = new InputOptions();

    @Option(names = "--store", paramLabel = "JDBC-URL",
            description = "store the decisions and the engine's state in a database (e.g. jdbc:sqlite:rewards.db),"
                    + " exactly once: run again on the same or a longer history, it resumes where it stopped and"
                    + " prints and stores only what is new (docs/storing-decisions.md)")
    String store;

    @Option(names = "--store-batch", paramLabel = "LINES", defaultValue = "10000",
            description = "with --store: lines per transaction (default ${DEFAULT-VALUE})")
    int storeBatch;

    ReplayCommand(Rewards root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        if (store != null) {
            return stored();
        }
        PrintWriter out = root.out();
        PrintWriter err = root.err();
        long started = System.nanoTime();
        Map<String, Integer> perCampaign = new TreeMap<>();
        HistoryInput input = HistoryInput.of(history, root);
        try (HistoryReader reader = input.open();
             Rejects rejects = inputOptions.attach(reader, input, err);
             RewardsEngine engine = engineOptions.engine(d -> {
                 out.println(DecisionJson.toJson(d));
                 perCampaign.merge(d.campaign(), 1, Integer::sum);
             })) {
            try {
                engine.replay(reader);
            } finally {
                out.flush();
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            err.println("replayed " + Plural.of(reader.lineNumber(), "line") + " of " + reader.source() + ": "
                    + Plural.of(perCampaign.values().stream().mapToInt(Integer::intValue).sum(), "decision")
                    + (perCampaign.isEmpty() ? "" : " " + perCampaign) + " in " + ms + " ms");
            InputOptions.afterReading(reader, rejects, err);
            return 0;
        } catch (Exception e) {
            return Failures.report(e, err);
        }
    }


    /** The replay into a database: decisions are printed once their transaction has committed. */
    private Integer stored() {
        PrintWriter out = root.out();
        PrintWriter err = root.err();
        long started = System.nanoTime();
        Map<String, Integer> perCampaign = new TreeMap<>();
        try (DecisionStore db = DecisionStore.open(store);
             Rejects rejects = inputOptions.skipInvalid == null ? null
                     : Rejects.open(inputOptions.skipInvalid.isEmpty() ? null : Path.of(inputOptions.skipInvalid), history, err)) {
            if ("-".equals(history.toString())) {
                err.println("rewards: --store resumes by line number, so it reads a file, not standard input");
                return Rewards.INVALID_INPUT;
            }
            RewardsEngine.Builder engine = RewardsEngine.builder();
            if (engineOptions.allowUnsafeCode) {
                engine.allowUnsafeRuleCode();
            }
            if (engineOptions.rules != null) {
                engine.rules(org.planetrewards.RulePack.folder(engineOptions.rules));
            }
            engine.settings(engineOptions.settings());
            StoredReplay replay = new StoredReplay(db, engine).batchLines(storeBatch).onStored(d -> {
                out.println(DecisionJson.toJson(d));
                perCampaign.merge(d.campaign(), 1, Integer::sum);
            });
            if (rejects != null) {
                replay.skipInvalid(rejects::accept);
            }
            StoredReplay.Result result;
            try {
                result = replay.replay(history);
            } finally {
                out.flush();
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            err.println("replayed lines " + (result.resumedAfterLine() + 1) + " to " + result.lines() + " of " + history.getFileName()
                    + " into " + db.label() + ": " + Plural.of(result.stored(), "new decision") + " " + perCampaign + " in " + ms + " ms");
            if (rejects != null) {
                err.println(rejects.summary(history.getFileName().toString()));
            }
            return 0;
        } catch (StoreException e) {
            err.println("rewards: " + e.getMessage());
            return Rewards.INVALID_INPUT;
        } catch (Exception e) {
            return Failures.report(e, err);
        }
    }
}
