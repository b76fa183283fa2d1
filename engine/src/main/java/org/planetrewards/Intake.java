package org.planetrewards;

import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.TagWords;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reduces each fact to what the rules judge: its community-local day, a post's visible length,
 * normalised tag words and whether it links a source. The zone is the only setting it reads.
 *
 * <p>It hands out one shared copy of each day and tag-word list, and each member's one
 * {@link MemberState} with the shared copy of its id (thread-safe): the engine keeps every post
 * and check-in, and with a fresh copy of these per fact they were a third of the heap it retained per
 * member. The caches of days and tag-word lists are bounded, so hostile input cannot grow them without
 * limit; members are kept by the engine anyway.
 */
final class Intake {
    /** Beyond this many entries a cache stops growing (values are then simply not shared). */
    private static final int CACHE_BOUND = 100_000;

    private final ZoneId zone;
    /** Each member's one state, found here with the shared copy of its id. */
    private final Map<String, MemberState> members = new ConcurrentHashMap<>();
    private final Map<LocalDate, LocalDate> days = new ConcurrentHashMap<>();
    private final Map<List<String>, List<String>> tagWords = new ConcurrentHashMap<>();

    Intake(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    /** The check-in's day and time in the community zone. */
    CheckInDay checkInDay(MemberState member, CheckIn c) {
        return new CheckInDay(member.id(), day("checkin", "at", c.at()), c.at().atZoneSameInstant(zone).toOffsetDateTime());
    }

    ModerationState moderation(Moderation m) {
        return new ModerationState(m.post(), m.action(), m.at().toInstant(), m.at().atZoneSameInstant(zone).toLocalDateTime());
    }

    PostVersion version(MemberState member, Post p) {
        List<String> words = shared(tagWords, p.tags().stream().map(TagWords::normalise).distinct().toList());
        boolean sourced = p.links().stream().anyMatch(l -> l.startsWith("http://") || l.startsWith("https://"));
        LocalDate day = day("post", "at", p.at());
        day("post", "editedAt", p.stamp()); // a decision carries it in the community zone
        return new PostVersion(p.id(), member.id(), day, p.stamp().toInstant(), visibleLength(p.text()), words, sourced);
    }

    /**
     * The community-local date of a timestamp. An instant too close to the ends of time (year
     * ±999,999,999) has no date in the zone: invalid input, refused before anything changes.
     */
    private LocalDate day(String type, String field, OffsetDateTime t) {
        try {
            return shared(days, t.atZoneSameInstant(zone).toLocalDate());
        } catch (DateTimeException e) {
            throw new InvalidInputException(type + " \"" + field + "\" " + t + " has no date in " + zone + ": " + e.getMessage());
        }
    }

    /** The member's one state: made at the member's first fact, whether or not the fact is then accepted. */
    MemberState member(String id) {
        MemberState known = members.get(id);
        if (known != null) {
            return known;
        }
        MemberState made = new MemberState(id);
        known = members.putIfAbsent(id, made);
        return known == null ? made : known;
    }

    /** Looks before it inserts: a hit is a plain read, where putIfAbsent would lock the map's bin. */
    private <T> T shared(Map<T, T> cache, T value) {
        T known = cache.get(value);
        if (known != null) {
            return known;
        }
        if (cache.size() < CACHE_BOUND) {
            known = cache.putIfAbsent(value, value);
        }
        return known == null ? value : known;
    }

    /**
     * {@link Character#isWhitespace(int)} of every character of the Basic Multilingual Plane, read once
     * (8 KB). The general code-point path was a twentieth of the reading thread's time on CJK text.
     */
    private static final java.util.BitSet BMP_WHITESPACE = new java.util.BitSet(0x10000);

    static {
        for (int c = 0; c < 0x10000; c++) {
            if (Character.isWhitespace(c)) {
                BMP_WHITESPACE.set(c);
            }
        }
    }

    /** Unicode code points that are not whitespace in the sense of {@link Character#isWhitespace(int)}. */
    static int visibleLength(String text) {
        // A plain loop: the stream version was 8% of the engine's allocation per fact (JFR).
        int visible = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                if (!BMP_WHITESPACE.get(c)) {
                    visible++;
                }
                i++;
                continue;
            }
            int cp = text.codePointAt(i); // a pair is one code point; a lone surrogate is one of its own
            if (!Character.isWhitespace(cp)) {
                visible++;
            }
            i += Character.charCount(cp);
        }
        return visible;
    }
}
