package org.planetrewards.cli;

import org.planetrewards.Decision;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;
import org.planetrewards.cli.report.HtmlReport;

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

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Rewards.Version.class, description = {
        "Replays a fact history and writes a visual report as ONE self-contained HTML file (no network): a calendar "
                + "heatmap per member, a funnel per campaign, the reasons posts failed quality and the decisions; "
                + "members filtered by id and paged.",
        "Exit 0; 2 on invalid input or when the file cannot be written."})
final class ReportCommand implements Callable<Integer> {
    private final Rewards root;

    @Parameters(index = "0", paramLabel = "HISTORY.jsonl", description = "the fact history to replay; - for standard input")
    Path history;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the HTML file to write (e.g. report.html)")
    Path out;

    @Mixin
    Languages languages = new Languages();

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Mixin
    InputOptions inputOptions = new InputOptions();

    ReportCommand(Rewards root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        PrintWriter err = root.err();
        HistoryInput input = HistoryInput.of(history, root);
        try (HistoryReader reader = input.open();
             Rejects rejects = inputOptions.attach(reader, input, err);
             RewardsEngine engine = engineOptions.engine(d -> { })) {
            String language = languages.chosen(engine, err);
            if (language == null) {
                return Rewards.INVALID_INPUT;
            }
            List<Decision> decisions = engine.replay(reader);
            InputOptions.afterReading(reader, rejects, err);
            String html = HtmlReport.render(engine, decisions, reader.source(), language);
            Files.writeString(out, html, StandardCharsets.UTF_8);
            err.println("wrote " + out + ": " + Plural.of(engine.members().size(), "member") + ", "
                    + Plural.of(decisions.size(), "decision"));
            return 0;
        } catch (Exception e) {
            return Failures.report(e, err);
        }
    }
}
