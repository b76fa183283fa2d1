package org.planetrewards;

import org.planetrewards.model.Campaign;
import org.planetrewards.model.DayRun;
import org.planetrewards.model.ModerationAction;
import org.planetrewards.model.QualityProblem;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Progress and explanations from one member's facts as the rules left them. Counts only what the rules
 * derived (counted days, high-quality verdicts, quality problems, tags); the campaign measures use the
 * same {@link DayRun} helpers as the campaign rules. Pure functions of a {@link MemberFacts} copy.
 */
final class Explainer {
    /** docs/default-rules.md's reasons first, in its order; any others after them, by code. */
    private static final List<String> REASON_ORDER = List.of("too-short", "no-known-tag", "no-source-link", "rejected");

    private Explainer() {
    }

    static MemberProgress progress(MemberFacts f) {
        MemberFacts.Derived d = f.derived();
        LocalDate latest = latestActivity(d);
        List<CampaignProgress> out = new ArrayList<>();
        for (Campaign c : f.settings().campaigns()) {
            out.add(campaign(c, f, latest));
        }
        return new MemberProgress(f.member(), latest, d.counted().size(), out);
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
                rewardsByDay.computeIfAbsent(c.decision().decidedAt().atZoneSameInstant(zone).toLocalDate(),
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

    /** The day of the member's latest check-in or post, or null. */
    private static LocalDate latestActivity(MemberFacts.Derived d) {
        LocalDate latest = d.checkIns().isEmpty() ? null : d.checkIns().get(d.checkIns().size() - 1);
        for (MemberFacts.PostFacts p : d.posts()) {
            if (latest == null || p.version().day().isAfter(latest)) {
                latest = p.version().day();
            }
        }
        return latest;
    }

    private static CampaignProgress campaign(Campaign c, MemberFacts f, LocalDate latest) {
        List<LocalDate> counted = f.derived().counted();
        DaySpan longest = DayRun.longestRun(counted).stream().findFirst()
                .map(r -> new DaySpan(r.days().size(), r.first(), r.last())).orElse(DaySpan.NONE);
        boolean decided = f.decided().contains(c.id());
        Decision decision = f.decisions().stream().filter(x -> x.campaign().equals(c.id())).findFirst().orElse(null);
        String won = decision == null ? "nothing: " + c.reward() + " was already won"
                : "nothing: won " + c.reward() + " at " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(decision.decidedAt());
        switch (c.kind()) {
            case Campaign.CONSECUTIVE_DAYS: {
                DaySpan current = currentRun(counted);
                LocalDate last = current.to();
                boolean extendable = last != null && latest != null && !last.isBefore(latest.minusDays(1));
                LocalDate next = decided || latest == null ? null : extendable ? last.plusDays(1) : latest;
                String missing;
                if (decided) {
                    missing = won;
                } else if (latest == null) {
                    missing = "check in and publish a high-quality post on " + c.days() + " days in a row";
                } else if (extendable) {
                    int need = c.days() - current.count();
                    missing = current.count() + "/" + c.days() + " — " + action(next, latest, f.derived()) + " to keep your streak"
                            + (need <= 1 ? "; that day wins " + c.reward()
                            : "; " + need + " more days in a row win " + c.reward() + " on " + last.plusDays(need));
                } else {
                    missing = "0/" + c.days() + " — " + (current.count() > 0
                            ? "your run of " + current.count() + " ended on " + last + "; " : "no counted day yet; ")
                            + action(next, latest, f.derived()) + " to start a streak; " + c.days()
                            + " days in a row win " + c.reward() + " on " + next.plusDays(c.days() - 1L);
                }
                return new CampaignProgress(c.id(), c.kind(), c.reward(), c.days(), 0, current, extendable, longest, longest,
                        decided, decision, next, missing);
            }
            case Campaign.DAYS_IN_WINDOW: {
                int w = Math.max(1, c.window());
                DaySpan current = latest == null ? DaySpan.NONE
                        : new DaySpan(countBetween(counted, latest.minusDays(w - 1L), latest), latest.minusDays(w - 1L), latest);
                DaySpan best = bestWindow(counted, w);
                LocalDate next = decided || latest == null ? null : contains(counted, latest) ? latest.plusDays(1) : latest;
                String missing;
                if (decided) {
                    missing = won;
                } else if (latest == null) {
                    missing = "check in and publish a high-quality post on " + c.days() + " days within " + w + " days";
                } else {
                    int k = daysToWin(counted, next, c.days(), w);
                    missing = current.count() + "/" + c.days() + " in the " + w + " days up to " + latest + " — "
                            + action(next, latest, f.derived())
                            + (k <= 1 ? "; that day wins " + c.reward()
                            : "; counting every day from then on wins " + c.reward() + " on " + next.plusDays(k - 1L)
                            + " (" + k + " more counted days)");
                }
                return new CampaignProgress(c.id(), c.kind(), c.reward(), c.days(), w, current, current.count() > 0,
                        longest, best, decided, decision, next, missing);
            }
            case Campaign.TAGGED_POST: {
                List<MemberFacts.PostFacts> tagged = f.derived().posts().stream()
                        .filter(p -> p.tags().contains(c.tag())).toList();
                List<LocalDate> good = tagged.stream().filter(MemberFacts.PostFacts::highQuality)
                        .map(p -> p.version().day()).sorted().toList();
                DaySpan current = good.isEmpty() ? DaySpan.NONE : new DaySpan(good.size(), good.get(0), good.get(good.size() - 1));
                String missing;
                if (decided) {
                    missing = won;
                } else {
                    StringBuilder m = new StringBuilder("publish a high-quality post tagged " + c.tag());
                    for (MemberFacts.PostFacts p : tagged) {
                        if (!p.highQuality()) {
                            m.append("; post ").append(p.version().id()).append(" carries the tag but is not high quality (")
                                    .append(reasons(p)).append(')');
                        }
                    }
                    missing = m.toString();
                }
                return new CampaignProgress(c.id(), c.kind(), c.reward(), 1, 0, current, !decided, longest, current,
                        decided, decision, null, missing);
            }
            default:
                return new CampaignProgress(c.id(), c.kind(), c.reward(), c.days(), c.window(),
                        new DaySpan(counted.size(), counted.isEmpty() ? null : counted.get(0),
                                counted.isEmpty() ? null : counted.get(counted.size() - 1)),
                        false, longest, longest, decided, decision, null,
                        decided ? won : "no progress measure for campaigns of kind " + c.kind());
        }
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

    /** The run of days in a row that ends on the latest counted day. */
    private static DaySpan currentRun(List<LocalDate> counted) {
        if (counted.isEmpty()) {
            return DaySpan.NONE;
        }
        int end = counted.size() - 1;
        int start = end;
        while (start > 0 && counted.get(start - 1).plusDays(1).equals(counted.get(start))) {
            start--;
        }
        return new DaySpan(end - start + 1, counted.get(start), counted.get(end));
    }

    /** The window of {@code w} calendar days, starting on a counted day, that holds the most (earliest on a tie). */
    private static DaySpan bestWindow(List<LocalDate> counted, int w) {
        DaySpan best = DaySpan.NONE;
        int end = 0;
        for (int start = 0; start < counted.size(); start++) {
            while (end < counted.size() && ChronoUnit.DAYS.between(counted.get(start), counted.get(end)) < w) {
                end++;
            }
            if (end - start > best.count()) {
                best = new DaySpan(end - start, counted.get(start), counted.get(start).plusDays(w - 1L));
            }
        }
        return best;
    }

    /**
     * The fewest counted days in a row, from {@code next}, that make {@code target} counted days within a
     * window of {@code w} days (older days leave the window as it moves).
     */
    private static int daysToWin(List<LocalDate> counted, LocalDate next, int target, int w) {
        for (int k = 1; k < target; k++) {
            LocalDate windowStart = next.plusDays(k - 1L).minusDays(w - 1L);
            if (k <= w && countBetween(counted, windowStart, next.minusDays(1)) + k >= target) {
                return k;
            }
        }
        return target;
    }

    private static int countBetween(List<LocalDate> sorted, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return 0;
        }
        return lowerBound(sorted, to.plusDays(1)) - lowerBound(sorted, from);
    }

    private static int lowerBound(List<LocalDate> sorted, LocalDate day) {
        int i = Collections.binarySearch(sorted, day);
        return i >= 0 ? i : -i - 1;
    }

    private static boolean contains(List<LocalDate> sorted, LocalDate day) {
        return Collections.binarySearch(sorted, day) >= 0;
    }
}
