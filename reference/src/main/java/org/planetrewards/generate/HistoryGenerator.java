package org.planetrewards.generate;

import org.planetrewards.CheckIn;
import org.planetrewards.Fact;
import org.planetrewards.Moderation;
import org.planetrewards.Post;
import org.planetrewards.model.ModerationAction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Generates a realistic fact history (docs/history-format.md) for the seed community: {@code members} members over
 * {@code days} days from 2026-03-01 (Asia/Shanghai).
 *
 * <p>What it contains: members whose activity varies (a few devoted daily posters who win streaks,
 * regulars, many occasional visitors, night owls around local midnight), facts stamped in +08:00, in
 * {@code Z} and now and then in another offset, every spelling of the six default tags and unknown
 * tags, short, borderline (48–52 visible characters) and long texts in Chinese and English (with
 * ideographic spaces, newlines and emoji), deep-dives with and without an http(s) source, member
 * stories, edits ({@code editedAt} later), moderation (feature, reject, restore; some arriving before
 * their post, a few for posts that never come), late arrivals, duplicated lines, unknown fields and
 * the odd blank line.
 *
 * <p>Streaming: facts are generated day by day and emitted in arrival order through a queue that
 * holds only what is not due yet (about one day of facts plus the late ones), so 100,000 members ×
 * 60 days needs no more memory than one day of them. Deterministic: the same arguments give the same
 * bytes on every machine (its own SplitMix64 generator, one stream per member and day; no hash
 * iteration order, no wall clock). A member's activity depends only on the seed, its index and the
 * day, not on how many members there are.
 */
public final class HistoryGenerator {
    public static final LocalDate START = LocalDate.of(2026, 3, 1);
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final ZoneOffset LOCAL = ZoneOffset.ofHours(8); // Asia/Shanghai has no DST
    private static final ZoneOffset[] TRAVEL = {ZoneOffset.ofHours(9), ZoneOffset.ofHours(-5), ZoneOffset.ofHoursMinutes(5, 30)};

    /** Every spelling of the six default tags that docs/default-rules.md says must match. */
    static final String[][] TAG_SPELLINGS = {
            spellings("news", "新闻", "News", "NEWS"),
            spellings("resources", "资源", "Resources", "RESOURCES"),
            spellings("tricks", "玩法", "Tricks", "TRICKS"),
            spellings("deep-dive", "深度", "Deep-Dive", "DEEP-DIVE"),
            spellings("applications", "应用", "Applications", "APPLICATIONS"),
            spellings("member-story", "球友故事", "Member-Story", "MEMBER-STORY"),
    };
    private static final int DEEP_DIVE = 3;
    private static final int MEMBER_STORY = 5;
    /** Tags that name no community tag (full-width ＃ is not a '#', an inner space is not trimmed). */
    static final String[] UNKNOWN_TAGS = {"other", "闲聊", "AI", "#chatgpt#", "提问", "新闻资讯", "deepdive",
            "深 度", "＃深度", "【求助】", "gpt-4o", "#", ""};
    private static final String[] SOURCES = {"https://openai.com/research/gpt-4", "https://platform.openai.com/docs",
            "http://arxiv.org/abs/2303.08774", "https://help.openai.com/en/articles/6825453",
            "https://github.com/openai/openai-cookbook"};
    /** Links that are not an http(s) source. */
    private static final String[] NOT_SOURCES = {"www.openai.com", "openai.com/blog", "ftp://example.org/paper.pdf",
            "mailto:someone@example.com", "HTTPS://OPENAI.COM/BLOG", "见评论区"};
    private static final String CJK = "我们今天用模型做了一个小工具提示词数据推理训练应用资源新闻玩法深度分析官方文档"
            + "开源项目体验记录总结对比效果问题回答学习写作翻译代码图片语音插件接口价格速度质量社区球友故事认识";
    private static final String CJK_PUNCT = "，。！？、：；（）“”";
    private static final String[] WORDS = {"ChatGPT", "prompt", "model", "the", "a", "tool", "I", "used", "it", "to",
            "write", "code", "summary", "of", "paper", "API", "key", "plugin", "trick", "with", "and", "how", "met",
            "first", "time", "news", "release", "open-source", "project", "source", "official", "data", "analysis"};
    private static final String[] EMOJI = {"🚀", "🤖", "👍", "🎉", "📚"};
    private static final String[] BLANKS = {" ", " ", " ", "\n", "\u3000", "\t", "  "};

    /**
     * How busy the community is. {@link #QUIET} is a community between campaigns: most members visit now and
     * then. {@link #DENSE} is one in the middle of a check-in campaign: most members check in and post every
     * day, one or two posts, with fewer moderations (about 1% of posts); late, repeated and edited facts as in
     * the quiet profile. A quiet history of 10,000 members over 60 days has about 320,000 facts, a dense one
     * about 1.1 million.
     */
    public enum Density { QUIET, DENSE }

    private final long seed;
    private final int members;
    private final int days;
    private final Density density;

    public HistoryGenerator(long seed, int members, int days) {
        this(seed, members, days, Density.QUIET);
    }

    public HistoryGenerator(long seed, int members, int days, Density density) {
        if (members < 0 || days < 0) {
            throw new IllegalArgumentException("members and days must not be negative");
        }
        this.seed = seed;
        this.members = members;
        this.days = days;
        this.density = java.util.Objects.requireNonNull(density, "density");
    }

    /** Writes the history as JSON Lines (docs/history-format.md), streaming. The writer is flushed, not closed. */
    public void write(Writer out) throws IOException {
        StringBuilder line = new StringBuilder(512);
        try {
            run(entry -> {
                line.setLength(0);
                if (entry.blankBefore) {
                    line.append('\n');
                }
                FactJson.append(line, entry.fact, entry.extraField);
                line.append('\n');
                try {
                    out.append(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    /** Hands the same facts that {@link #write} writes to {@code sink}, in the same order, without JSON. */
    public void generate(Consumer<? super Fact> sink) {
        run(entry -> sink.accept(entry.fact));
    }

    /** Every fact in a list: for small histories in tests. */
    public List<Fact> facts() {
        List<Fact> out = new ArrayList<>();
        generate(out::add);
        return out;
    }

    // ---------------------------------------------------------------------------------------------

    /** A line waiting to be emitted. */
    private static final class Entry implements Comparable<Entry> {
        final long emitAt; // epoch second of arrival
        final long seq;    // generation order, breaks ties deterministically
        final Fact fact;
        final boolean extraField;
        final boolean blankBefore;

        Entry(long emitAt, long seq, Fact fact, boolean extraField, boolean blankBefore) {
            this.emitAt = emitAt;
            this.seq = seq;
            this.fact = fact;
            this.extraField = extraField;
            this.blankBefore = blankBefore;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(emitAt, o.emitAt);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** Emission state of one run. */
    private final class Run {
        final PriorityQueue<Entry> queue = new PriorityQueue<>();
        final Consumer<Entry> sink;
        long seq;
        Rng rng; // the current member-day's stream

        Run(Consumer<Entry> sink) {
            this.sink = sink;
        }

        /** Queues a fact arriving at {@code arrival}; sometimes late, sometimes twice. */
        void emit(Fact fact, long arrival) {
            long at = arrival;
            if (rng.chance(0.01)) {
                at += rng.between(30 * 60, 48 * 3600); // a late arrival
            }
            boolean extraField = rng.chance(0.03);
            queue.add(new Entry(at, seq++, fact, extraField, rng.chance(0.0005)));
            if (rng.chance(0.01)) { // delivered twice: the same line again
                queue.add(new Entry(at + rng.between(0, 36 * 3600), seq++, fact, extraField, false));
            }
        }

        void flushBefore(long epochSecond) {
            while (!queue.isEmpty() && queue.peek().emitAt < epochSecond) {
                sink.accept(queue.poll());
            }
        }
    }

    private void run(Consumer<Entry> sink) {
        Run run = new Run(sink);
        Profile[] profiles = new Profile[members];
        for (int m = 0; m < members; m++) {
            profiles[m] = profile(m);
        }
        for (int d = 0; d < days; d++) {
            long dayStart = START.plusDays(d).atStartOfDay(ZONE).toEpochSecond();
            for (int m = 0; m < members; m++) {
                Profile p = profiles[m];
                run.rng = new Rng(mix(seed, m, d));
                memberDay(run, p, d, dayStart);
            }
            // Everything generated from now on happens at or after the next local midnight.
            run.flushBefore(dayStart + 86_400);
        }
        run.flushBefore(Long.MAX_VALUE);
    }

    /** What kind of member this is; fixed for the whole history. */
    private record Profile(String id, double active, double checkIn, double post, double good, boolean nightOwl,
                           double utc, double english, int storyDay, boolean storyGood) {
    }

    private Profile profile(int m) {
        Rng r = new Rng(mix(seed, m, -1));
        double kind = r.nextDouble();
        if (density == Density.DENSE) {
            return denseProfile(m, r, kind);
        }
        double active;
        double checkIn;
        double post;
        double good;
        if (kind < 0.05) {         // devoted: checks in and posts good content nearly every day
            active = 0.97 + 0.03 * r.nextDouble();
            checkIn = 0.98 + 0.02 * r.nextDouble();
            post = 0.97 + 0.03 * r.nextDouble();
            good = 0.93 + 0.07 * r.nextDouble();
        } else if (kind < 0.25) {  // regular
            active = 0.4 + 0.45 * r.nextDouble();
            checkIn = 0.7 + 0.25 * r.nextDouble();
            post = 0.6 + 0.3 * r.nextDouble();
            good = 0.6 + 0.35 * r.nextDouble();
        } else {                   // occasional
            active = 0.03 + 0.22 * r.nextDouble();
            checkIn = 0.4 + 0.5 * r.nextDouble();
            post = 0.3 + 0.5 * r.nextDouble();
            good = 0.3 + 0.5 * r.nextDouble();
        }
        boolean nightOwl = r.chance(kind < 0.05 ? 0.05 : 0.15);
        double utc = r.chance(0.1) ? 0.8 : 0.05;
        double english = r.chance(0.3) ? 0.8 : 0.15;
        int storyDay = r.chance(0.55) ? r.nextInt(Math.max(1, Math.min(days, 14))) : -1;
        return new Profile("m" + m, active, checkIn, post, good, nightOwl, utc, english, storyDay, r.chance(0.8));
    }

    /** A member during a busy campaign: nearly everyone shows up nearly every day. */
    private Profile denseProfile(int m, Rng r, double kind) {
        double active = kind < 0.9 ? 0.9 + 0.1 * r.nextDouble() : 0.5 + 0.3 * r.nextDouble();
        double checkIn = 0.9 + 0.1 * r.nextDouble();
        double post = 0.9 + 0.1 * r.nextDouble();
        double good = 0.75 + 0.25 * r.nextDouble();
        boolean nightOwl = r.chance(0.1);
        double utc = r.chance(0.1) ? 0.8 : 0.05;
        double english = r.chance(0.3) ? 0.8 : 0.15;
        int storyDay = r.chance(0.55) ? r.nextInt(Math.max(1, Math.min(days, 14))) : -1;
        return new Profile("m" + m, active, checkIn, post, good, nightOwl, utc, english, storyDay, r.chance(0.8));
    }

    private void memberDay(Run run, Profile p, int d, long dayStart) {
        Rng r = run.rng;
        boolean story = d == p.storyDay;
        if (!story && !r.chance(p.active)) {
            return; // most members are quiet most days
        }
        if (r.chance(p.checkIn)) {
            long at = dayStart + timeOfDay(r, p.nightOwl, true);
            run.emit(new CheckIn(p.id, stamp(r, p, at)), at);
        }
        int posts = story ? 1 : 0;
        if (r.chance(p.post)) {
            posts += density == Density.DENSE ? (r.chance(0.7) ? 1 : 2) : r.chance(0.8) ? 1 : r.chance(0.7) ? 2 : 3;
        }
        double moderated = density == Density.DENSE ? 0.01 : 0.06;
        for (int k = 0; k < posts; k++) {
            boolean isStory = story && k == 0;
            long at = dayStart + timeOfDay(r, p.nightOwl, false);
            String id = p.id + "-" + d + "-" + k;
            Content c = isStory ? storyContent(r, p) : content(r, p, r.chance(p.good));
            Post first = new Post(id, p.id, stamp(r, p, at), c.text, c.tags, c.links);
            long arrival = at;
            // Moderation, sometimes arriving before the post itself.
            if (r.chance(moderated)) {
                long modAt = at + r.between(10 * 60, 36 * 3600);
                if (r.chance(0.3)) {
                    arrival = modAt + r.between(60, 6 * 3600);
                }
                ModerationAction action = r.chance(0.45) ? ModerationAction.REJECT
                        : r.chance(0.75) ? ModerationAction.FEATURE : ModerationAction.RESTORE;
                run.emit(new Moderation(id, action, stamp(r, p, modAt)), modAt);
                if (r.chance(0.3)) {
                    long again = modAt + r.between(3600, 24 * 3600);
                    ModerationAction next = action == ModerationAction.RESTORE ? ModerationAction.REJECT
                            : r.chance(0.6) ? ModerationAction.RESTORE
                            : action == ModerationAction.FEATURE ? ModerationAction.REJECT : ModerationAction.FEATURE;
                    run.emit(new Moderation(id, next, stamp(r, p, again)), again);
                }
            }
            run.emit(first, arrival);
            // An edit: a later version replaces the first one whole, usually fixing it.
            if (r.chance(0.07)) {
                long editedAt = at + r.between(120, 20 * 3600);
                Content e = r.chance(0.7) ? (isStory ? storyContent(r, p) : content(r, p, true)) : content(r, p, false);
                run.emit(new Post(id, p.id, first.at(), e.text, e.tags, e.links, stamp(r, p, editedAt)), editedAt);
            }
        }
        // Now and then a moderation for a post that never arrives.
        if (r.chance(0.002)) {
            long at = dayStart + timeOfDay(r, false, false);
            run.emit(new Moderation(p.id + "-gone-" + d, ModerationAction.FEATURE, stamp(r, p, at)), at);
        }
    }

    /** Seconds after local midnight; night owls straddle the next midnight (up to 01:30). */
    private static long timeOfDay(Rng r, boolean nightOwl, boolean checkIn) {
        long minute;
        if (nightOwl && r.chance(0.7)) {
            minute = 23 * 60 + r.nextInt(150) - 30;               // 22:30 .. 01:00 next day
        } else if (checkIn) {
            minute = r.chance(0.6) ? 6 * 60 + 30 + r.nextInt(240)  // morning
                    : r.nextInt(24 * 60);
        } else {
            minute = r.chance(0.7) ? 19 * 60 + r.nextInt(300)      // evening, up to 23:59
                    : r.nextInt(24 * 60);
        }
        return minute * 60 + (r.chance(0.1) ? r.nextInt(60) : 0);
    }

    /** The instant written in the member's habit: +08:00, Z, or a travel offset. */
    private static OffsetDateTime stamp(Rng r, Profile p, long epochSecond) {
        Instant i = Instant.ofEpochSecond(epochSecond);
        if (r.chance(p.utc)) {
            return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (r.chance(0.01)) {
            return OffsetDateTime.ofInstant(i, TRAVEL[r.nextInt(TRAVEL.length)]);
        }
        return OffsetDateTime.ofInstant(i, LOCAL);
    }

    // ---------------------------------------------------------------------------------------------
    // Content

    private record Content(String text, List<String> tags, List<String> links) {
    }

    private static Content content(Rng r, Profile p, boolean good) {
        List<String> tags = new ArrayList<>(3);
        List<String> links = new ArrayList<>(2);
        int visible;
        if (good) {
            visible = r.chance(0.1) ? 50 + r.nextInt(3) : 55 + r.nextInt(r.chance(0.8) ? 120 : 400);
            int tag = r.nextInt(5); // not member-story: stories come on their own day
            tags.add(spelling(r, tag));
            if (r.chance(0.2)) {
                tags.add(r.chance(0.5) ? UNKNOWN_TAGS[r.nextInt(UNKNOWN_TAGS.length)] : spelling(r, r.nextInt(5)));
            }
            if (tags.stream().anyMatch(HistoryGenerator::isDeepDive) || r.chance(0.3)) {
                links.add(SOURCES[r.nextInt(SOURCES.length)]);
                if (r.chance(0.2)) {
                    links.add(0, NOT_SOURCES[r.nextInt(NOT_SOURCES.length)]);
                }
            }
        } else {
            visible = 55 + r.nextInt(150);
            switch (r.nextInt(5)) {
                case 0 -> { // too short, sometimes just short
                    visible = r.chance(0.4) ? 45 + r.nextInt(5) : 3 + r.nextInt(45);
                    tags.add(spelling(r, r.nextInt(5)));
                }
                case 1 -> tags.add(UNKNOWN_TAGS[r.nextInt(UNKNOWN_TAGS.length)]);
                case 2 -> { } // no tags at all
                default -> { // a deep-dive without an http(s) source
                    tags.add(spelling(r, DEEP_DIVE));
                    if (r.chance(0.5)) {
                        links.add(NOT_SOURCES[r.nextInt(NOT_SOURCES.length)]);
                    }
                    if (r.chance(0.3)) {
                        tags.add(spelling(r, r.nextInt(5)));
                    }
                }
            }
        }
        return new Content(text(r, visible, r.chance(p.english)), tags, links);
    }

    private static Content storyContent(Rng r, Profile p) {
        List<String> tags = new ArrayList<>(2);
        tags.add(spelling(r, MEMBER_STORY));
        if (r.chance(0.3)) {
            tags.add(spelling(r, r.nextInt(5)));
        }
        List<String> links = new ArrayList<>(1);
        if (tags.stream().anyMatch(HistoryGenerator::isDeepDive) && r.chance(0.6)) {
            links.add(SOURCES[r.nextInt(SOURCES.length)]);
        }
        int visible = p.storyGood ? 60 + r.nextInt(300) : 10 + r.nextInt(45);
        return new Content(text(r, visible, r.chance(p.english)), tags, links);
    }

    private static boolean isDeepDive(String tag) {
        for (String s : TAG_SPELLINGS[DEEP_DIVE]) {
            if (s.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static String spelling(Rng r, int tag) {
        String[] s = TAG_SPELLINGS[tag];
        return s[r.nextInt(s.length)];
    }

    private static String[] spellings(String id, String label, String capitalised, String upper) {
        return new String[] {id, label, "#" + label + "#", "【" + label + "】", "#" + label, "#" + id, capitalised,
                upper, " " + label + " ", "#" + capitalised + "#", "【" + id + "】", "\t" + label};
    }

    /** A text with exactly {@code visible} non-whitespace code points, Chinese or English, with blanks and the odd emoji. */
    static String text(Rng r, int visible, boolean english) {
        StringBuilder sb = new StringBuilder(visible * 2);
        int count = 0;
        if (english) {
            while (count < visible) {
                if (count > 0) {
                    sb.append(r.chance(0.05) ? BLANKS[r.nextInt(BLANKS.length)] : " ");
                }
                String w = r.chance(0.03) ? EMOJI[r.nextInt(EMOJI.length)] : WORDS[r.nextInt(WORDS.length)];
                int cps = w.codePointCount(0, w.length());
                if (count + cps > visible) {
                    w = w.substring(0, w.offsetByCodePoints(0, visible - count));
                    cps = visible - count;
                }
                sb.append(w);
                count += cps;
            }
        } else {
            while (count < visible) {
                if (count > 0 && r.chance(0.04)) {
                    sb.append(BLANKS[r.nextInt(BLANKS.length)]);
                }
                if (r.chance(0.02)) {
                    sb.append(EMOJI[r.nextInt(EMOJI.length)]);
                } else if (r.chance(0.08)) {
                    sb.append(CJK_PUNCT.charAt(r.nextInt(CJK_PUNCT.length())));
                } else if (r.chance(0.03)) {
                    sb.append("GPT");
                    count += 3;
                    if (count > visible) {
                        sb.setLength(sb.length() - (count - visible));
                        count = visible;
                    }
                    continue;
                } else {
                    sb.append(CJK.charAt(r.nextInt(CJK.length())));
                }
                count++;
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------

    static long mix(long seed, long member, long day) {
        long z = seed * 0x9E3779B97F4A7C15L + member * 0xC2B2AE3D27D4EB4FL + day * 0x165667B19E3779F9L;
        return Rng.finish(z ^ (z >>> 29));
    }

    /** SplitMix64: small, fast and specified here, so output never depends on the JDK's generators. */
    static final class Rng {
        private long state;

        Rng(long seed) {
            this.state = seed;
        }

        long nextLong() {
            return finish(state += 0x9E3779B97F4A7C15L);
        }

        static long finish(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        int nextInt(int bound) {
            return (int) ((nextLong() >>> 1) % bound);
        }

        boolean chance(double p) {
            return nextDouble() < p;
        }

        long between(long min, long max) {
            return min + (nextLong() >>> 1) % (max - min + 1);
        }
    }
}
