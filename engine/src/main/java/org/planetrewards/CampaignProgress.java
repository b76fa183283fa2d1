package org.planetrewards;

import java.time.LocalDate;
import java.util.List;

/**
 * Where a member stands in one campaign, as the campaign's rule file measures it: the
 * {@link org.planetrewards.model.Progress} fact its rules derive as of the member's latest day
 * ({@link MemberProgress#latestActivity()}). Nothing here is computed by kind: a kind written only in a
 * rule file and the settings gets its progress from its own rules, and an edited rule changes it at once.
 *
 * @param target     how much wins the campaign (0 when its rules derive no progress)
 * @param measure    what the count counts, in the pack's words ("counted days in a row"), or {@code null} when
 *                   the campaign's rules derive no progress
 * @param current    the count, and the first and last day it covers
 * @param evidence   the days that make up the count
 * @param decided    whether the campaign was decided for the member
 * @param decision   the decision, or {@code null} when not decided, or decided before this engine resumed
 *                   from a snapshot (snapshots keep which campaigns were decided, not the decisions)
 * @param nextNeeded the next day that moves the member on, by the rule; {@code null} when decided, when no day
 *                   can win any more, or when no particular day matters
 * @param winsOn     the earliest day the member can win, by the rule, doing what {@code nextNeeded} asks every
 *                   day; {@code null} when decided or when the rule tells no date
 * @param missing    what is missing, in the pack's words ({@code missing.*} and {@code action.*} messages)
 * @param summary    one line: {@code streak-15: 12/15 counted days in a row (2026-03-02..2026-03-13), next needed
 *                   2026-03-14, wins chatgpt-account on 2026-03-16 at the earliest}, or the decision
 *                   ({@code summary.*} messages)
 */
public record CampaignProgress(String campaign, String kind, String reward, int target, String measure,
                               DaySpan current, List<LocalDate> evidence, boolean decided, Decision decision,
                               LocalDate nextNeeded, LocalDate winsOn, String missing,
                               String summary) {
    public CampaignProgress {
        evidence = List.copyOf(evidence);
    }
}
