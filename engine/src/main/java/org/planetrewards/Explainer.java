package org.planetrewards;

import org.planetrewards.model.Campaign;
import org.planetrewards.model.ModerationAction;
import org.planetrewards.model.Progress;
import org.planetrewards.model.QualityProblem;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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

    static MemberProgress progress(MemberFacts f) {
        MemberFacts.Derived d = f.derived();
        List<CampaignProgress> out = new ArrayList<>();
        for (Campaign c : f.settings().campaigns()) {
            out.add(campaign(c, f));
        }
        return new MemberProgress(f.member(), f.asOf(), d.counted().size(), out);
    }

    static MemberExplanation explain(MemberFacts f) {
        ZoneId zone = f.settings().zone();
        MemberFacts.Derived d = f.derived();
        MemberProgress progress = progress(f);
        Map<LocalDate, List<MemberExplanation.PostVerdict>> postsByDay = new TreeMap<>();
        f.derived().posts().stream()
                .sorted(Comparator.comparing((MemberFacts.PostFacts p) -> p.version().stamp()).thenComparing(p -> p.version().id()))
                .forEach(p -> postsByDay.computeIfAbsent(p.version().day(), k -> new ArrayList<>()).add(verdict(p, zone)));
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

    private static MemberExplanation.PostVerdict verdict(MemberFacts.PostFacts p, ZoneId zone) {
        var v = p.version();
        var m = p.moderation();
        List<MemberExplanation.Problem> problems = p.problems().stream()
                .sorted(Comparator.comparingInt((QualityProblem q) -> reasonRank(q.reason()))
                        .thenComparing(QualityProblem::reason).thenComparing(QualityProblem::detail))
                .map(q -> new MemberExplanation.Problem(q.reason(), q.detail()))
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

    private static CampaignProgress campaign(Campaign c, MemberFacts f) {
        boolean decided = f.decided().contains(c.id());
        // The latest: of a campaign with levels or seasons, the highest level or the latest season won so far.
        Decision decision = f.decisions().stream().filter(x -> x.campaign().equals(c.id())).reduce((a, b) -> b).orElse(null);
        // One per member and campaign by the rules' contract; should a pack derive more, the furthest on counts.
        Progress p = f.progress().stream().filter(x -> x.campaign().equals(c.id()))
                .max(Comparator.comparingInt(Progress::count)).orElse(null);
        String missing;
        if (decided) {
            missing = decision == null ? "nothing: " + c.reward() + " was already won"
                    : "nothing: won " + c.reward() + " at " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(decision.decidedAt());
        } else if (p == null) {
            missing = "the rules derive no progress for campaigns of kind " + c.kind();
        } else {
            String stand = p.count() + "/" + p.target() + " " + p.measure();
            if (p.nextNeeded() != null && f.asOf() != null) {
                missing = stand + " — " + action(p.nextNeeded(), f.asOf(), f.derived())
                        + (p.winsOn() == null ? ""
                        : p.winsOn().equals(p.nextNeeded()) ? "; that day wins " + c.reward()
                        : "; counting every day from then on wins " + c.reward() + " on " + p.winsOn());
            } else if (p.winsOn() == null && c.activeUntil() != null && p.count() < p.target()) {
                missing = stand + " — no day can win " + c.reward() + " any more: the campaign "
                        + (f.asOf() != null && f.asOf().isAfter(c.activeUntil()) ? "ended" : "ends") + " on " + c.activeUntil();
            } else {
                missing = stand;
            }
        }
        DaySpan current = p == null ? DaySpan.NONE : new DaySpan(p.count(), p.from(), p.to());
        return new CampaignProgress(c.id(), c.kind(), c.reward(), p == null ? 0 : p.target(), p == null ? null : p.measure(),
                current, p == null ? List.of() : p.evidence(), decided, decision,
                decided || p == null ? null : p.nextNeeded(), decided || p == null ? null : p.winsOn(), missing);
    }

    /** What the member has to do on day {@code n} for it to count, in words. */
    private static String action(LocalDate n, LocalDate latest, MemberFacts.Derived d) {
        if (n.equals(latest)) {
            boolean checkedIn = contains(d.checkIns(), n);
            List<MemberFacts.PostFacts> posts = d.posts().stream().filter(p -> p.version().day().equals(n)).toList();
            boolean good = posts.stream().anyMatch(MemberFacts.PostFacts::highQuality);
            if (checkedIn && !good) {
                StringBuilder s = new StringBuilder("publish a high-quality post on " + n + " (you checked in");
                for (MemberFacts.PostFacts p : posts) {
                    s.append("; post ").append(p.version().id()).append(" is not high quality: ").append(reasons(p));
                }
                return s.append(')').toString();
            }
            if (good && !checkedIn) {
                return "check in on " + n + " (your post that day is high quality)";
            }
            return "check in and publish a high-quality post on " + n;
        }
        return "check in and publish a high-quality post " + (n.equals(latest.plusDays(1)) ? "tomorrow (" + n + ")" : "on " + n);
    }

    private static String reasons(MemberFacts.PostFacts p) {
        if (p.problems().isEmpty()) {
            return "the rules recorded no reason";
        }
        return String.join("; ", p.problems().stream()
                .sorted(Comparator.comparingInt((QualityProblem q) -> reasonRank(q.reason())).thenComparing(QualityProblem::detail))
                .map(q -> q.reason() + ": " + q.detail()).distinct().toList());
    }

    private static boolean contains(List<LocalDate> sorted, LocalDate day) {
        return Collections.binarySearch(sorted, day) >= 0;
    }
}
