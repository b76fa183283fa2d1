package org.planetrewards;

import org.planetrewards.MemberState.Day;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.CountedDay;
import org.planetrewards.model.CountedDayDetail;
import org.planetrewards.model.CountedDays;
import org.planetrewards.model.HighQualityPost;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostTag;
import org.planetrewards.model.PostText;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.Qualification;
import org.planetrewards.model.QualityProblem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The day step: one member-day's check-in, posts and their moderations go into a session; the tag,
 * quality and counted-day rules and campaign rules over single posts judge them. What the rules derive
 * about the day itself (a {@code CountedDay}, a fact type a pack declares) is what the day keeps for the
 * member step, with a {@link CountedDayDetail} beside each counted day when some rule reads those; facts
 * about single posts ({@code PostTag}, {@code QualityProblem}, {@code HighQualityPost}) are not kept
 * (explanations derive them again). One per shard and rule set: it reads the shard's moderations.
 */
final class DayStep {
    /** What rules derive about a single post: it explains a verdict, and rules over days never need it. */
    static final Set<Class<?>> POST_FACTS = Set.of(PostTag.class, QualityProblem.class, HighQualityPost.class);

    private final CompiledRules rules;
    private final ZoneId zone;
    private final Map<String, ModerationState> moderations;
    /** Some rule reads {@link CountedDayDetail}: asked once, not per day. */
    private final boolean details;
    /** The settings refuse a repeated text: each day's posts go in with the member's posts of the same text. */
    private final boolean repeats;

    DayStep(CompiledRules rules, Settings settings, Map<String, ModerationState> moderations) {
        this.rules = rules;
        this.zone = settings.zone();
        this.moderations = moderations;
        this.details = rules.matches(CountedDayDetail.class);
        this.repeats = settings.quality().refuseRepeatedText();
    }

    /**
     * Evaluates one day of a member: its qualifications go to {@code qualifications}, and what the day
     * keeps is returned.
     */
    List<Object> evaluate(RuleSession session, MemberState m, Day d, List<Qualification> qualifications) {
        return kept(m, d, session.evaluate(inputs(m, d)), qualifications);
    }

    /** What the day keeps of what the rules derived from it ({@code derived}); its qualifications go to {@code qualifications}. */
    List<Object> kept(MemberState m, Day d, List<Object> derived, List<Qualification> qualifications) {
        List<Object> kept = split(derived, qualifications);
        return details ? withDetails(kept, m.id, d.checkInAt(), derived) : kept;
    }

    /** A day's facts in the order they go into working memory. */
    List<Object> inputs(MemberState m, Day d) {
        List<PostVersion> posts = d.posts();
        List<Object> in = new ArrayList<>(1 + 2 * posts.size());
        if (d.checkedIn) {
            in.add(new CheckInDay(m.id, d.date, local(d.checkInAt())));
        }
        for (PostVersion p : posts) {
            ModerationState moderation = d.moderated ? moderations.get(p.id()) : null;
            if (moderation != null) {
                in.add(moderation);
            }
            in.add(p);
        }
        if (repeats) {
            in.addAll(sameTexts(m, posts));
        }
        return in;
    }

    /**
     * The member's posts, of any day, whose text key is that of one of {@code posts} (these included): what
     * the repeated-text rule compares a day's posts with.
     */
    private static List<PostText> sameTexts(MemberState m, List<PostVersion> posts) {
        List<PostText> same = new ArrayList<>(0);
        for (PostVersion p : posts) {
            if (p.textKey() == 0 || same.stream().anyMatch(t -> t.textKey() == p.textKey())) {
                continue;
            }
            for (Day d : m.days()) {
                for (PostVersion q : d.posts()) {
                    if (q.textKey() == p.textKey()) {
                        same.add(new PostText(q.id(), q.member(), q.day(), q.stamp(), q.textKey()));
                    }
                }
            }
        }
        return same;
    }

    /**
     * Sorts a day's derived facts: qualifications to decide on, and what to keep for the member step —
     * facts about the day that some rule looks at, and counted days when campaign rules read them
     * gathered ({@link CountedDays}). Facts about single posts are not kept.
     */
    List<Object> split(List<Object> derived, List<Qualification> qualifications) {
        List<Object> carried = null;
        for (Object o : derived) {
            if (o instanceof Qualification q) {
                qualifications.add(q);
            } else if (!POST_FACTS.contains(o.getClass())
                    && (rules.matches(o.getClass()) || o instanceof CountedDay && rules.matches(CountedDays.class))) {
                if (carried == null) {
                    carried = new ArrayList<>(1);
                }
                carried.add(o);
            }
        }
        // One kept fact (a counted day) is the common case: an immutable one-element list is one object, not two.
        return carried == null ? List.of() : carried.size() == 1 ? List.of(carried.get(0)) : carried;
    }

    /**
     * The facts the day step derived from a member's days, with a {@link CountedDayDetail} for each of the
     * member's counted days among them when some rule reads those (for explanations, which evaluate all the
     * member's days at once).
     *
     * @param checkInAt each day's earliest check-in time, or null
     */
    List<Object> withDetails(List<Object> derived, String member, Function<LocalDate, Instant> checkInAt) {
        if (!details) {
            return derived;
        }
        List<Object> out = new ArrayList<>(derived);
        for (Object o : derived) {
            if (o instanceof CountedDay c && c.member().equals(member)) {
                out.add(detail(c, checkInAt.apply(c.day()), derived));
            }
        }
        return out;
    }

    /** {@code kept} and a detail for each counted day the rules derived from the day. */
    private List<Object> withDetails(List<Object> kept, String member, Instant checkInAt, List<Object> derived) {
        List<Object> out = null;
        for (Object o : derived) {
            if (o instanceof CountedDay c && c.member().equals(member)) {
                if (out == null) {
                    out = new ArrayList<>(kept);
                }
                out.add(detail(c, checkInAt, derived));
            }
        }
        return out == null ? kept : out;
    }

    /** The counted day's detail: its check-in time and the tags of its member's high-quality posts of that day. */
    private CountedDayDetail detail(CountedDay c, Instant checkInAt, List<Object> derived) {
        Map<String, List<String>> tagsOfPost = new HashMap<>();
        for (Object o : derived) {
            if (o instanceof PostTag t) {
                tagsOfPost.computeIfAbsent(t.postId(), k -> new ArrayList<>(2)).add(t.tag());
            }
        }
        TreeSet<String> tags = new TreeSet<>();
        for (Object o : derived) {
            if (o instanceof HighQualityPost h && h.member().equals(c.member()) && h.day().equals(c.day())) {
                tags.addAll(tagsOfPost.getOrDefault(h.postId(), List.of()));
            }
        }
        return new CountedDayDetail(c.member(), c.day(), local(checkInAt), List.copyOf(tags));
    }

    private OffsetDateTime local(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, zone); // not through a ZonedDateTime: two objects less per day
    }
}
