package org.planetrewards;

import org.planetrewards.model.ModerationState;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine must know about a post across shards: which member owns it (to route its
 * moderations and refuse reuse by another member), the latest moderation seen for it, and a
 * moderation that arrived before the post. Each post's entry changes atomically, so facts about one
 * post from different threads never lose a waiting moderation.
 */
final class Router {
    /**
     * @param member null until the post itself arrives
     * @param day    the community-local day of the post's newest version routed (by stamp), null until it arrives
     * @param stamp  that version's stamp
     */
    record PostRoute(String member, Instant latestModeration, ModerationState waiting, java.time.LocalDate day, Instant stamp) {
        PostRoute(String member, Instant latestModeration, ModerationState waiting) {
            this(member, latestModeration, waiting, null, null);
        }
    }

    /**
     * Where a post goes: its owner's shard, with the moderation that was waiting for it.
     *
     * @param stale    a repeat or an older version of a post already routed: it changes nothing
     * @param previous the route before this post (its {@code day}: the day of the version the shard holds)
     */
    record PostDelivery(ModerationState waiting, PostRoute previous, boolean stale) {
    }

    /** Where a moderation goes: null member when it waits for its post, or is stale. */
    record ModerationDelivery(String member, boolean stale, PostRoute previous) {
    }

    private static final PostDelivery NEW_POST = new PostDelivery(null, null, false);

    /**
     * By post id: the post's newest {@link PostVersion} itself while no moderation concerns the post
     * (its member, day and stamp are the route), else a {@link PostRoute}. Most posts are never
     * moderated, and a route object for each was a tenth of the objects the engine retained.
     */
    private final Map<String, Object> posts = new ConcurrentHashMap<>();

    private static PostRoute route(Object entry) {
        if (entry instanceof org.planetrewards.model.PostVersion v) {
            return new PostRoute(v.member(), null, null, v.day(), v.stamp());
        }
        return (PostRoute) entry;
    }

    /**
     * Claims the post id for its member.
     *
     * @throws InvalidInputException when another member owns the id
     */
    PostDelivery post(org.planetrewards.model.PostVersion p) {
        Instant stamp = p.stamp();
        if (posts.putIfAbsent(p.id(), p) == null) {
            return NEW_POST; // most posts: seen for the first time, with nothing waiting
        }
        ModerationState[] waiting = new ModerationState[1];
        PostRoute[] previous = new PostRoute[1];
        posts.compute(p.id(), (id, entry) -> {
            PostRoute route = entry == null ? null : route(entry);
            previous[0] = route;
            if (route == null) {
                return p;
            }
            if (route.member() != null && !route.member().equals(p.member())) {
                throw new InvalidInputException("post id \"" + id + "\" belongs to member \"" + route.member()
                        + "\" and cannot be reused by member \"" + p.member() + "\"");
            }
            if (route.stamp() != null && !stamp.isAfter(route.stamp())) {
                return entry; // the newest version wins whatever the order
            }
            waiting[0] = route.waiting();
            return route.latestModeration() == null ? p
                    : new PostRoute(p.member(), route.latestModeration(), null, p.day(), stamp);
        });
        PostRoute before = previous[0];
        return new PostDelivery(waiting[0], before, before != null && before.stamp() != null && !stamp.isAfter(before.stamp()));
    }

    /** Records the moderation unless it is older than one already seen for the post. */
    ModerationDelivery moderation(ModerationState m) {
        ModerationDelivery[] out = new ModerationDelivery[1];
        posts.compute(m.postId(), (id, entry) -> {
            PostRoute route = entry == null ? null : route(entry);
            if (route != null && route.latestModeration() != null && !m.at().isAfter(route.latestModeration())) {
                out[0] = new ModerationDelivery(null, true, route);
                return entry;
            }
            if (route == null || route.member() == null) {
                out[0] = new ModerationDelivery(null, false, route);
                return new PostRoute(null, m.at(), m);
            }
            out[0] = new ModerationDelivery(route.member(), false, route);
            return new PostRoute(route.member(), m.at(), null, route.day(), route.stamp());
        });
        return out[0];
    }

    /**
     * Forgets the posts whose day is before {@code keepFrom} and the moderations waiting since before it
     * (the lateness horizon: no fact accepted from now on can concern them).
     */
    void evictBefore(java.time.LocalDate keepFrom) {
        posts.values().removeIf(entry -> {
            if (entry instanceof org.planetrewards.model.PostVersion v) {
                return v.day().isBefore(keepFrom); // no route made for each post the horizon passes over
            }
            PostRoute r = (PostRoute) entry;
            return r.day() != null ? r.day().isBefore(keepFrom)
                    : r.waiting() != null && r.waiting().local().toLocalDate().isBefore(keepFrom);
        });
    }

    /** The route of a post, or null when nothing is known about it. */
    PostRoute route(String postId) {
        Object entry = posts.get(postId);
        return entry == null ? null : route(entry);
    }

    /** Every route, for snapshots (made on the fly: most are kept as the post itself). */
    Iterable<Map.Entry<String, PostRoute>> routes() {
        return () -> posts.entrySet().stream().map(e -> Map.entry(e.getKey(), route(e.getValue()))).iterator();
    }

    /** Puts a post's route back as it was (null: unknown), after a fact about it failed. */
    void restore(String postId, PostRoute route) {
        if (route == null) {
            posts.remove(postId);
        } else {
            posts.put(postId, route);
        }
    }
}
