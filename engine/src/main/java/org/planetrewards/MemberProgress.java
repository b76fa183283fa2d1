package org.planetrewards;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Where a member stands in every campaign, in the order of the settings. See {@link RewardsEngine#progress(String)}.
 *
 * @param latestActivity the day of the member's latest check-in or post (days are community-local),
 *                       or {@code null} when the engine has seen nothing of them; progress is as of this day
 * @param countedDays    how many counted days the member has now
 * @param language       the language its sentences are in ({@code en}, {@code zh-CN}: a message file of the pack)
 */
public record MemberProgress(String member, LocalDate latestActivity, int countedDays, List<CampaignProgress> campaigns,
                             String language) {
    public MemberProgress {
        campaigns = List.copyOf(campaigns);
    }

    /** The progress in one campaign, by id. */
    public Optional<CampaignProgress> campaign(String id) {
        return campaigns.stream().filter(c -> c.campaign().equals(id)).findFirst();
    }
}
