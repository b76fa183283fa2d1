package org.planetrewards;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Why a member has the rewards they have, and what they lack, read from what the rules derived: each
 * day of activity, each post's verdict with the reasons the quality rules recorded ({@code QualityProblem}
 * facts, never recomputed in Java), the counted days and the progress in every campaign.
 * See {@link RewardsEngine#explain(String)}.
 *
 * @param zone        the community zone days are dates in
 * @param timeline    every day with a check-in, a post or a reward of the member, in date order
 * @param countedDays the member's counted days now, in date order
 */
public record MemberExplanation(String member, ZoneId zone, List<Day> timeline, List<LocalDate> countedDays,
                                MemberProgress progress) {
    public MemberExplanation {
        timeline = List.copyOf(timeline);
        countedDays = List.copyOf(countedDays);
    }

    /**
     * One day of the member.
     *
     * @param checkedIn whether they checked in that day
     * @param counted   whether the day counts (a check-in and a high-quality post)
     * @param posts     the posts published that day (by their {@code at}), in order of their version stamps
     * @param rewards   decisions decided on that day (the day of their {@code decidedAt})
     */
    public record Day(LocalDate date, boolean checkedIn, boolean counted, List<PostVerdict> posts, List<Decision> rewards) {
        public Day {
            posts = List.copyOf(posts);
            rewards = List.copyOf(rewards);
        }
    }

    /**
     * A post in its current version and the rules' verdict on it.
     *
     * @param stamp       the version stamp ({@code editedAt}, else {@code at}) in the community zone
     * @param tags        the community tags the rules found on it (by id)
     * @param tagWords    its tags as written, normalised (trimmed, {@code #}/{@code 【】} stripped, lower case)
     * @param highQuality the rules' verdict
     * @param featured    whether the latest moderation features it (high quality whatever the checks say)
     * @param moderation  the latest moderation's word ({@code feature}, {@code reject}, {@code restore}), or {@code null}
     * @param moderatedAt when that moderation happened, in the community zone, or {@code null}
     * @param problems    every reason the quality rules recorded against it; a featured post may have some
     *                    that the feature overrides
     */
    public record PostVerdict(String id, LocalDate day, OffsetDateTime stamp, List<String> tags, List<String> tagWords,
                              boolean highQuality, boolean featured, String moderation, OffsetDateTime moderatedAt,
                              List<Problem> problems) {
        public PostVerdict {
            tags = List.copyOf(tags);
            tagWords = List.copyOf(tagWords);
            problems = List.copyOf(problems);
        }
    }

    /**
     * A reason a post is not high quality, as the rules recorded it.
     *
     * @param reason a stable code: {@code too-short}, {@code no-known-tag}, {@code no-source-link},
     *               {@code repeated-text}, {@code too-soon-after-check-in}, {@code over-daily-cap} (when the settings
     *               turn them on), {@code rejected}
     *               in the default pack
     * @param detail the rule's own words, e.g. "has 49 non-whitespace characters, 1 short of 50"
     */
    public record Problem(String reason, String detail) {
        @Override
        public String toString() {
            return reason + ": " + detail;
        }
    }

    /** The decisions made for the member, in campaign order. */
    public List<Decision> decisions() {
        return progress.campaigns().stream().map(CampaignProgress::decision).filter(java.util.Objects::nonNull).toList();
    }

    /** The same explanation with the timeline cut to one day (counted days and progress stay whole). */
    public MemberExplanation on(LocalDate date) {
        return new MemberExplanation(member, zone, timeline.stream().filter(d -> d.date().equals(date)).toList(),
                countedDays, progress);
    }
}
