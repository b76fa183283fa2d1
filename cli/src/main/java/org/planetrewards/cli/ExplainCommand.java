package org.planetrewards.cli;

import org.planetrewards.CampaignProgress;
import org.planetrewards.Decision;
import org.planetrewards.ExplanationJson;
import org.planetrewards.HistoryReader;
import org.planetrewards.MemberExplanation;
import org.planetrewards.Messages;
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
import java.util.Map;
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
    Languages languages = new Languages();

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
            String language = languages.chosen(engine, err);
            if (language == null) {
                return Rewards.INVALID_INPUT;
            }
            MemberExplanation e = engine.explain(member, language);
            if (date != null) {
                e = e.on(date);
            }
            out.print(json ? ExplanationJson.toJson(e) + "\n" : text(e, date, engine.rules().messages(), language,
                    engine.settings().dayStartsAt()));
            out.flush();
            return 0;
        } catch (Exception e) {
            return Failures.report(e, err);
        }
    }

    /** The explanation as text for a tester, in the pack's words in {@code lang}; lines end with {@code \n}. */
    static String text(MemberExplanation e, LocalDate only, Messages words, String lang) {
        return text(e, only, words, lang, java.time.LocalTime.MIDNIGHT);
    }

    /** The same, saying when the community's day starts when that is not midnight. */
    static String text(MemberExplanation e, LocalDate only, Messages words, String lang, java.time.LocalTime dayStartsAt) {
        Say say = new Say(words, lang);
        StringBuilder s = new StringBuilder();
        var p = e.progress();
        String dayStart = dayStartsAt.equals(java.time.LocalTime.MIDNIGHT) ? "" : say.t("explain.day-start", "start", dayStartsAt);
        s.append(words.plural(lang, "explain.header", e.countedDays().size(), Map.of("member", e.member(),
                "count", e.countedDays().size(), "latest", String.valueOf(p.latestActivity()), "zone", e.zone().getId(),
                "dayStart", dayStart))).append('\n');
        s.append('\n').append(only == null ? say.t("explain.timeline") : say.t("explain.timeline-on", "day", only)).append('\n');
        if (e.timeline().isEmpty()) {
            s.append("  ").append(say.t("explain.nothing-that-day")).append('\n');
        }
        for (MemberExplanation.Day d : e.timeline()) {
            s.append(say.t("explain.day", "date", d.date(), "checkIn", say.t(d.checkedIn() ? "explain.checked-in" : "explain.no-check-in"),
                    "counted", d.counted() ? say.t("explain.counted") : notCounted(d, say))).append('\n');
            for (MemberExplanation.PostVerdict v : d.posts()) {
                String tags = v.tags().isEmpty() ? say.t("explain.post.no-tag", "words",
                        v.tagWords().isEmpty() ? say.t("explain.post.no-words") : String.join(", ", v.tagWords()))
                        : say.t("explain.post.tags", "tags", v.tags());
                String version = !v.stamp().toLocalDate().equals(v.day()) || v.moderation() != null
                        ? say.t("explain.post.version", "stamp", ts(v.stamp())) : "";
                String moderation = v.featured() ? say.t("explain.featured", "at", ts(v.moderatedAt()))
                        : v.moderation() != null ? say.t("explain.moderated", "moderation", moderationWord(v.moderation(), words, lang),
                        "at", ts(v.moderatedAt())) : "";
                s.append("    ").append(say.t("explain.post", "post", v.id(), "tags", tags, "version", version,
                        "verdict", say.t(v.highQuality() ? "explain.high-quality" : "explain.not-high-quality"),
                        "moderation", moderation)).append('\n');
                for (MemberExplanation.Problem q : v.problems()) {
                    s.append("        ").append(say.t(v.highQuality() ? "explain.problem.overridden" : "explain.problem",
                            "reason", q.reason(), "detail", q.detail())).append('\n');
                }
                if (!v.highQuality() && v.problems().isEmpty()) {
                    s.append("        ").append(say.t("explain.no-reason")).append('\n');
                }
            }
            for (Decision r : d.rewards()) {
                s.append("    ").append(say.t("explain.reward", "campaign", r.campaign(), "reward", r.reward(),
                        "at", ts(r.decidedAt()))).append('\n');
            }
        }
        s.append('\n').append(say.t("explain.counted-days", "count", e.countedDays().size(),
                "days", e.countedDays().isEmpty() ? say.t("explain.counted-days.none") : ranges(e.countedDays()))).append('\n');
        s.append('\n').append(say.t("explain.campaigns")).append('\n');
        for (CampaignProgress c : p.campaigns()) {
            s.append("  ").append(c.summary()).append('\n');
            if (c.decided() && c.decision() != null && c.decision().days().size() > 1 && ranges(c.decision().days()).contains(",")) {
                s.append("      ").append(say.t("explain.evidence", "days", ranges(c.decision().days()))).append('\n');
            } else if (!c.decided()) {
                s.append("      ").append(say.t("explain.missing", "missing", c.missing())).append('\n');
            }
        }
        return s.toString();
    }

    /** The pack's word for a moderation, or the word itself when it has none. */
    private static String moderationWord(String word, Messages words, String lang) {
        String s = words.format(lang, "moderation." + word, Map.of());
        return s == null ? word : s;
    }

    private static String notCounted(MemberExplanation.Day d, Say say) {
        boolean good = d.posts().stream().anyMatch(MemberExplanation.PostVerdict::highQuality);
        List<String> why = new ArrayList<>();
        if (!d.checkedIn()) {
            why.add(say.t("explain.why.no-check-in"));
        }
        if (!good) {
            why.add(say.t(d.posts().isEmpty() ? "explain.why.no-post" : "explain.why.no-high-quality-post"));
        }
        return why.isEmpty() ? say.t("explain.not-counted") : say.t("explain.not-counted-because", "why", why);
    }

    private static String ts(java.time.OffsetDateTime t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    static String ranges(List<LocalDate> days) {
        return Days.ranges(days);
    }
}
