package org.planetrewards;

import java.time.LocalDate;
import java.util.List;

/**
 * The whole community at once, as a report shows it ({@link RewardsEngine#overview}): every member's explanation,
 * as of their own latest day, and every campaign's leaderboard on the latest day any member has a check-in or a
 * post on.
 *
 * @param day          the leaderboards' day; {@code null} when no member has a check-in or a post
 * @param members      each member's explanation, in member id order, as {@link RewardsEngine#explain(String, String)} gives it
 * @param leaderboards each campaign's, in settings order, as {@link RewardsEngine#rankings(LocalDate, int, String)} gives them
 */
public record Overview(LocalDate day, List<MemberExplanation> members, List<Ranking> leaderboards) {
    public Overview {
        members = List.copyOf(members);
        leaderboards = List.copyOf(leaderboards);
    }
}
