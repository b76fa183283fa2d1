package org.planetrewards;

import org.planetrewards.model.Campaign;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Where a member stands in one campaign, computed from the counted days the rules derived (never from
 * the raw facts), as of the member's latest activity (their latest check-in or post day).
 *
 * <p>What the numbers mean, by kind:
 * <ul>
 *   <li>{@code consecutive-days}: {@code current} is the run of counted days in a row that ends on the
 *       member's latest counted day; it is {@code extendable} when it ends on the day of their latest
 *       activity or the day before (a counted day on the next needed day adds to it). {@code best} is the
 *       longest run.</li>
 *   <li>{@code days-in-window}: {@code current} is how many counted days fall in the {@code window}
 *       calendar days that end on the day of the member's latest activity; {@code best} is the window
 *       (starting on a counted day) that holds the most, the earliest on a tie.</li>
 *   <li>{@code tagged-post}: {@code current} and {@code best} count the member's high-quality posts with
 *       the campaign's tag ({@code target} 1).</li>
 * </ul>
 *
 * @param target     how many counted days (or tagged posts) the campaign asks for
 * @param window     the window's length in calendar days ({@code days-in-window}), else 0
 * @param current    see above
 * @param extendable whether {@code current} can still grow (see above)
 * @param longest    the longest run of counted days in a row, whatever the kind
 * @param best       see above
 * @param decided    whether the campaign was decided for the member
 * @param decision   the decision, or {@code null} when not decided, or decided before this engine resumed
 *                   from a snapshot (snapshots keep which campaigns were decided, not the decisions)
 * @param nextNeeded the earliest day, not before the member's latest activity, on which a counted day moves
 *                   the member towards the reward; {@code null} when decided or when no day matters
 * @param missing    what is missing, in words
 */
public record CampaignProgress(String campaign, String kind, String reward, int target, int window,
                               DaySpan current, boolean extendable, DaySpan longest, DaySpan best,
                               boolean decided, Decision decision, LocalDate nextNeeded, String missing) {

    /**
     * One line: {@code streak-15: 12/15, longest 12, current 12 (2026-03-02..2026-03-13), next needed 2026-03-14};
     * {@code window-15-of-30: 13 in the best 30-day window 2026-03-01..2026-03-30, ...}; or the decision.
     */
    public String summary() {
        if (decided) {
            if (decision == null) {
                return campaign + ": won " + reward + " (decided before this engine resumed from a snapshot)";
            }
            return campaign + ": won " + reward + " at " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(decision.decidedAt())
                    + ", evidence " + days(decision);
        }
        String next = nextNeeded == null ? "" : ", next needed " + nextNeeded;
        return switch (kind) {
            case Campaign.CONSECUTIVE_DAYS -> campaign + ": " + (extendable ? current.count() : 0) + "/" + target
                    + ", longest " + longest.count() + ", current " + current
                    + (current.count() > 0 && !extendable ? " (broken)" : "") + next;
            case Campaign.DAYS_IN_WINDOW -> campaign + ": " + current.count() + "/" + target + " in the " + window
                    + " days up to " + current.to() + "; " + best.count() + " in the best " + window + "-day window"
                    + (best.from() == null ? "" : " " + best.from() + ".." + best.to()) + next;
            case Campaign.TAGGED_POST -> campaign + ": " + current.count() + "/" + target + " high-quality tagged posts";
            default -> campaign + ": not decided (no progress measure for kind " + kind + ")";
        };
    }

    private static String days(Decision d) {
        if (d.days().isEmpty()) {
            return "no days";
        }
        if (d.days().size() == 1) {
            return "day " + d.days().get(0);
        }
        return d.days().size() + " days " + d.days().get(0) + ".." + d.days().get(d.days().size() - 1);
    }
}
