package org.planetrewards;

import org.planetrewards.model.Campaign;
import org.planetrewards.model.ModerationAction;
import org.planetrewards.model.Progress;
import org.planetrewards.model.QualityProblem;
import org.planetrewards.model.Text;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Progress and explanations from one member's facts as the rules left them. Counts only what the rules
 * derived (counted days, high-quality verdicts, quality problems, tags, and each campaign's
 * {@link Progress} facts, which its own rule file derives): nothing here knows a campaign kind. Pure
 * functions of a {@link MemberFacts} copy.
 */
final class Explainer {
    /** docs/default-rules.md's reasons first, in its order; any others after them, by code. */
    private static final List<String> REASON_ORDER = List.of("too-short", "no-known-tag", "no-source-link", "repeated-text",
            "too-soon-after-check-in", "over-daily-cap", "rejected");

    private Explainer() {
    }

    static MemberProgress progress(MemberFacts f, Messages words, String language) {
        MemberFacts.Derived d = f.derived();
        Say say = new Say(words, language);
        List<CampaignProgress> out = new ArrayList<>();
        for (Campaign c : f.settings().campaigns()) {
            out.add(campaign(c, f, say));
        }
        return new MemberProgress(f.member(), f.asOf(), d.counted().size(), out, language);
    }

    static MemberExplanation explain(MemberFacts f, Messages words, String language) {
        ZoneId zone = f.settings().zone();
        MemberFacts.Derived d = f.derived();
        Say say = new Say(words, language);
        MemberProgress progress = progress(f, words, language);
        Map<LocalDate, List<MemberExplanation.PostVerdict>> postsByDay = new TreeMap<>();
        f.derived().posts().stream()
                .sorted(Comparator.comparing((MemberFacts.PostFacts p) -> p.version().stamp()).thenComparing(p -> p.version().id()))
                .forEach(p -> postsByDay.computeIfAbsent(p.version().day(), k -> new ArrayList<>()).add(verdict(p, zone, say)));
        Map<LocalDate, List<Decision>> rewardsByDay = new TreeMap<>();
        for (CampaignProgress c : progress.campaigns()) {
            if (c.decision() != null) {
                rewardsByDay.computeIfAbsent(f.settings().communityDay(c.decision().decidedAt()),
                        k -> new ArrayList<>()).add(c.decision());
            }
        }
        java.util.SortedSet<LocalDate> days = new java.util.TreeSet<>(d.checkIns());
        days.addAll(postsByDay.keySet());
        days.addAll(rewardsByDay.keySet());
        List<MemberExplanation.Day> timeline = new ArrayList<>(days.size());
        for (LocalDate day : days) {
            timeline.add(new MemberExplanation.Day(day, contains(d.checkIns(), day), contains(d.counted(), day),
                    postsByDay.getOrDefault(day, List.of()), rewardsByDay.getOrDefault(day, List.of())));
        }
        return new MemberExplanation(f.member(), zone, timeline, d.counted(), progress);
    }

    /**
     * What a campaign's progress counts, in the pack's words: the rule's fixed words, or its sentence with
     * what the engine adds to every one ({@link MessageLints#ENGINE_GIVES}); {@code measure.default} when no
     * file has the rule's key, so a kind written only in a rule file still reads sensibly.
     */
    static String measure(Campaign c, Progress p, Messages words, String language) {
        return p.text() == null ? p.measure() : new Say(words, language).rule(p.text(), "measure.default",
                Map.of("campaign", c.id(), "kind", c.kind(), "reward", c.reward(), "count", p.count(), "target", p.target()));
    }

    /** The pack's words in one language. */
    private record Say(Messages words, String language) {
        String t(String key, Object... namesAndValues) {
            return words.say(language, key, namesAndValues);
        }

        /** A rule's sentence, with what the engine adds to every one; {@code fallbackKey} when no file has its key. */
        String rule(Text text, String fallbackKey, Map<String, Object> added) {
            Map<String, Object> args = new LinkedHashMap<>(added);
            args.putAll(text.args());
            String s = words.format(language, text.key(), args);
            if (s == null && fallbackKey != null) {
                s = words.format(language, fallbackKey, args);
            }
            return s != null ? s : words.text(language, text.key(), args);
        }

        String problem(QualityProblem q) {
            return q.text() == null ? q.detail() : rule(q.text(), null, Map.of("post", q.postId(), "reason", q.reason()));
        }
    }

    private static MemberExplanation.PostVerdict verdict(MemberFacts.PostFacts p, ZoneId zone, Say say) {
        var v = p.version();
        var m = p.moderation();
        List<MemberExplanation.Problem> problems = p.problems().stream()
                .map(q -> new MemberExplanation.Problem(q.reason(), say.problem(q)))
                .sorted(Comparator.comparingInt((MemberExplanation.Problem q) -> reasonRank(q.reason()))
                        .thenComparing(MemberExplanation.Problem::reason).thenComparing(MemberExplanation.Problem::detail))
                .distinct()
                .toList();
        return new MemberExplanation.PostVerdict(v.id(), v.day(), v.stamp().atZone(zone).toOffsetDateTime(),
                p.tags().stream().sorted().toList(), v.tagWords(), p.highQuality(),
                m != null && m.action() == ModerationAction.FEATURE,
                m == null ? null : m.action().word(), m == null ? null : m.at().atZone(zone).toOffsetDateTime(), problems);
    }

    private static int reasonRank(String reason) {
        int i = REASON_ORDER.indexOf(reason);
        return i < 0 ? REASON_ORDER.size() : i;
    }

    private static CampaignProgress campaign(Campaign c, MemberFacts f, Say say) {
        boolean decided = f.decided().contains(c.id());
        // The latest: of a campaign with levels or seasons, the highest level or the latest season won so far.
        Decision decision = f.decisions().stream().filter(x -> x.campaign().equals(c.id())).reduce((a, b) -> b).orElse(null);
        // One per member and campaign by the rules' contract; should a pack derive more, the furthest on counts.
        Progress p = f.progress().stream().filter(x -> x.campaign().equals(c.id()))
                .max(Comparator.comparingInt(Progress::count)).orElse(null);
        String measure = p == null ? null : measure(c, p, say.words(), say.language());
        String missing;
        String summary;
        if (decided) {
            String at = decision == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(decision.decidedAt());
            missing = decision == null ? say.t("missing.won-resumed", "reward", c.reward())
                    : say.t("missing.won", "reward", c.reward(), "at", at);
            summary = decision == null ? say.t("summary.won-resumed", "campaign", c.id(), "reward", c.reward())
                    : say.t("summary.won", "campaign", c.id(), "reward", c.reward(), "at", at, "evidence", evidence(decision, say));
        } else if (p == null) {
            missing = say.t("missing.no-progress", "kind", c.kind());
            summary = say.t("summary.no-progress", "campaign", c.id(), "kind", c.kind());
        } else {
            String stand = say.t("missing.stand", "count", p.count(), "target", p.target(), "measure", measure);
            if (p.nextNeeded() != null && f.asOf() != null) {
                String then = p.winsOn() == null ? ""
                        : p.winsOn().equals(p.nextNeeded()) ? say.t("missing.then.that-day", "reward", c.reward())
                        : say.t("missing.then.from-then-on", "reward", c.reward(), "day", p.winsOn());
                missing = say.t("missing.next", "stand", stand, "action", action(p.nextNeeded(), f.asOf(), f.derived(), say),
                        "then", then, "reward", c.reward(), "day", p.nextNeeded());
            } else if (p.winsOn() == null && c.activeUntil() != null && p.count() < p.target()) {
                missing = say.t(f.asOf() != null && f.asOf().isAfter(c.activeUntil()) ? "missing.ended" : "missing.ends",
                        "stand", stand, "reward", c.reward(), "day", c.activeUntil());
            } else {
                missing = stand;
            }
            String span = p.from() == null ? ""
                    : p.from().equals(p.to()) ? say.t("summary.span-one-day", "from", p.from())
                    : say.t("summary.span", "from", p.from(), "to", p.to());
            summary = say.t("summary.progress", "campaign", c.id(), "count", p.count(), "target", p.target(), "measure", measure,
                    "span", span, "next", p.nextNeeded() == null ? "" : say.t("summary.next", "day", p.nextNeeded()),
                    "wins", p.winsOn() == null ? "" : say.t("summary.wins", "reward", c.reward(), "day", p.winsOn()),
                    "reward", c.reward());
        }
        DaySpan current = p == null ? DaySpan.NONE : new DaySpan(p.count(), p.from(), p.to());
        return new CampaignProgress(c.id(), c.kind(), c.reward(), p == null ? 0 : p.target(), measure,
                current, p == null ? List.of() : p.evidence(), decided, decision,
                decided || p == null ? null : p.nextNeeded(), decided || p == null ? null : p.winsOn(), missing, summary);
    }

    private static String evidence(Decision d, Say say) {
        if (d.days().isEmpty()) {
            return say.t("evidence.none");
        }
        if (d.days().size() == 1) {
            return say.t("evidence.one", "day", d.days().get(0));
        }
        return say.t("evidence.many", "count", d.days().size(), "from", d.days().get(0), "to", d.days().get(d.days().size() - 1));
    }

    /** What the member has to do on day {@code n} for it to count, in the pack's words. */
    private static String action(LocalDate n, LocalDate latest, MemberFacts.Derived d, Say say) {
        if (n.equals(latest)) {
            boolean checkedIn = contains(d.checkIns(), n);
            List<MemberFacts.PostFacts> posts = d.posts().stream().filter(p -> p.version().day().equals(n)).toList();
            boolean good = posts.stream().anyMatch(MemberFacts.PostFacts::highQuality);
            if (checkedIn && !good) {
                StringBuilder s = new StringBuilder();
                for (MemberFacts.PostFacts p : posts) {
                    s.append(say.t("action.post.not-high-quality", "post", p.version().id(), "reasons", reasons(p, say)));
                }
                return say.t("action.post", "day", n, "posts", s.toString());
            }
            if (good && !checkedIn) {
                return say.t("action.check-in", "day", n);
            }
            return say.t("action.both", "day", n);
        }
        return n.equals(latest.plusDays(1)) ? say.t("action.both-tomorrow", "day", n) : say.t("action.both", "day", n);
    }

    private static String reasons(MemberFacts.PostFacts p, Say say) {
        if (p.problems().isEmpty()) {
            return say.t("action.no-reason");
        }
        return String.join(say.t("action.reason.separator"), p.problems().stream()
                .map(q -> new MemberExplanation.Problem(q.reason(), say.problem(q)))
                .sorted(Comparator.comparingInt((MemberExplanation.Problem q) -> reasonRank(q.reason()))
                        .thenComparing(MemberExplanation.Problem::detail))
                .map(q -> say.t("action.reason", "reason", q.reason(), "detail", q.detail())).distinct().toList());
    }

    private static boolean contains(List<LocalDate> sorted, LocalDate day) {
        return Collections.binarySearch(sorted, day) >= 0;
    }
}
