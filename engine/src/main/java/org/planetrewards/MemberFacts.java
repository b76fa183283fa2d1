package org.planetrewards;

import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.CountedDay;
import org.planetrewards.model.HighQualityPost;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostTag;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.Progress;
import org.planetrewards.model.QualityProblem;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One member's facts as the rules left them, copied out of a shard under its lock: what progress and
 * explanations are computed from, without holding the lock meanwhile.
 *
 * @param settings  the settings of the shard's session (campaigns in order, zone)
 * @param decided   ids of the campaigns decided for the member
 * @param decisions the decisions made for the member since this engine started, in order
 * @param asOf      the day progress is measured on (the member's latest day with a check-in or a post), or null
 * @param progress  the {@link Progress} facts the campaign rules derived as of that day
 */
record MemberFacts(String member, Settings settings, Derived derived, Set<String> decided, List<Decision> decisions,
                   LocalDate asOf, List<Progress> progress) {

    /** What the session holds about the member: check-in days and counted days in date order, and the posts. */
    record Derived(List<LocalDate> checkIns, List<LocalDate> counted, List<PostFacts> posts) {

        /**
         * Reads a member's facts and what the rules derived from them.
         *
         * @param facts   the member's check-in days, moderations and posts (current versions), by day
         * @param derived what the rules derived from them
         */
        static Derived of(String member, List<Object> facts, List<Object> derived) {
            Map<String, Boolean> highQuality = new HashMap<>();
            Map<String, List<QualityProblem>> problems = new HashMap<>();
            Map<String, Set<String>> tags = new HashMap<>();
            Set<LocalDate> counted = new TreeSet<>();
            for (Object o : derived) {
                if (o instanceof CountedDay c && c.member().equals(member)) {
                    counted.add(c.day());
                } else if (o instanceof HighQualityPost h) {
                    highQuality.put(h.postId(), true);
                } else if (o instanceof QualityProblem q) {
                    problems.computeIfAbsent(q.postId(), k -> new ArrayList<>(2)).add(q);
                } else if (o instanceof PostTag t) {
                    tags.computeIfAbsent(t.postId(), k -> new LinkedHashSet<>()).add(t.tag());
                }
            }
            Set<LocalDate> checkIns = new TreeSet<>();
            Map<String, ModerationState> moderations = new HashMap<>();
            List<PostFacts> posts = new ArrayList<>();
            for (Object o : facts) {
                if (o instanceof CheckInDay c) {
                    checkIns.add(c.day());
                } else if (o instanceof ModerationState m) {
                    moderations.put(m.postId(), m);
                } else if (o instanceof PostVersion v) {
                    posts.add(new PostFacts(v, moderations.get(v.id()), highQuality.getOrDefault(v.id(), false),
                            List.copyOf(problems.getOrDefault(v.id(), List.of())), List.copyOf(tags.getOrDefault(v.id(), Set.of()))));
                }
            }
            return new Derived(List.copyOf(checkIns), List.copyOf(counted), List.copyOf(posts));
        }
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
