package org.planetrewards.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.InvalidInputException;
import org.planetrewards.Messages;
import org.planetrewards.Ranking;
import org.planetrewards.RewardsEngine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rankings", mixinStandardHelpOptions = true, versionProvider = Rewards.Version.class, description = {
        "Replays a fact history and prints each campaign's leaderboard: members by the count the campaign's own "
                + "progress rule derives (for the default pack: the current streak, the counted days in the "
                + "window), most first, ties broken by member id, with each member's completion "
                + "rate (count/target, at most 100%%; 100%% once the campaign was decided for them).",
        "Every member is measured on one day: the day of --at in the community zone, or the latest day with a check-in "
                + "or a post. Exit 0; 2 on invalid input or an unknown campaign."})
final class RankingsCommand implements Callable<Integer> {
    private final Rewards root;

    @Parameters(index = "0", paramLabel = "HISTORY.jsonl", description = "the fact history to replay; - for standard input")
    Path history;

    @Option(names = "--campaign", paramLabel = "C", description = "only this campaign's leaderboard (by id)")
    String campaign;

    @Option(names = "--at", paramLabel = "INSTANT", description = "only facts stamped up to this instant"
            + " (2026-03-10T12:00:00+08:00), every member measured on its day in the community zone")
    String at;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "how many members a leaderboard shows (default 10)")
    int limit;

    @Option(names = "--json", description = "print the leaderboards as JSON")
    boolean json;

    @Mixin
    Languages languages = new Languages();

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Mixin
    InputOptions inputOptions = new InputOptions();

    RankingsCommand(Rewards root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        PrintWriter out = root.out();
        PrintWriter err = root.err();
        if (limit < 1) {
            err.println("rewards: --limit " + limit + ": expected a number of at least 1");
            return Rewards.INVALID_INPUT;
        }
        OffsetDateTime until = null;
        if (at != null) {
            try {
                until = OffsetDateTime.parse(at);
            } catch (DateTimeParseException e) {
                err.println("rewards: --at " + at + ": expected an instant with its offset, like 2026-03-10T12:00:00+08:00");
                return Rewards.INVALID_INPUT;
            }
        }
        HistoryInput input = HistoryInput.of(history, root);
        try (HistoryReader reader = input.open();
             Rejects rejects = inputOptions.attach(reader, input, err);
             RewardsEngine engine = engineOptions.engine(d -> { })) {
            if (campaign != null && engine.settings().campaigns().stream().noneMatch(c -> c.id().equals(campaign))) {
                err.println("rewards: --campaign " + campaign + ": no such campaign in the settings (they have "
                        + String.join(", ", engine.settings().campaigns().stream().map(c -> c.id()).toList()) + ")");
                return Rewards.INVALID_INPUT;
            }
            String language = languages.chosen(engine, err);
            if (language == null) {
                return Rewards.INVALID_INPUT;
            }
            if (until == null) {
                engine.replay(reader);
            } else {
                replayUntil(reader, engine, until);
            }
            InputOptions.afterReading(reader, rejects, err);
            LocalDate day = until == null ? null : until.atZoneSameInstant(engine.settings().zone()).toLocalDate();
            List<Ranking> boards = engine.rankings(day, limit, language).stream()
                    .filter(r -> campaign == null || r.campaign().equals(campaign)).toList();
            out.print(json ? json(boards, engine, language) : text(boards, engine, language));
            out.flush();
            return 0;
        } catch (Exception e) {
            return Failures.report(e, err);
        }
    }

    /** The facts stamped up to {@code until}, in history order: the community as it stood then. */
    private static void replayUntil(HistoryReader reader, RewardsEngine engine, OffsetDateTime until) {
        for (Fact f = reader.next(); f != null; f = reader.next()) {
            if (f.stamp().isAfter(until)) {
                continue;
            }
            try {
                engine.apply(f);
            } catch (InvalidInputException e) {
                throw e.source() == null ? e.at(reader.source(), reader.lineNumber()) : e;
            }
        }
    }

    /** The leaderboards as text, in the pack's words; lines end with {@code \n}. */
    static String text(List<Ranking> boards, RewardsEngine engine, String lang) {
        Messages words = engine.rules().messages();
        Say say = new Say(words, lang);
        StringBuilder s = new StringBuilder();
        LocalDate day = boards.isEmpty() ? null : boards.get(0).asOf();
        if (day == null) {
            return say.t("rankings.nobody") + "\n";
        }
        s.append(say.t("rankings.header", "day", day, "zone", engine.settings().zone().getId())).append('\n');
        for (Ranking r : boards) {
            s.append('\n').append(words.plural(lang, "rankings.campaign", r.members(), java.util.Map.of("campaign", r.campaign(),
                    "reward", r.reward(), "measure", r.measure() == null ? say.t("rankings.no-measure") : r.measure(),
                    "members", r.members()))).append('\n');
            if (r.entries().isEmpty()) {
                s.append("  ").append(say.t("rankings.empty")).append('\n');
            }
            for (Ranking.Entry e : r.entries()) {
                s.append("  ").append(say.t("rankings.entry", "place", e.place(), "member", e.member(), "count", e.count(),
                        "target", e.target(), "percent", percent(e.completion()),
                        "won", e.decided() ? say.t("rankings.won") : "")).append('\n');
            }
        }
        return s.toString();
    }

    /** Whole percent, rounded down: 14/15 is 93%, and only a complete count shows 100%. */
    static int percent(double completion) {
        return (int) Math.floor(completion * 100 + 1e-9);
    }

    static String json(List<Ranking> boards, RewardsEngine engine, String lang) {
        StringWriter w = new StringWriter(4096);
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            DefaultIndenter indent = new DefaultIndenter("  ", "\n");
            g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indent).withArrayIndenter(indent));
            g.writeStartObject();
            g.writeStringField("asOf", boards.isEmpty() || boards.get(0).asOf() == null ? null : boards.get(0).asOf().toString());
            g.writeStringField("zone", engine.settings().zone().getId());
            g.writeStringField("language", lang);
            g.writeArrayFieldStart("rankings");
            for (Ranking r : boards) {
                org.planetrewards.cli.report.HtmlReport.writeRanking(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + "\n";
    }
}
