package org.planetrewards;

import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.TagWords;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reduces each fact to what the rules judge: its community-local day, a post's visible length,
 * normalised tag words and whether it links a source. The zone and the hour the community's day
 * starts at are the only settings it reads: this is the one place a moment becomes a community day
 * ({@link #communityDay}).
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
    private final LocalTime dayStartsAt;
    /** Each member's one state, found here with the shared copy of its id. */
    private final Map<String, MemberState> members = new ConcurrentHashMap<>();
    private final Map<LocalDate, LocalDate> days = new ConcurrentHashMap<>();
    private final Map<List<String>, List<String>> tagWords = new ConcurrentHashMap<>();

    Intake(ZoneId zone, LocalTime dayStartsAt) {
        this.zone = zone;
        this.dayStartsAt = dayStartsAt;
    }

    ZoneId zone() {
        return zone;
    }

    /** The check-in's day and time in the community zone. */
    CheckInDay checkInDay(MemberState member, CheckIn c) {
        OffsetDateTime at = c.at();
        DayRange r = lastDay;
        if (r != null && r.holds(at)) { // the zone's offset all day: the time in the zone is the same instant at it
            return new CheckInDay(member.id(), r.day(), at.withOffsetSameInstant(r.offset()));
        }
        return new CheckInDay(member.id(), day("checkin", "at", at), at.atZoneSameInstant(zone).toOffsetDateTime());
    }

    /**
     * The community day last computed, from its first instant to the next day's (epoch seconds), when the zone's
     * offset stays the same from two days before it to two days after: then every instant in between belongs to
     * it, and facts, which come roughly in time order, mostly find their day here without the zone's rules and the
     * shared days' map. Immutable, so threads that race to replace it each see a whole one.
     */
    private record DayRange(long from, long until, LocalDate day, java.time.ZoneOffset offset) {
        boolean holds(OffsetDateTime t) {
            long s = t.toEpochSecond();
            return s >= from && s < until;
        }
    }

    private DayRange lastDay;

    private DayRange range(LocalDate day) {
        try {
            java.time.Instant from = dayStart(day, zone, dayStartsAt);
            java.time.Instant until = dayStart(day.plusDays(1), zone, dayStartsAt);
            java.time.zone.ZoneRules rules = zone.getRules();
            java.time.Duration margin = java.time.Duration.ofDays(2);
            java.time.zone.ZoneOffsetTransition next = rules.nextTransition(from.minus(margin));
            if (next != null && next.getInstant().isBefore(until.plus(margin))) {
                return null; // the clock changes near this day: each instant is worked out on its own
            }
            return new DayRange(from.getEpochSecond(), until.getEpochSecond(), day, rules.getOffset(from));
        } catch (DateTimeException | ArithmeticException e) {
            return null; // near the ends of time: no shortcut
        }
    }

    ModerationState moderation(Moderation m) {
        return new ModerationState(m.post(), m.action(), m.at().toInstant(), m.at().atZoneSameInstant(zone).toLocalDateTime());
    }

    PostVersion version(MemberState member, Post p) {
        LocalDate day = day("post", "at", p.at());
        if (p.editedAt() != null) {
            day("post", "editedAt", p.editedAt()); // a decision carries it in the community zone
        }
        Text text = text(p.text());
        return new PostVersion(p.id(), member.id(), day, p.stamp().toInstant(), text.visibleLength(), tagWords(p.tags()),
                hasSourceLink(p.links()), text.key());
    }

    /** The tags' words, each once, in order: one shared list for each combination (plain loops: no stream per post). */
    private List<String> tagWords(List<String> tags) {
        if (tags.isEmpty()) {
            return List.of();
        }
        if (tags.size() == 1) {
            return shared(tagWords, List.of(TagWords.normalise(tags.get(0))));
        }
        java.util.ArrayList<String> words = new java.util.ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) { // indexed: an iterator per list was 3 % of what the reading thread allocated
            String word = TagWords.normalise(tags.get(i));
            if (!words.contains(word)) {
                words.add(word);
            }
        }
        return shared(tagWords, List.copyOf(words));
    }

    private static boolean hasSourceLink(List<String> links) {
        for (int i = 0; i < links.size(); i++) {
            String l = links.get(i);
            if (l.startsWith("http://") || l.startsWith("https://")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The community-local date of a timestamp. An instant too close to the ends of time (year
     * ±999,999,999) has no date in the zone: invalid input, refused before anything changes.
     */
    private LocalDate day(String type, String field, OffsetDateTime t) {
        DayRange r = lastDay;
        if (r != null && r.holds(t)) {
            return r.day();
        }
        try {
            LocalDate day = shared(days, communityDay(t.toInstant(), zone, dayStartsAt));
            if (r == null || day.isAfter(r.day())) { // a late fact leaves the newest day in place
                DayRange made = range(day);
                if (made != null && made.holds(t)) {
                    lastDay = made;
                }
            }
            return day;
        } catch (DateTimeException e) {
            throw new InvalidInputException(type + " \"" + field + "\" " + t + " has no date in " + zone + ": " + e.getMessage());
        }
    }

    /** The community day of a moderation: the one its lateness is judged by. */
    LocalDate day(ModerationState m) {
        return communityDay(m.at(), zone, dayStartsAt);
    }

    /**
     * The community day a moment belongs to: the latest date whose start is not after the moment. A date
     * starts at the first moment the community's clock shows that date and a time at or after
     * {@code dayStartsAt}: when the clock is put forward over the start, at the jump (with a start at
     * 02:30 and a jump from 02:00 to 03:00, at 03:00); when the clock goes back over it, at its first
     * occurrence. So the days follow each other with none dropped or doubled, whatever the zone does.
     * At midnight this is the calendar date in the zone, computed as it always was.
     */
    static LocalDate communityDay(java.time.Instant t, ZoneId zone, LocalTime dayStartsAt) {
        java.time.ZonedDateTime local = t.atZone(zone);
        if (dayStartsAt.equals(LocalTime.MIDNIGHT)) {
            return local.toLocalDate();
        }
        LocalDate day = local.toLocalDate();
        // The wall clock's date is at most a day off the answer; the loops settle zones whose clock
        // jumps over or back across a date line as well.
        while (t.isBefore(dayStart(day, zone, dayStartsAt))) {
            day = day.minusDays(1);
        }
        while (!t.isBefore(dayStart(day.plusDays(1), zone, dayStartsAt))) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** When a community day begins: in a gap, the jump; in an overlap, the earlier of the two (as {@code ZonedDateTime.of} takes). */
    private static java.time.Instant dayStart(LocalDate day, ZoneId zone, LocalTime dayStartsAt) {
        java.time.LocalDateTime start = day.atTime(dayStartsAt);
        java.time.zone.ZoneOffsetTransition jump = zone.getRules().getTransition(start);
        if (jump != null && jump.isGap()) {
            return jump.getInstant();
        }
        return java.time.ZonedDateTime.of(start, zone).toInstant();
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
     * What the quality rules read of a post's text, made in one pass over it: {@link #visibleLength} and
     * {@link #textKey}.
     */
    record Text(int visibleLength, long key) {
    }

    /**
     * What makes two texts "the same" for the repeated-text check: the letters and digits of the text
     * (Unicode's, so CJK ideographs count and punctuation, spaces, symbols and emoji do not), full-width
     * Latin letters and digits read as their ASCII forms, case folded, hashed with 64-bit FNV-1a. 0 when
     * no letter or digit is left: such texts are never called repeats. Two different texts share a key
     * once in about 10^19 pairs; a member could only hurt their own posts by finding one.
     */
    static long textKey(String text) {
        return text(text).key();
    }

    /** Unicode code points that are not whitespace in the sense of {@link Character#isWhitespace(int)}. */
    static int visibleLength(String text) {
        return text(text).visibleLength();
    }

    /**
     * Both in one loop: ASCII by hand, the rest of the first two planes from a table ({@link Folds}), code
     * points beyond them from {@link Character}. The general code-point path for each was a twentieth of the
     * reading thread's time on CJK text, and the two loops over each text another.
     */
    static Text text(String text) {
        long hash = 0xcbf29ce484222325L;
        boolean any = false;
        int visible = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            char c = text.charAt(i);
            int folded;
            if (c < 0x80) {
                i++;
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                    folded = c;
                } else if (c >= 'A' && c <= 'Z') {
                    folded = c + ('a' - 'A');
                } else {
                    // ASCII whitespace: tab to carriage return, the four separators, and space
                    if (c > ' ' || c < '\t' || c > '\r' && c < '\u001c') {
                        visible++;
                    }
                    continue;
                }
                visible++;
            } else if (!Character.isSurrogate(c)) {
                i++;
                folded = Folds.fold(c);
                if (folded == Folds.WHITESPACE) {
                    continue;
                }
                visible++;
            } else {
                // A pair is one code point, a lone surrogate one of its own; none of them is whitespace (Unicode has
                // no white space beyond the Basic Multilingual Plane: IntakeTest checks the JDK's table says so).
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                folded = cp < Folds.END ? Folds.fold(cp) : fold(cp); // emoji are in the table's second plane
                visible++;
            }
            if (folded < 0) {
                continue;
            }
            hash = (hash ^ folded) * 0x100000001b3L;
            any = true;
        }
        return new Text(visible, !any ? 0 : hash == 0 ? 1 : hash);
    }

    /** What {@link #textKey} hashes for a code point: its folded form, or -1 when it is not a letter or digit. */
    static int fold(int cp) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            cp -= 0xFEE0; // full-width forms of ASCII, common in CJK text
        }
        if (!Character.isLetterOrDigit(cp)) {
            return -1;
        }
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    /**
     * {@link #fold} and whitespace of the first two planes (the BMP, and the one of most emoji), 256 code points at
     * a time as texts first use them: a whole table made at start would cost every short replay its making, and
     * {@link Character}'s own lookups for each character were a twentieth of the reading thread's time.
     */
    private static final class Folds {
        /** The first code point beyond the table. */
        static final int END = 0x20000;
        /** A code point that is whitespace (never a letter or digit). */
        static final int WHITESPACE = -2;

        /** A block's folds; the final field makes a block other threads see whole. */
        private record Block(int[] folds) {
        }

        private static final Block[] BLOCKS = new Block[END >>> 8];

        static int fold(int cp) {
            Block b = BLOCKS[cp >>> 8];
            if (b == null) {
                int[] folds = new int[256];
                int base = cp & ~0xFF;
                for (int k = 0; k < 256; k++) {
                    folds[k] = Character.isWhitespace(base + k) ? WHITESPACE : Intake.fold(base + k);
                }
                b = new Block(folds);
                BLOCKS[cp >>> 8] = b; // a race makes the same block twice: harmless
            }
            return b.folds()[cp & 0xFF];
        }
    }
}
