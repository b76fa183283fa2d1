package org.planetrewards.reference;

import org.planetrewards.CheckIn;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.InvalidInputException;
import org.planetrewards.Moderation;
import org.planetrewards.Post;
import org.planetrewards.Settings;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.ModerationAction;
import org.planetrewards.model.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * docs/history-format.md, docs/default-rules.md and docs/decisions.md in plain Java, with no Drools and no engine internals: the yardstick the engine is
 * tested against and the speed-of-light baseline for benchmarks.
 *
 * <p>State is incremental and per member: for each member, one small int per calendar day it has
 * touched (checked in? how many high-quality posts?), kept in 32-day chunks; for each post id, the
 * current version reduced to what the rules judge (day, automatic verdict, which tagged-post campaigns
 * its tags name) and its latest moderation. Post texts, tags and links are not kept.
 *
 * <p>A fact changes at most one member's state and adds at most one counted day. Every campaign not
 * yet decided for that member was false before the fact (it is re-evaluated after every change), so
 * a condition that holds now must involve what the fact added: the new counted day {@code D} or the
 * post the fact touched. Re-evaluation therefore looks only at the run of counted days around
 * {@code D} (at most {@code days} each side) and at the {@code window}-long windows that contain
 * {@code D}; it never rescans a member's history.
 *
 * <p>Evidence ({@link Decision#days()}), when a condition first holds:
 * <ul>
 *   <li>consecutive-days: the first {@code days} days of the earliest run that is long enough;</li>
 *   <li>days-in-window: the latest {@code days} counted days of the earliest-ending window (a window of
 *       {@code window} calendar days ending on a counted day) that holds enough;</li>
 *   <li>tagged-post: the day of the qualifying post (the earliest day if several).</li>
 * </ul>
 *
 * <p>Not thread-safe. Facts are applied in arrival order, as docs/history-format.md says.
 */
public final class ReferenceModel {
    /**
     * The default pack's campaign kinds, as this model reads them: its own copy of their names (the engine
     * knows none; the pack declares them), so that it stays independent of the rule files.
     */
    public static final String CONSECUTIVE_DAYS = "consecutive-days";
    public static final String DAYS_IN_WINDOW = "days-in-window";
    public static final String TAGGED_POST = "tagged-post";

    /** A campaign of the default pack's consecutive-days kind. */
    public static Campaign consecutiveDays(String id, String reward, int days) {
        return new Campaign(id, CONSECUTIVE_DAYS, reward, days, 0, null);
    }

    /** A campaign of the default pack's days-in-window kind. */
    public static Campaign daysInWindow(String id, String reward, int days, int window) {
        return new Campaign(id, DAYS_IN_WINDOW, reward, days, window, null);
    }

    /** A campaign of the default pack's tagged-post kind. */
    public static Campaign taggedPost(String id, String reward, String tag) {
        return new Campaign(id, TAGGED_POST, reward, 0, 0, tag);
    }

    private static final int KIND_STREAK = 0;
    private static final int KIND_WINDOW = 1;
    private static final int KIND_TAGGED = 2;
    private static final int KIND_UNKNOWN = 3;

    /** Day cell: bit set when the member checked in that day; the low bits count its high-quality posts. */
    private static final int CHECKED_IN = 1 << 30;
    private static final int POST_COUNT = CHECKED_IN - 1;

    private final ZoneId zone;
    private final DayOf dayOf;
    private final Campaign[] campaigns;
    private final int[] kinds;
    /** For a tagged-post campaign, its bit in {@link PostState#campaignTags}; -1 for other kinds. */
    private final int[] tagBit;
    /** Lower-cased id or label → the tags it names (an id may equal another tag's label). */
    private final Map<String, TagMatch> tagWords = new HashMap<>();
    private final int minVisible;

    private final Map<String, PostState> posts = new HashMap<>();
    /** Scratch for {@link #window}: running count of counted days. */
    private int[] prefix = new int[64];
    private final Map<String, MemberState> members = new HashMap<>();

    /** What a normalised tag word means: whether it names a community tag, needs a source, which campaigns it names. */
    private record TagMatch(boolean needsSourceLink, long campaignTags) {
    }

    public ReferenceModel(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        this.zone = settings.zone();
        this.dayOf = new DayOf(zone.getRules(), settings.dayStartsAt().toSecondOfDay());
        this.minVisible = settings.quality().minVisibleCharacters();
        if (settings.quality().refuseRepeatedText() || settings.quality().maxCountedPostsPerDay() > 0) {
            // Not modelled: an engine-versus-reference comparison would be wrong, not merely incomplete.
            throw new IllegalArgumentException("the reference model does not model the anti-farming caps");
        }
        this.campaigns = settings.campaigns().toArray(new Campaign[0]);
        this.kinds = new int[campaigns.length];
        this.tagBit = new int[campaigns.length];
        int taggedCampaigns = 0;
        for (int i = 0; i < campaigns.length; i++) {
            Campaign c = campaigns[i];
            if (c.activeFrom() != null || c.activeUntil() != null) {
                // Not modelled: an engine-versus-reference comparison would be wrong, not merely incomplete.
                throw new IllegalArgumentException("the reference model does not model active periods (campaign " + c.id() + ")");
            }
            kinds[i] = switch (c.kind()) {
                case CONSECUTIVE_DAYS -> KIND_STREAK;
                case DAYS_IN_WINDOW -> KIND_WINDOW;
                case TAGGED_POST -> KIND_TAGGED;
                default -> KIND_UNKNOWN; // no rule decides it: it never qualifies
            };
            tagBit[i] = -1;
            if (kinds[i] == KIND_TAGGED) {
                if (taggedCampaigns == 64) {
                    throw new IllegalArgumentException("the reference model handles at most 64 tagged-post campaigns");
                }
                tagBit[i] = taggedCampaigns++;
            }
        }
        for (Tag tag : settings.tags()) {
            long names = 0;
            for (int i = 0; i < campaigns.length; i++) {
                if (kinds[i] == KIND_TAGGED && tag.id().equals(campaigns[i].tag())) {
                    names |= 1L << tagBit[i];
                }
            }
            for (String spelling : new String[] {tag.id(), tag.label()}) {
                String word = spelling.toLowerCase(Locale.ROOT);
                TagMatch old = tagWords.get(word);
                tagWords.put(word, old == null ? new TagMatch(tag.needsSourceLink(), names)
                        : new TagMatch(old.needsSourceLink() || tag.needsSourceLink(), old.campaignTags() | names));
            }
        }
    }

    /**
     * Applies one fact (docs/history-format.md) and re-evaluates the campaigns of the member it concerns (docs/default-rules.md).
     *
     * @return the decisions this fact caused, in campaign order; empty when it changed nothing
     * @throws InvalidInputException for a post whose id belongs to another member; nothing changes then
     */
    public List<Decision> apply(Fact fact) {
        Objects.requireNonNull(fact, "fact");
        if (fact instanceof CheckIn c) {
            return applyCheckIn(c);
        }
        if (fact instanceof Post p) {
            return applyPost(p);
        }
        return applyModeration((Moderation) fact);
    }

    /**
     * The member's counted days now (a check-in and a post that counts on the same community-local day), in
     * date order: what the engine's leaderboards are checked against.
     */
    public List<java.time.LocalDate> countedDays(String member) {
        MemberState m = members.get(member);
        List<java.time.LocalDate> out = new ArrayList<>();
        for (int i = 0; m != null && i < m.size; i++) { // keys are kept sorted
            for (int j = 0; j < 32; j++) {
                if (isCounted(m.chunks[i][j])) {
                    out.add(java.time.LocalDate.ofEpochDay(((long) m.keys[i] << 5) + j));
                }
            }
        }
        return out;
    }

    /** How many members and post ids the model holds state for (for memory measurements). */
    public int memberCount() {
        return members.size();
    }

    public int postCount() {
        return posts.size();
    }

    // ---------------------------------------------------------------------------------------------
    // Facts

    private List<Decision> applyCheckIn(CheckIn c) {
        MemberState m = member(c.member());
        int day = dayOf.epochDay(c.at());
        int cell = m.get(day);
        if ((cell & CHECKED_IN) != 0) {
            return List.of(); // check-ins are a set
        }
        m.set(day, cell | CHECKED_IN);
        int newDay = (cell & POST_COUNT) > 0 ? day : Integer.MIN_VALUE;
        return decide(m, newDay, null, c.at());
    }

    private List<Decision> applyPost(Post p) {
        PostState ps = posts.get(p.id());
        long sec = p.stamp().toEpochSecond();
        int nano = p.stamp().getNano();
        if (ps != null && ps.owner != null) {
            if (!ps.owner.id.equals(p.member())) {
                throw new InvalidInputException("post id \"" + p.id() + "\" belongs to member \"" + ps.owner.id
                        + "\" and cannot be reused by member \"" + p.member() + "\"");
            }
            if (compare(sec, nano, ps.stampSec, ps.stampNano) <= 0) {
                return List.of(); // stale or repeated version
            }
        }
        if (ps == null) {
            ps = new PostState();
            posts.put(p.id(), ps);
        }
        MemberState m = ps.owner != null ? ps.owner : member(p.member());
        int day = dayOf.epochDay(p.at());

        // Judge the new version before touching anything.
        boolean auto = false;
        long campaignTags = 0;
        boolean knownTag = false;
        boolean needsSource = false;
        for (String raw : p.tags()) {
            TagMatch match = tagWords.get(normaliseTag(raw));
            if (match != null) {
                knownTag = true;
                needsSource |= match.needsSourceLink();
                campaignTags |= match.campaignTags();
            }
        }
        if (knownTag && hasVisibleCharacters(p.text(), minVisible) && (!needsSource || hasSourceLink(p.links()))) {
            auto = true;
        }

        boolean wasHigh = ps.owner != null && ps.isHighQuality();
        int oldDay = ps.day;
        boolean newDayCountedBefore = isCounted(m.get(day));
        if (wasHigh) {
            m.set(oldDay, m.get(oldDay) - 1);
        }
        ps.owner = m;
        ps.stampSec = sec;
        ps.stampNano = nano;
        ps.day = day;
        ps.automatic = auto;
        ps.campaignTags = campaignTags;
        boolean isHigh = ps.isHighQuality();
        if (isHigh) {
            m.set(day, m.get(day) + 1);
        }
        int newDay = !newDayCountedBefore && isCounted(m.get(day)) ? day : Integer.MIN_VALUE;
        return decide(m, newDay, isHigh ? ps : null, p.stamp());
    }

    private List<Decision> applyModeration(Moderation mod) {
        PostState ps = posts.get(mod.post());
        long sec = mod.at().toEpochSecond();
        int nano = mod.at().getNano();
        if (ps == null) {
            ps = new PostState();
            posts.put(mod.post(), ps);
        } else if (ps.moderation != null && compare(sec, nano, ps.modSec, ps.modNano) <= 0) {
            return List.of(); // not later than the latest moderation applied or waiting
        }
        boolean wasHigh = ps.owner != null && ps.isHighQuality();
        ps.moderation = mod.action();
        ps.modSec = sec;
        ps.modNano = nano;
        if (ps.owner == null) {
            return List.of(); // waits for its post
        }
        MemberState m = ps.owner;
        boolean isHigh = ps.isHighQuality();
        int newDay = Integer.MIN_VALUE;
        if (isHigh && !wasHigh) {
            int cell = m.get(ps.day);
            m.set(ps.day, cell + 1);
            if ((cell & CHECKED_IN) != 0 && (cell & POST_COUNT) == 0) {
                newDay = ps.day;
            }
        } else if (!isHigh && wasHigh) {
            m.set(ps.day, m.get(ps.day) - 1);
        }
        return decide(m, newDay, isHigh ? ps : null, mod.at());
    }

    private MemberState member(String id) {
        MemberState m = members.get(id);
        if (m == null) {
            m = new MemberState(id, campaigns.length);
            members.put(id, m);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------
    // Campaigns

    /**
     * Re-evaluates the member's undecided campaigns after a fact that added counted day {@code newDay}
     * ({@link Integer#MIN_VALUE} for none) and left {@code post} high quality ({@code null} for none).
     */
    private List<Decision> decide(MemberState m, int newDay, PostState post, OffsetDateTime stamp) {
        if (newDay == Integer.MIN_VALUE && post == null) {
            return List.of();
        }
        List<Decision> out = null;
        for (int i = 0; i < campaigns.length; i++) {
            if (m.decided[i]) {
                continue;
            }
            Campaign c = campaigns[i];
            List<LocalDate> evidence = switch (kinds[i]) {
                case KIND_STREAK -> newDay == Integer.MIN_VALUE ? null : streak(m, newDay, c.days());
                case KIND_WINDOW -> newDay == Integer.MIN_VALUE ? null : window(m, newDay, c.days(), c.window());
                case KIND_TAGGED -> post != null && (post.campaignTags & (1L << tagBit[i])) != 0
                        ? List.of(LocalDate.ofEpochDay(post.day)) : null;
                default -> null;
            };
            if (evidence != null) {
                m.decided[i] = true;
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(new Decision(m.id, c.id(), c.reward(), stamp.atZoneSameInstant(zone).toOffsetDateTime(), evidence));
            }
        }
        return out == null ? List.of() : out;
    }

    /** The first {@code days} days of the run through {@code day}, when that run is long enough. */
    private static List<LocalDate> streak(MemberState m, int day, int days) {
        if (days < 1) {
            return null;
        }
        // Before this day counted, no run was long enough, so each side is shorter than `days`.
        int first = day;
        while (day - first < days && isCounted(m.get(first - 1))) {
            first--;
        }
        int last = day;
        while (last - first + 1 < days && isCounted(m.get(last + 1))) {
            last++;
        }
        if (last - first + 1 < days) {
            return null;
        }
        return consecutive(first, days);
    }

    /**
     * The latest {@code days} counted days of the earliest window of {@code window} calendar days that
     * ends on a counted day and holds at least {@code days}. Only windows holding {@code day} can have
     * become enough.
     */
    private List<LocalDate> window(MemberState m, int day, int days, int window) {
        if (days < 1 || days > window) {
            return null;
        }
        // Counted flags for [day - window + 1, day + window - 1]; windows end in [day, day + window - 1].
        int from = day - window + 1;
        int span = 2 * window - 1;
        if (prefix.length < span + 1) {
            prefix = new int[span + 1];
        }
        m.countPrefix(from, span, prefix);
        for (int end = window - 1; end < span; end++) { // index of the window's last day
            if (prefix[end + 1] == prefix[end]) {
                continue; // a window ends on a counted day
            }
            int start = end - window + 1;
            if (prefix[end + 1] - prefix[start] >= days) {
                LocalDate[] evidence = new LocalDate[days];
                int n = days;
                for (int i = end; i >= start && n > 0; i--) {
                    if (prefix[i + 1] != prefix[i]) {
                        evidence[--n] = LocalDate.ofEpochDay(from + i);
                    }
                }
                return Arrays.asList(evidence);
            }
        }
        return null;
    }

    private static List<LocalDate> consecutive(int first, int days) {
        LocalDate[] out = new LocalDate[days];
        for (int i = 0; i < days; i++) {
            out[i] = LocalDate.ofEpochDay(first + i);
        }
        return Arrays.asList(out);
    }

    private static boolean isCounted(int cell) {
        return (cell & CHECKED_IN) != 0 && (cell & POST_COUNT) != 0;
    }

    // ---------------------------------------------------------------------------------------------
    // Quality

    /** Trim, strip '#', '【', '】' (and whitespace between them) around the word, lower-case. */
    static String normaliseTag(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && isTagDecoration(raw.charAt(start))) {
            start++;
        }
        while (end > start && isTagDecoration(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static boolean isTagDecoration(char ch) {
        return ch == '#' || ch == '【' || ch == '】' || Character.isWhitespace(ch);
    }

    /** Whether the text has at least {@code min} code points that are not whitespace. */
    static boolean hasVisibleCharacters(String text, int min) {
        if (min <= 0) {
            return true;
        }
        int seen = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isWhitespace(cp) && ++seen >= min) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSourceLink(List<String> links) {
        for (String link : links) {
            if (link.startsWith("http://") || link.startsWith("https://")) {
                return true;
            }
        }
        return false;
    }

    private static int compare(long sec1, int nano1, long sec2, int nano2) {
        int c = Long.compare(sec1, sec2);
        return c != 0 ? c : Integer.compare(nano1, nano2);
    }

    // ---------------------------------------------------------------------------------------------
    // State

    /** A post id: its current version (once one arrived) and its latest moderation (applied or waiting). */
    private static final class PostState {
        MemberState owner; // null while only a moderation has arrived
        long stampSec;
        int stampNano;
        int day;
        boolean automatic;
        long campaignTags;
        ModerationAction moderation;
        long modSec;
        int modNano;

        boolean isHighQuality() {
            if (moderation == ModerationAction.FEATURE) {
                return true;
            }
            return moderation != ModerationAction.REJECT && automatic;
        }
    }

    /** One member: decided campaigns and a day cell per touched day, in sorted 32-day chunks. */
    private static final class MemberState {
        final String id;
        final boolean[] decided;
        int[] keys = new int[2];
        int[][] chunks = new int[2][];
        int size;
        int last = -1;

        MemberState(String id, int campaigns) {
            this.id = id;
            this.decided = new boolean[campaigns];
        }

        int get(int day) {
            int i = find(day >> 5);
            return i < 0 ? 0 : chunks[i][day & 31];
        }

        /** {@code prefix[i]} = how many of the days {@code from .. from + i - 1} count, for i in 0..span. */
        void countPrefix(int from, int span, int[] prefix) {
            prefix[0] = 0;
            int[] chunk = null;
            int chunkKey = Integer.MIN_VALUE;
            for (int i = 0; i < span; i++) {
                int day = from + i;
                if (day >> 5 != chunkKey || i == 0) {
                    chunkKey = day >> 5;
                    int c = find(chunkKey);
                    chunk = c < 0 ? null : chunks[c];
                }
                prefix[i + 1] = prefix[i] + (chunk != null && isCounted(chunk[day & 31]) ? 1 : 0);
            }
        }

        void set(int day, int cell) {
            int key = day >> 5;
            int i = find(key);
            if (i < 0) {
                i = -i - 1;
                if (size == keys.length) {
                    keys = Arrays.copyOf(keys, size * 2);
                    chunks = Arrays.copyOf(chunks, size * 2);
                }
                System.arraycopy(keys, i, keys, i + 1, size - i);
                System.arraycopy(chunks, i, chunks, i + 1, size - i);
                keys[i] = key;
                chunks[i] = new int[32];
                size++;
                last = i;
            }
            chunks[i][day & 31] = cell;
        }

        /** Index of the chunk, or {@code -(insertion point) - 1}. */
        private int find(int key) {
            if (last >= 0 && last < size && keys[last] == key) {
                return last;
            }
            int i;
            if (size <= 8) { // the usual case: a member active for a few months
                i = 0;
                while (i < size && keys[i] < key) {
                    i++;
                }
                i = i < size && keys[i] == key ? i : -i - 1;
            } else {
                i = Arrays.binarySearch(keys, 0, size, key);
            }
            if (i >= 0) {
                last = i;
            }
            return i;
        }
    }

    /**
     * Community epoch day of an instant: the local epoch day in the community zone (caching the offset
     * between transitions), or, when days start {@code start} seconds after midnight, the latest day whose
     * start is not after the instant, a day starting at the first instant whose wall clock reads its date
     * at {@code start} or later (worked out here from the zone's offsets and transitions alone).
     */
    private static final class DayOf {
        private final ZoneRules rules;
        private final int start;
        private final int fixed;
        private long validFrom = Long.MAX_VALUE;
        private long validUntil = Long.MIN_VALUE;
        private int offset;

        DayOf(ZoneRules rules, int start) {
            this.rules = rules;
            this.start = start;
            this.fixed = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : Integer.MIN_VALUE;
        }

        int epochDay(OffsetDateTime t) {
            if (start == 0) {
                return calendarDay(t);
            }
            long sec = t.toEpochSecond();
            long day = calendarDay(t);
            while (sec < startOf(day)) {
                day--;
            }
            while (sec >= startOf(day + 1)) {
                day++;
            }
            return (int) day;
        }

        /**
         * The first epoch second whose wall clock (second + offset) reaches {@code day}'s start: walked
         * from two days before through the stretches of constant offset between transitions.
         */
        private long startOf(long day) {
            long target = day * 86_400L + start;
            long from = target - 2 * 86_400L;
            while (true) {
                Instant at = Instant.ofEpochSecond(from);
                int offset = rules.getOffset(at).getTotalSeconds();
                ZoneOffsetTransition next = rules.nextTransition(at);
                long until = next == null ? Long.MAX_VALUE : next.toEpochSecond();
                long first = Math.max(from, target - offset);
                if (first < until) {
                    return first;
                }
                from = until;
            }
        }

        private int calendarDay(OffsetDateTime t) {
            long sec = t.toEpochSecond();
            int off;
            if (fixed != Integer.MIN_VALUE) {
                off = fixed;
            } else if (sec >= validFrom && sec < validUntil) {
                off = offset;
            } else {
                Instant instant = Instant.ofEpochSecond(sec);
                ZoneOffset o = rules.getOffset(instant);
                ZoneOffsetTransition next = rules.nextTransition(instant);
                ZoneOffsetTransition previous = rules.previousTransition(instant.plusSeconds(1));
                validFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
                validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
                if (sec < validFrom || sec >= validUntil) { // defensive: never cache a range that misses sec
                    validFrom = sec;
                    validUntil = sec + 1;
                }
                offset = o.getTotalSeconds();
                off = offset;
            }
            return (int) Math.floorDiv(sec + off, 86_400L);
        }
    }
}
