package org.planetrewards;

import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.CountedDay;
import org.planetrewards.model.HighQualityPost;
import org.planetrewards.model.Member;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostTag;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.QualityProblem;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the rules derived, by member and by post, for progress and explanations: kept up to date by
 * watching the session's insertions and deletions (logical ones included), so reading one member costs
 * a few map look-ups however many members the session holds. Drools does not index query arguments,
 * so a query would scan every member's facts instead.
 *
 * <p>Only model types are read (CheckInDay, CountedDay, PostVersion, HighQualityPost, QualityProblem,
 * PostTag, ModerationState), never rule names, so rule files may change how they derive them. Derived
 * facts are counted (a multiset), since nothing stops two rules from inserting equal facts.
 * Not thread-safe: the {@link Shard} that owns the session reads it under its lock.
 */
final class FactIndex implements RuleRuntimeEventListener {
    private final Map<String, MemberEntry> members = new HashMap<>();
    private final Map<String, PostEntry> posts = new HashMap<>();

    /** A member's days and posts. */
    private static final class MemberEntry {
        final TreeMap<LocalDate, Integer> checkIns = new TreeMap<>();
        final TreeMap<LocalDate, Integer> counted = new TreeMap<>();
        final Set<String> posts = new LinkedHashSet<>();
    }

    /** A post's current version and what the rules derived from it; lists stay null while empty. */
    private static final class PostEntry {
        PostVersion version;
        ModerationState moderation;
        int highQuality;
        List<QualityProblem> problems;
        List<String> tags;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        Object o = event.getObject();
        if (o instanceof CountedDay c) {
            member(c.member()).counted.merge(c.day(), 1, Integer::sum);
        } else if (o instanceof CheckInDay c) {
            member(c.member()).checkIns.merge(c.day(), 1, Integer::sum);
        } else if (o instanceof PostVersion v) {
            post(v.id()).version = v;
            member(v.member()).posts.add(v.id());
        } else if (o instanceof HighQualityPost h) {
            post(h.postId()).highQuality++;
        } else if (o instanceof QualityProblem q) {
            PostEntry p = post(q.postId());
            if (p.problems == null) {
                p.problems = new ArrayList<>(2);
            }
            p.problems.add(q);
        } else if (o instanceof PostTag t) {
            PostEntry p = post(t.postId());
            if (p.tags == null) {
                p.tags = new ArrayList<>(2);
            }
            p.tags.add(t.tag());
        } else if (o instanceof ModerationState m) {
            post(m.postId()).moderation = m;
        } else if (o instanceof Member m) {
            member(m.id());
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // facts are immutable records: nothing is updated in place
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        Object o = event.getOldObject();
        if (o instanceof CountedDay c) {
            uncount(members.get(c.member()), c.day(), true);
        } else if (o instanceof CheckInDay c) {
            uncount(members.get(c.member()), c.day(), false);
        } else if (o instanceof PostVersion v) {
            PostEntry p = posts.get(v.id());
            // A new version is inserted before the old one goes: keep the new one.
            if (p != null && v.equals(p.version)) {
                p.version = null;
            }
        } else if (o instanceof HighQualityPost h) {
            PostEntry p = posts.get(h.postId());
            if (p != null && p.highQuality > 0) {
                p.highQuality--;
            }
        } else if (o instanceof QualityProblem q) {
            PostEntry p = posts.get(q.postId());
            if (p != null && p.problems != null) {
                p.problems.remove(q);
                if (p.problems.isEmpty()) {
                    p.problems = null;
                }
            }
        } else if (o instanceof PostTag t) {
            PostEntry p = posts.get(t.postId());
            if (p != null && p.tags != null) {
                p.tags.remove(t.tag());
                if (p.tags.isEmpty()) {
                    p.tags = null;
                }
            }
        } else if (o instanceof ModerationState m) {
            PostEntry p = posts.get(m.postId());
            if (p != null && m.equals(p.moderation)) {
                p.moderation = null;
            }
        }
    }

    private static void uncount(MemberEntry e, LocalDate day, boolean counted) {
        if (e != null) {
            (counted ? e.counted : e.checkIns).computeIfPresent(day, (d, n) -> n > 1 ? n - 1 : null);
        }
    }

    /** Forgets a post that left working memory (the lateness horizon), once its derived facts are gone. */
    void forgetPost(String postId, String member) {
        posts.remove(postId);
        MemberEntry m = members.get(member);
        if (m != null) {
            m.posts.remove(postId);
        }
    }

    private MemberEntry member(String id) {
        return members.computeIfAbsent(id, k -> new MemberEntry());
    }

    private PostEntry post(String id) {
        return posts.computeIfAbsent(id, k -> new PostEntry());
    }

    /** Every member the session holds a fact of. */
    Collection<String> members() {
        return List.copyOf(members.keySet());
    }

    /** A copy of what the session holds about one member, safe to read after the lock is released. */
    MemberFacts.Derived derived(String member) {
        MemberEntry e = members.get(member);
        if (e == null) {
            return new MemberFacts.Derived(List.of(), List.of(), List.of());
        }
        List<MemberFacts.PostFacts> out = new ArrayList<>(e.posts.size());
        for (String id : e.posts) {
            PostEntry p = posts.get(id);
            if (p == null || p.version == null) {
                continue;
            }
            out.add(new MemberFacts.PostFacts(p.version, p.moderation, p.highQuality > 0,
                    p.problems == null ? List.of() : List.copyOf(p.problems),
                    p.tags == null ? List.of() : List.copyOf(new LinkedHashSet<>(p.tags))));
        }
        return new MemberFacts.Derived(List.copyOf(e.checkIns.keySet()), List.copyOf(e.counted.keySet()), out);
    }
}
