package org.planetrewards.cli;

import org.planetrewards.Decision;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;
import org.planetrewards.examples.report.HtmlReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", description = {
        "Replays a fact history and writes a visual report as ONE self-contained HTML file (no network): a calendar "
                + "heatmap per member, a funnel per campaign, the reasons posts failed quality and the decisions; "
                + "members filtered by id and paged.",
        "Exit 0; 2 on invalid input or when the file cannot be written."})
final class ReportCommand implements Callable<Integer> {
    private final Rewards root;

    @Parameters(index = "0", paramLabel = "HISTORY.jsonl", description = "the fact history to replay")
    Path history;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the HTML file to write (e.g. report.html)")
    Path out;

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    ReportCommand(Rewards root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        PrintWriter err = root.err();
        try (HistoryReader reader = HistoryReader.open(history);
             RewardsEngine engine = engineOptions.engine(d -> { })) {
            List<Decision> decisions = engine.replay(reader);
            String html = HtmlReport.render(engine, decisions, reader.source());
            Files.writeString(out, html, StandardCharsets.UTF_8);
            err.println("wrote " + out + ": " + engine.members().size() + " members, " + decisions.size() + " decisions");
            return 0;
        } catch (Exception e) {
            return Failures.report(e, err);
        }
    }
}
