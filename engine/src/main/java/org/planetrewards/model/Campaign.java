package org.planetrewards.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A campaign (a setting). {@code kind} says which rule file decides it: the file that declares the kind
 * (see the authoring guide, "Campaign kinds"), which also says which of {@code days}, {@code window} and
 * {@code tag} the kind needs and what they mean. A parameter the settings leave out is 0 or {@code null}.
 *
 * @param days        a number of days, for kinds that count days
 * @param window      a number of calendar days, for kinds that look at a window of them
 * @param tag         a community tag's id, for kinds about tagged posts
 * @param activeFrom  the first community-local day that counts for the campaign, inclusive; {@code null}: no start
 * @param activeUntil the last community-local day that counts for the campaign, inclusive; {@code null}: no end
 * @param graceDays   how many calendar days a run may miss in all, for kinds that count runs; 0: none
 * @param levels      the campaign's levels, lowest first; empty: one reward for {@code days} ({@link #tiers()})
 * @param repeat      how the campaign repeats: {@code null} (won once), {@code "monthly"}, {@code "weekly"},
 *                    {@code "every N days"} or {@code "after-reward"} ({@link #seasons})
 * @param revocableFor for how many days after a decision it is revoked when its condition stops holding; 0: never
 */
public record Campaign(String id, String kind, String reward, int days, int window, String tag,
                       LocalDate activeFrom, LocalDate activeUntil, int graceDays, List<Level> levels,
                       String repeat, int revocableFor) {
    /** The repeat that starts a new season after each won run. */
    public static final String AFTER_REWARD = "after-reward";
    /** Where "every N days" seasons are counted from when the campaign has no {@code activeFrom}: a Monday. */
    private static final LocalDate EVERY_N_DAYS_FROM = LocalDate.of(2024, 1, 1);

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reward, "reward");
        levels = levels == null ? List.of() : List.copyOf(levels);
        if (repeat != null && !repeat.equals("monthly") && !repeat.equals("weekly") && !repeat.equals(AFTER_REWARD) && everyDays(repeat) < 0) {
            throw new IllegalArgumentException("repeat \"" + repeat + "\" is none of \"monthly\", \"weekly\", \"every N days\", \"after-reward\"");
        }
    }

    /** A campaign active on every day (no {@code activeFrom}, no {@code activeUntil}). */
    public Campaign(String id, String kind, String reward, int days, int window, String tag) {
        this(id, kind, reward, days, window, tag, null, null);
    }

    /** A campaign without grace days, levels, repeat or revocation. */
    public Campaign(String id, String kind, String reward, int days, int window, String tag,
                    LocalDate activeFrom, LocalDate activeUntil) {
        this(id, kind, reward, days, window, tag, activeFrom, activeUntil, 0, List.of(), null, 0);
    }

    /** This campaign, counting only the days from {@code from} to {@code until}, both inclusive ({@code null}: open). */
    public Campaign withActivePeriod(LocalDate from, LocalDate until) {
        return new Campaign(id, kind, reward, days, window, tag, from, until, graceDays, levels, repeat, revocableFor);
    }

    /** This campaign with the mechanics of the settings' awarding keys. */
    public Campaign withAwarding(int graceDays, List<Level> levels, String repeat, int revocableFor) {
        return new Campaign(id, kind, reward, days, window, tag, activeFrom, activeUntil, graceDays, levels, repeat, revocableFor);
    }

    /**
     * What can be won, lowest first: the levels, or, for a campaign without levels, one nameless level of
     * {@code days} winning {@code reward}. Rules read it as {@code $level : Level( ) from $c.tiers()}.
     */
    public List<Level> tiers() {
        return levels.isEmpty() ? List.of(new Level("", days, reward)) : levels;
    }

    /** The lowest level that {@code count} has not reached, or the top level when it reached them all: what progress aims at. */
    public Level nextTier(int count) {
        for (Level l : tiers()) {
            if (count < l.days()) {
                return l;
            }
        }
        return tiers().get(tiers().size() - 1);
    }

    /** Whether a member can win this campaign more than once: by repeat, or by levels. */
    public boolean awardsMoreThanOnce() {
        return repeat != null || levels.size() > 1;
    }

    /**
     * The member's active counted days, split into the campaign's seasons, in date order; every season
     * holds at least one day except the open one after the last won run (for {@code "after-reward"}).
     * Without repeat: one nameless season with all the active days. Calendar seasons are months
     * ("2026-03"), ISO weeks from Monday ("2026-W10") or runs of N days named by their first day,
     * counted from {@code activeFrom} (or from Monday 2024-01-01). With {@code "after-reward"} a season
     * ends on the last day of the first run of the top level's days (missing at most {@code graceDays})
     * in it, and the next starts the day after: streak-1, streak-2...
     * Rules read it as {@code $season : Season( ) from $c.seasons( $counted )}.
     */
    public List<Season> seasons(Collection<LocalDate> counted) {
        List<LocalDate> active = sortedActive(counted);
        if (repeat == null) {
            return List.of(new Season("", activeFrom, active));
        }
        if (repeat.equals(AFTER_REWARD)) {
            return streaks(active);
        }
        java.util.Map<String, List<LocalDate>> byKey = new java.util.LinkedHashMap<>();
        java.util.Map<String, LocalDate> starts = new java.util.HashMap<>();
        for (LocalDate day : active) {
            LocalDate from = seasonStart(day);
            String key = seasonKey(from);
            starts.putIfAbsent(key, from);
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(day);
        }
        List<Season> out = new ArrayList<>(byKey.size());
        byKey.forEach((key, days) -> out.add(new Season(key, starts.get(key), days)));
        return out;
    }

    /**
     * The season {@code day} falls in, with the member's active counted days in it (maybe none): where
     * progress on that day counts from. Rules read it as {@code $season : Season( ) from $c.seasonOn( $counted, $day )}.
     */
    public Season seasonOn(Collection<LocalDate> counted, LocalDate day) {
        if (repeat == null) {
            return new Season("", activeFrom, sortedActive(counted));
        }
        if (repeat.equals(AFTER_REWARD)) {
            List<Season> all = streaks(sortedActive(counted));
            Season on = all.get(0);
            for (Season s : all) {
                if (s.from() == null || !s.from().isAfter(day)) {
                    on = s;
                }
            }
            return on;
        }
        LocalDate from = seasonStart(day);
        List<LocalDate> in = new ArrayList<>();
        for (LocalDate d : sortedActive(counted)) {
            if (seasonStart(d).equals(from)) {
                in.add(d);
            }
        }
        return new Season(seasonKey(from), from, in);
    }

    private List<Season> streaks(List<LocalDate> active) {
        int top = tiers().get(tiers().size() - 1).days();
        List<Season> out = new ArrayList<>();
        int start = 0;
        LocalDate from = active.isEmpty() ? activeFrom : active.get(0);
        while (true) {
            List<LocalDate> rest = active.subList(start, active.size());
            List<DayRun> won = DayRun.firstRun(rest, top, graceDays);
            if (won.isEmpty()) {
                out.add(new Season("streak-" + (out.size() + 1), from, rest));
                return out;
            }
            LocalDate last = won.get(0).last();
            int end = start + rest.indexOf(last) + 1;
            out.add(new Season("streak-" + (out.size() + 1), from, active.subList(start, end)));
            start = end;
            from = last.plusDays(1);
        }
    }

    private LocalDate seasonStart(LocalDate day) {
        if (repeat.equals("monthly")) {
            return day.withDayOfMonth(1);
        }
        if (repeat.equals("weekly")) {
            return day.minusDays(day.getDayOfWeek().getValue() - 1L);
        }
        int n = everyDays(repeat);
        LocalDate anchor = activeFrom != null ? activeFrom : EVERY_N_DAYS_FROM;
        long index = Math.floorDiv(java.time.temporal.ChronoUnit.DAYS.between(anchor, day), n);
        return anchor.plusDays(index * n);
    }

    private String seasonKey(LocalDate from) {
        if (repeat.equals("monthly")) {
            return from.toString().substring(0, 7);
        }
        if (repeat.equals("weekly")) {
            int week = from.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            return from.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR) + "-W" + (week < 10 ? "0" : "") + week;
        }
        return from.toString();
    }

    /**
     * N of an "every N days" repeat, or -1 when {@code repeat} is not one: "monthly", "weekly",
     * "after-reward" and "every N days" (N at least 1) are the forms the settings take.
     */
    public static int everyDays(String repeat) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("every ([1-9][0-9]{0,3}) days?").matcher(repeat);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private List<LocalDate> sortedActive(Collection<LocalDate> counted) {
        List<LocalDate> active = activeDays(counted);
        if (isSortedDistinct(active)) {
            return active;
        }
        return new ArrayList<>(new java.util.TreeSet<>(active));
    }

    private static boolean isSortedDistinct(List<LocalDate> list) {
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i - 1).compareTo(list.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a community-local day counts for this campaign: it lies between {@code activeFrom} and
     * {@code activeUntil}, both inclusive. Always true for a campaign without them. Campaign rules
     * read it as {@code CountedDay( ..., $campaign.isActiveOn( day ) )}.
     */
    public boolean isActiveOn(LocalDate day) {
        return (activeFrom == null || !day.isBefore(activeFrom)) && (activeUntil == null || !day.isAfter(activeUntil));
    }

    /**
     * The days among {@code days} that count for this campaign ({@link #isActiveOn}), in their order.
     * Campaign rules read it as {@code DayRun.firstRun( $campaign.activeDays( $counted ), ... )}.
     */
    public List<LocalDate> activeDays(Collection<LocalDate> days) {
        if (activeFrom == null && activeUntil == null) {
            return days instanceof List<LocalDate> list ? list : List.copyOf(days);
        }
        List<LocalDate> active = new ArrayList<>(days.size());
        for (LocalDate day : days) {
            if (isActiveOn(day)) {
                active.add(day);
            }
        }
        return active;
    }
}
