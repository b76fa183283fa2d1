package org.planetrewards;

import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.QualityProblem;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One member's facts as the rules left them, copied out of a shard under its lock: what progress and
 * explanations are computed from, without holding the lock meanwhile.
 *
 * @param settings  the settings of the shard's session (campaigns in order, zone)
 * @param decided   ids of the campaigns decided for the member
 * @param decisions the decisions made for the member since this engine started, in order
 */
record MemberFacts(String member, Settings settings, Derived derived, Set<String> decided, List<Decision> decisions) {

    /** What the session holds about the member: check-in days and counted days in date order, and the posts. */
    record Derived(List<LocalDate> checkIns, List<LocalDate> counted, List<PostFacts> posts) {
    }

    /**
     * A post's current version and the rules' verdict on it.
     *
     * @param tags the community tags the rules found on it (by id)
     */
    record PostFacts(PostVersion version, ModerationState moderation, boolean highQuality,
                     List<QualityProblem> problems, List<String> tags) {
    }
}
