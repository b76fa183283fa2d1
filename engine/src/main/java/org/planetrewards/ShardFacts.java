package org.planetrewards;

import org.planetrewards.MemberState.Day;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The facts a shard holds — its members' days ({@link MemberState}) and the latest moderation of their
 * posts — and the changes to them: a fact applied, with how to undo it when a rule fails on it, and the
 * days the lateness horizon leaves behind. Rules are not its business: the shard evaluates what changed.
 * Only the shard, under its lock, calls it.
 */
final class ShardFacts {
    /** The shard's members, in order of first fact: for iteration, explanations and snapshots, not for facts. */
    final Map<String, MemberState> members = new LinkedHashMap<>();
    final Map<String, ModerationState> moderations = new HashMap<>();
    /** Every member's one state (the engine's intake hands them out). */
    private final Function<String, MemberState> states;
    /** The lateness horizon's keep-from day this shard last evicted to, or null. */
    private LocalDate evictedBefore;

    ShardFacts(Function<String, MemberState> states) {
        this.states = states;
    }

    /**
     * A fact applied to the stored facts, to be evaluated: the member, the days it changed, whether it
     * was the member's first, and how to put everything back as it was.
     */
    record Change(MemberState member, List<LocalDate> days, boolean newMember, Runnable undo) {
    }

    /** A check-in of the member {@code m}; null when it changes nothing (a later check-in of a day already held). */
    Change checkIn(MemberState m, CheckInDay day) {
        boolean known = m.registered;
        Day d = m.day(day.day());
        Instant at = day.at() == null ? null : day.at().toInstant();
        boolean again = d.checkedIn;
        if (again && !d.isEarlierCheckIn(at)) {
            return null; // check-ins are a set; the earliest of a day is the one that counts
        }
        Instant before = d.checkInAt();
        register(m, known);
        d.checkIn(at);
        return new Change(m, List.of(day.day()), !known, () -> {
            if (again) {
                d.checkIn(before);
            } else {
                d.checkedIn = false;
                prune(m, day.day());
            }
            unregister(m, known);
        });
    }

    /**
     * A new post, or a newer version of one (the router has refused repeats and older versions).
     *
     * @param m           the post's member, as the intake resolved it
     * @param waiting     a moderation that arrived before the post, or null
     * @param previousDay the day of the version this one replaces, or null for a new post
     * @param repeatsMatter the settings refuse a repeated text: days with the same text are evaluated again
     */
    Change post(MemberState m, PostVersion version, ModerationState waiting, LocalDate previousDay, boolean repeatsMatter) {
        boolean known = m.registered;
        register(m, known);
        Day previousEntry = previousDay == null ? null : m.get(previousDay);
        PostVersion previous = previousEntry == null ? null : previousEntry.post(version.id());
        ModerationState previousModeration = waiting == null ? null : moderations.put(waiting.postId(), waiting);
        List<LocalDate> days = new ArrayList<>(2);
        if (previous != null) {
            previousEntry.removePost(previous.id());
            days.add(previous.day());
        }
        Day target = m.day(version.day());
        target.addPost(version);
        if (waiting != null || previousEntry != null && previousEntry.moderated) {
            target.moderated = true;
        }
        if (!days.contains(version.day())) {
            days.add(version.day());
        }
        if (repeatsMatter) {
            // A new text, or one the edit took away, can make another day's post a repeat or no longer one.
            days.addAll(daysWithText(m, new long[]{version.textKey(), previous == null ? 0 : previous.textKey()}, days));
        }
        return new Change(m, days, !known, () -> {
            m.day(version.day()).removePost(version.id());
            prune(m, version.day());
            if (previous != null) {
                Day back = m.day(previous.day());
                back.addPost(previous);
                back.moderated |= previousEntry.moderated;
            }
            if (waiting != null) {
                restore(moderations, waiting.postId(), previousModeration);
            }
            unregister(m, known);
        });
    }

    /**
     * A moderation of a post of {@code member} on {@code day}; null when its post left with the lateness
     * horizon (the moderation is stored all the same: nothing can change).
     */
    Change moderation(ModerationState state, String member, LocalDate day) {
        ModerationState previous = moderations.put(state.postId(), state);
        MemberState m = members.get(member);
        Day d = m == null || day == null ? null : m.get(day);
        if (d == null || d.post(state.postId()) == null) {
            return null;
        }
        d.moderated = true;
        return new Change(m, List.of(day), false, () -> restore(moderations, state.postId(), previous));
    }

    /** The days other than {@code except} with a post of the member whose text key is one of {@code keys} (0 aside). */
    private static List<LocalDate> daysWithText(MemberState m, long[] keys, List<LocalDate> except) {
        List<LocalDate> out = new ArrayList<>(0);
        for (Day d : m.days()) {
            if (except.contains(d.date)) {
                continue;
            }
            for (PostVersion q : d.posts()) {
                if (q.textKey() != 0 && java.util.Arrays.stream(keys).anyMatch(k -> k == q.textKey())) {
                    out.add(d.date);
                    break;
                }
            }
        }
        return out;
    }

    /** The member's state: the one this shard holds, else the engine's one for the id. */
    MemberState state(String member) {
        MemberState m = members.get(member);
        return m != null ? m : states.apply(member);
    }

    /** Adds a member at its first fact; not again after (a store into an old map is work for the GC). */
    void register(MemberState m, boolean known) {
        if (!known) {
            members.put(m.id, m);
            m.registered = true;
        }
    }

    /** Undoes {@link #register} after the member's first fact failed. */
    private void unregister(MemberState m, boolean known) {
        if (!known) {
            members.remove(m.id);
            m.registered = false;
        }
    }

    private static <V> void restore(Map<String, V> map, String key, V previous) {
        if (previous == null) {
            map.remove(key);
        } else {
            map.put(key, previous);
        }
    }

    /** Drops the day when it holds nothing any more. */
    static void prune(MemberState m, LocalDate date) {
        Day d = m.get(date);
        if (d != null && d.isEmpty()) {
            m.remove(date);
        }
    }

    /**
     * Forgets the check-in days and posts (with their moderations) of days before {@code keepFrom}: the
     * lateness horizon has passed them, so no fact accepted from now on can change them or combine with
     * them. Decides nothing: taking days away cannot make a condition hold that did not.
     */
    void evict(LocalDate keepFrom) {
        if (evictedBefore != null && !keepFrom.isAfter(evictedBefore)) {
            return;
        }
        evictedBefore = keepFrom;
        for (MemberState m : members.values()) {
            List<Day> gone = m.removeBefore(keepFrom);
            for (Day d : gone) {
                for (PostVersion p : d.posts()) {
                    moderations.remove(p.id());
                }
            }
            if (!gone.isEmpty()) {
                m.recount();
            }
        }
    }
}
