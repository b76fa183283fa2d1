package org.planetrewards;

import java.time.LocalDate;
import java.util.List;

/**
 * A campaign's leaderboard on one day: members ordered by the count the campaign's own rules derive as
 * their {@link org.planetrewards.model.Progress} (for the default pack: the current streak of the streak
 * campaign, the counted days in the window of the window campaign),
 * most first, ties broken by member id. Nothing here knows a campaign kind: a kind written only in a
 * rule file gets a leaderboard from its own progress rule. See {@link RewardsEngine#rankings}.
 *
 * @param asOf    the day every member is measured on (community-local)
 * @param measure what the count counts, in the pack's words in the language asked for, or {@code null} when the
 *                campaign's rules derive no progress (then there are no entries)
 * @param members how many members had a check-in or a post on or before {@code asOf} and a progress fact
 *                (the entries are the first {@code limit} of them)
 */
public record Ranking(String campaign, String kind, String reward, LocalDate asOf, String measure, int members,
                      List<Entry> entries) {
    public Ranking {
        entries = List.copyOf(entries);
    }

    /**
     * One member's place.
     *
     * @param place      1 for the first, then 2, 3...: one member a place (ties are ordered by member id)
     * @param count      the member's count as the campaign's rules measure it on the day
     * @param target     what wins the campaign, by its rules
     * @param completion {@code count / target}, at most 1; 1 for a member the campaign was decided for on or
     *                   before the day (whatever their count now)
     * @param decided    whether the campaign was decided for the member on or before the day
     */
    public record Entry(int place, String member, int count, int target, double completion, boolean decided) {
    }
}
