package org.planetrewards;

import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.TagWords;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies SPEC §2 before anything reaches the rules: drops repeated and stale versions, keeps a
 * moderation that arrives before its post until the post comes, refuses a post id reused by another
 * member, and reduces each fact to what the rules judge (its community-local day, visible length,
 * normalised tag words).
 */
final class Intake {
    private record KnownPost(String member, Instant stamp) {
    }

    private final ZoneId zone;
    private final Map<String, KnownPost> posts = new HashMap<>();
    private final Map<String, Instant> latestModeration = new HashMap<>();
    private final Map<String, ModerationState> waitingForPost = new HashMap<>();

    Intake(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Brings the fact into the session.
     *
     * @return the member whose campaigns must be re-evaluated, or {@code null} when nothing changed
     */
    String apply(Fact fact, RuleSession session) {
        if (fact instanceof CheckIn c) {
            session.addMember(c.member());
            boolean added = session.addCheckIn(new CheckInDay(c.member(), c.at().atZoneSameInstant(zone).toLocalDate()));
            return added ? c.member() : null;
        }
        if (fact instanceof Post p) {
            return applyPost(p, session);
        }
        return applyModeration((Moderation) fact, session);
    }

    private String applyPost(Post p, RuleSession session) {
        Instant stamp = p.stamp().toInstant();
        KnownPost known = posts.get(p.id());
        if (known != null && !known.member().equals(p.member())) {
            throw new InvalidInputException("post id \"" + p.id() + "\" belongs to member \"" + known.member()
                    + "\" and cannot be reused by member \"" + p.member() + "\"");
        }
        if (known != null && !stamp.isAfter(known.stamp())) {
            return null; // a repeat or a stale version: the newest version wins whatever the order
        }
        posts.put(p.id(), new KnownPost(p.member(), stamp));
        session.addMember(p.member());
        ModerationState waiting = waitingForPost.remove(p.id());
        if (waiting != null) {
            session.putModeration(waiting);
        }
        session.putPost(version(p, stamp));
        return p.member();
    }

    private String applyModeration(Moderation m, RuleSession session) {
        Instant at = m.at().toInstant();
        Instant latest = latestModeration.get(m.post());
        if (latest != null && !at.isAfter(latest)) {
            return null; // older than the moderation already applied or waiting
        }
        latestModeration.put(m.post(), at);
        ModerationState state = new ModerationState(m.post(), m.action(), at);
        KnownPost known = posts.get(m.post());
        if (known == null) {
            waitingForPost.put(m.post(), state);
            return null;
        }
        session.putModeration(state);
        return known.member();
    }

    private PostVersion version(Post p, Instant stamp) {
        List<String> words = p.tags().stream().map(TagWords::normalise).distinct().toList();
        boolean sourced = p.links().stream().anyMatch(l -> l.startsWith("http://") || l.startsWith("https://"));
        return new PostVersion(p.id(), p.member(), p.at().atZoneSameInstant(zone).toLocalDate(), stamp,
                visibleLength(p.text()), words, sourced);
    }

    /** Unicode code points that are not whitespace in the sense of {@link Character#isWhitespace(int)}. */
    static int visibleLength(String text) {
        return (int) text.codePoints().filter(cp -> !Character.isWhitespace(cp)).count();
    }
}
