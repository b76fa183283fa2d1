package org.planetrewards.cli;

import org.planetrewards.CampaignProgress;
import org.planetrewards.Decision;
import org.planetrewards.ExplanationJson;
import org.planetrewards.HistoryReader;
import org.planetrewards.MemberExplanation;
import org.planetrewards.RewardsEngine;
import org.planetrewards.cli.report.Days;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = Rewards.Version.class, description = {
        "Replays a fact history and explains one member: a day-by-day timeline (check-ins, posts and why each "
                + "is high quality or not, in the words of the quality rules, moderations, rewards), the counted days, "
                + "and for each campaign the decision or the progress and what is missing.",
        "Exit 0; 2 on invalid input or a member the history does not mention."})
final class ExplainCommand implements Callable<Integer> {
    private final Rewards root;

    @Parameters(index = "0", paramLabel = "HISTORY.jsonl", description = "the fact history to replay; - for standard input")
    Path history;

    @Option(names = "--member", required = true, paramLabel = "M", description = "the member to explain")
    String member;

    @Option(names = "--date", paramLabel = "D", description = "only this day in the timeline, written like 2026-03-14")
    LocalDate date;

    @Option(names = "--json", description = "print the explanation as JSON")
    boolean json;

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Mixin
    InputOptions inputOptions = new InputOptions();

    ExplainCommand(Rewards root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        PrintWriter out = root.out();
        PrintWriter err = root.err();
        HistoryInput input = HistoryInput.of(history, root);
        try (HistoryReader reader = input.open();
             Rejects rejects = inputOptions.attach(reader, input, err);
             RewardsEngine engine = engineOptions.engine(d -> { })) {
            engine.replay(reader);
            InputOptions.afterReading(reader, rejects, err);
            if (!engine.members().contains(member)) {
                err.println("rewards: " + reader.source() + " has no fact of member \"" + member + "\"");
                return Rewards.INVALID_INPUT;
            }
            MemberExplanation e = engine.explain(member);
            if (date != null) {
                e = e.on(date);
            }
            out.print(json ? ExplanationJson.toJson(e) + "\n" : text(e, date, engine.settings().dayStartsAt()));
            out.flush();
            return 0;
        } catch (Exception e) {
            return Failures.report(e, err);
        }
    }

    /** The explanation as text for a tester; lines end with {@code \n}. */
    static String text(MemberExplanation e, LocalDate only) {
        return text(e, only, java.time.LocalTime.MIDNIGHT);
    }

    /** The same, saying when the community's day starts when that is not midnight. */
    static String text(MemberExplanation e, LocalDate only, java.time.LocalTime dayStartsAt) {
        StringBuilder s = new StringBuilder();
        var p = e.progress();
        s.append(e.member()).append(": ").append(Plural.of(e.countedDays().size(), "counted day")).append(", latest activity ")
                .append(p.latestActivity()).append(" (days in ").append(e.zone())
                .append(dayStartsAt.equals(java.time.LocalTime.MIDNIGHT) ? "" : ", from " + dayStartsAt + " to " + dayStartsAt + " the next day")
                .append(")\n");
        s.append('\n').append(only == null ? "Timeline" : "Timeline on " + only).append('\n');
        if (e.timeline().isEmpty()) {
            s.append("  (nothing on that day)\n");
        }
        for (MemberExplanation.Day d : e.timeline()) {
            s.append(d.date()).append("  ").append(d.checkedIn() ? "checked in" : "no check-in").append(", ")
                    .append(d.counted() ? "COUNTED" : "not counted" + whyNotCounted(d)).append('\n');
            for (MemberExplanation.PostVerdict v : d.posts()) {
                s.append("    post ").append(v.id()).append(' ').append(v.tags().isEmpty() ? "(no community tag; tags as written: "
                        + (v.tagWords().isEmpty() ? "none" : String.join(", ", v.tagWords())) + ")" : v.tags().toString());
                if (!v.stamp().toLocalDate().equals(v.day()) || v.moderation() != null) {
                    s.append(" version of ").append(ts(v.stamp()));
                }
                s.append(": ").append(v.highQuality() ? "high quality" : "NOT high quality");
                if (v.featured()) {
                    s.append(", featured by a moderator at ").append(ts(v.moderatedAt()));
                } else if (v.moderation() != null) {
                    s.append(" (latest moderation: ").append(v.moderation()).append(" at ").append(ts(v.moderatedAt())).append(')');
                }
                s.append('\n');
                for (MemberExplanation.Problem q : v.problems()) {
                    s.append("        ").append(v.highQuality() ? "overridden by the feature: " : "")
                            .append(q.reason()).append(" — ").append(q.detail()).append('\n');
                }
                if (!v.highQuality() && v.problems().isEmpty()) {
                    s.append("        (the rules recorded no reason)\n");
                }
            }
            for (Decision r : d.rewards()) {
                s.append("    REWARD ").append(r.campaign()).append(" → ").append(r.reward()).append(" decided at ")
                        .append(ts(r.decidedAt())).append('\n');
            }
        }
        s.append('\n').append("Counted days (").append(e.countedDays().size()).append("): ")
                .append(e.countedDays().isEmpty() ? "none" : ranges(e.countedDays())).append('\n');
        s.append('\n').append("Campaigns\n");
        for (CampaignProgress c : p.campaigns()) {
            s.append("  ").append(c.summary()).append('\n');
            if (c.decided() && c.decision() != null && c.decision().days().size() > 1 && ranges(c.decision().days()).contains(",")) {
                s.append("      evidence: ").append(ranges(c.decision().days())).append('\n');
            } else if (!c.decided()) {
                s.append("      missing: ").append(c.missing()).append('\n');
            }
        }
        return s.toString();
    }

    private static String whyNotCounted(MemberExplanation.Day d) {
        boolean good = d.posts().stream().anyMatch(MemberExplanation.PostVerdict::highQuality);
        List<String> why = new ArrayList<>();
        if (!d.checkedIn()) {
            why.add("no check-in");
        }
        if (!good) {
            why.add(d.posts().isEmpty() ? "no post" : "no high-quality post");
        }
        return why.isEmpty() ? "" : " (" + String.join(", ", why) + ")";
    }

    private static String ts(java.time.OffsetDateTime t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    static String ranges(List<LocalDate> days) {
        return Days.ranges(days);
    }
}
