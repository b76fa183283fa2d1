package org.planetrewards;

import org.planetrewards.model.CountedDay;
import org.planetrewards.model.PostVersion;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A member's days, in date order. There is one per member id for the whole engine: the intake hands
 * it out with the shared copy of the id, on the thread that reads the facts, so a shard reaches a
 * member's days without looking the member up (at 100,000 members that look-up was an eighth of
 * the shards' time, in cache misses). Only the member's shard, under its lock, reads or changes it.
 */
final class MemberState {
    private static final Day[] NO_DAYS = new Day[0];

    final String id;
    /** In its shard's member map ({@link ShardFacts}): false until its first fact is applied. */
    boolean registered;
    /**
     * Sorted by date, the first {@link #size} entries. An array, not a TreeMap or an ArrayList: a
     * member has tens of days, facts mostly arrive for the last one, a tree entry cost more than the
     * day it held, and at 100,000 members each object between the member and its newest day is a
     * cache miss on every fact (the search was 7% of the shards' time with a list).
     */
    private Day[] days = NO_DAYS;
    private int size;
    /** Decided for every campaign of the current settings: nothing new can be decided, so nothing is evaluated. */
    boolean done;
    /**
     * The days of the kept {@code CountedDay} facts of all days, sorted, one entry per fact: the member
     * step reads them here instead of visiting every day (each visit a cache miss at 100,000 members).
     */
    final List<LocalDate> counted = new ArrayList<>(0);
    /** How many kept facts of all days are not {@code CountedDay}. */
    int others;

    /** Keeps the day's kept facts in step with {@link #counted} and {@link #others}. */
    void carry(Day d, List<Object> now) {
        count(d, -1);
        d.keep(id, now);
        count(d, +1);
    }

    /** Counts every day's kept facts again (after many changed at once). */
    void recount() {
        counted.clear();
        others = 0;
        days().forEach(d -> count(d, +1));
    }

    private void count(Day d, int sign) {
        if (d.kept == Day.COUNTED) {
            countDay(d.date, sign);
            return;
        }
        for (Object o : d.keptFacts()) {
            if (o instanceof CountedDay c) {
                countDay(c.day(), sign);
            } else {
                others += sign;
            }
        }
    }

    private void countDay(LocalDate day, int sign) {
        int i = java.util.Collections.binarySearch(counted, day);
        if (sign > 0) {
            counted.add(i >= 0 ? i : -i - 1, day);
        } else if (i >= 0) {
            counted.remove(i);
        }
    }

    MemberState(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** The member's days in date order (a view: not to be kept across changes). */
    List<Day> days() {
        return java.util.Arrays.asList(days).subList(0, size);
    }

    /** The newest day, or null when the member has none. */
    Day newest() {
        return size == 0 ? null : days[size - 1];
    }

    /** The day's entry, made if missing. */
    Day day(LocalDate date) {
        int i = find(date);
        if (i >= 0) {
            return days[i];
        }
        i = -i - 1;
        if (size == days.length) {
            days = java.util.Arrays.copyOf(days, Math.max(4, size + (size >> 1)));
        }
        System.arraycopy(days, i, days, i + 1, size - i);
        Day d = new Day(date);
        days[i] = d;
        size++;
        return d;
    }

    /** The day's entry, or null. */
    Day get(LocalDate date) {
        int i = find(date);
        return i >= 0 ? days[i] : null;
    }

    void remove(LocalDate date) {
        int i = find(date);
        if (i >= 0) {
            System.arraycopy(days, i + 1, days, i, size - i - 1);
            days[--size] = null;
        }
    }

    /** Removes and returns the days before {@code date}. */
    List<Day> removeBefore(LocalDate date) {
        int i = find(date);
        int n = i >= 0 ? i : -i - 1;
        if (n == 0) {
            return List.of();
        }
        List<Day> gone = List.of(java.util.Arrays.copyOf(days, n));
        System.arraycopy(days, n, days, 0, size - n);
        java.util.Arrays.fill(days, size - n, size, null);
        size -= n;
        return gone;
    }

    /** Binary search from the end's side (most facts are about the newest day): the index, or -(insertion point) - 1. */
    private int find(LocalDate date) {
        int last = size - 1;
        if (last < 0) {
            return -1;
        }
        int newest = days[last].date.compareTo(date);
        if (newest <= 0) {
            return newest == 0 ? last : -size - 1;
        }
        int lo = 0;
        int hi = last - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = days[mid].date.compareTo(date);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** One member-day: its facts and what the rules derived about the day the last time they saw it. */
    static final class Day {
        final LocalDate date;
        boolean checkedIn;
        /**
         * When the day's earliest check-in happened, in epoch milliseconds (rules see it in the community
         * zone); {@link #TIME_UNKNOWN} for a check-in restored from a snapshot that had no times. A long,
         * not an {@code Instant}: the engine keeps every check-in day, and an object per day was 24 bytes
         * of heap where this is 8.
         */
        private long checkedInAt;

        static final long TIME_UNKNOWN = Long.MIN_VALUE;
        /**
         * Current versions of the day's posts, in order of arrival: null, one {@link PostVersion}, or an
         * {@code ArrayList} of two or more. Most days have one post, and a list for it was two of the
         * objects that every young collection copied once per day kept (the heap histogram at 100,000 members).
         */
        private Object posts;
        /**
         * What the rules last derived about the day and some rule looks at: a list of facts, or
         * {@link #COUNTED} for the usual one, the member's {@code CountedDay} of this very day. A counted
         * day is then no object at all, where a fact and a list for it were two of every eight objects
         * the engine retained at 100,000 members (each copied by young collections, each a cache miss).
         */
        private Object kept = List.of();
        /**
         * Some post of the day may have a moderation (set when one is stored, kept when a post moves to
         * another day). Most days have none, and looking each post up in the shard's moderations was a
         * cache miss per post evaluated.
         */
        boolean moderated;

        /** {@link #kept}: exactly one fact, {@code CountedDay(member, date)} of this day's member and date. */
        static final Object COUNTED = new Object();

        Day(LocalDate date) {
            this.date = date;
        }

        /** The kept facts, {@code member} being the day's member. */
        List<Object> carried(String member) {
            return kept == COUNTED ? List.of(new CountedDay(member, date)) : keptFacts();
        }

        @SuppressWarnings("unchecked")
        private List<Object> keptFacts() {
            return (List<Object>) kept;
        }

        void keep(String member, List<Object> facts) {
            kept = isOwnCountedDay(member, facts) ? COUNTED : facts;
        }

        /** Whether the day keeps exactly {@code facts} already. */
        boolean keeps(String member, List<Object> facts) {
            return kept == COUNTED ? isOwnCountedDay(member, facts) : kept.equals(facts);
        }

        private boolean isOwnCountedDay(String member, List<Object> facts) {
            return facts.size() == 1 && facts.get(0) instanceof CountedDay c && c.day().equals(date) && c.member().equals(member);
        }

        /** The earliest check-in's time, or null when not checked in or its time is unknown. */
        java.time.Instant checkInAt() {
            return !checkedIn || checkedInAt == TIME_UNKNOWN ? null : java.time.Instant.ofEpochMilli(checkedInAt);
        }

        /** Checked in at {@code at} (null: at an unknown time). */
        void checkIn(java.time.Instant at) {
            checkedIn = true;
            checkedInAt = at == null ? TIME_UNKNOWN : at.toEpochMilli();
        }

        /**
         * Whether a check-in at {@code at} is earlier than the one the day holds, so that it is the one
         * that counts. A day whose time is unknown stays so: its earliest check-in may be earlier still.
         */
        boolean isEarlierCheckIn(java.time.Instant at) {
            return checkedIn && at != null && checkedInAt != TIME_UNKNOWN && at.toEpochMilli() < checkedInAt;
        }

        boolean isEmpty() {
            return !checkedIn && posts == null;
        }

        @SuppressWarnings("unchecked")
        List<PostVersion> posts() {
            if (posts == null) {
                return List.of();
            }
            return posts instanceof PostVersion p ? List.of(p) : (List<PostVersion>) posts;
        }

        @SuppressWarnings("unchecked")
        void addPost(PostVersion p) {
            if (posts == null) {
                posts = p;
            } else if (posts instanceof PostVersion first) {
                List<PostVersion> two = new ArrayList<>(2);
                two.add(first);
                two.add(p);
                posts = two;
            } else {
                ((List<PostVersion>) posts).add(p);
            }
        }

        @SuppressWarnings("unchecked")
        void removePost(String id) {
            if (posts instanceof PostVersion p) {
                if (p.id().equals(id)) {
                    posts = null;
                }
            } else if (posts != null) {
                List<PostVersion> list = (List<PostVersion>) posts;
                list.removeIf(p -> p.id().equals(id));
                posts = list.size() == 1 ? list.get(0) : list.isEmpty() ? null : list;
            }
        }

        /** The current version of the post with this id, or null. */
        PostVersion post(String id) {
            if (posts instanceof PostVersion p) {
                return p.id().equals(id) ? p : null;
            }
            for (PostVersion p : posts()) {
                if (p.id().equals(id)) {
                    return p;
                }
            }
            return null;
        }
    }
}
