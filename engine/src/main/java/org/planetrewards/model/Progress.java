package org.planetrewards.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Derived: where a member stands in a campaign, as the campaign's own rule file measures it on the
 * {@link AsOf} day. Progress, explanations and the report show these facts and never compute a measure
 * of their own, so a rule edit changes what members are told at once. A rule file derives at most one per
 * member and campaign, with {@code insertLogical}.
 *
 * @param count      how much the member has towards the campaign (counted days in a row, counted days in
 *                   a window, tagged posts...)
 * @param target     how much wins it
 * @param measure    what {@code count} counts, in the rule's fixed words ("counted days in a row"), or the key of
 *                   {@code text} when the rule names a sentence of the pack's message files
 * @param from       the first day {@code count} covers, or {@code null} when it covers none
 * @param to         the last day {@code count} covers, or {@code null}
 * @param evidence   the days that make up {@code count}, in date order
 * @param nextNeeded the next day on which a counted day (or whatever the campaign counts) moves the member
 *                   on; {@code null} when no day can any more (the campaign ended) or no single day matters
 * @param winsOn     the earliest day the member can win, doing what {@code nextNeeded} asks on every day
 *                   from then on; {@code null} when no day can win any more, or no date can be told
 * @param text       what {@code count} counts as a sentence of the pack's message files ({@code measure.in-a-row}),
 *                   so it reads in every language; {@code null} when the rule gives fixed words
 */
public record Progress(String member, String campaign, int count, int target, String measure, LocalDate from,
                       LocalDate to, List<LocalDate> evidence, LocalDate nextNeeded, LocalDate winsOn, Text text) {
    public Progress {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(measure, "measure");
        evidence = List.copyOf(evidence);
    }

    /** Progress whose measure is in fixed words. */
    public Progress(String member, String campaign, int count, int target, String measure, LocalDate from,
                    LocalDate to, List<LocalDate> evidence, LocalDate nextNeeded, LocalDate winsOn) {
        this(member, campaign, count, target, measure, from, to, evidence, nextNeeded, winsOn, null);
    }

    /** As {@link #of(String, Campaign, int, String, DayRun, LocalDate, LocalDate)}, the measure a sentence of the message files. */
    public static Progress of(String member, Campaign c, int target, Text measure, DayRun evidence,
                              LocalDate nextNeeded, LocalDate winsOn) {
        return of(member, c, evidence.size(), target, measure, evidence.isEmpty() ? null : evidence.first(),
                evidence.isEmpty() ? null : evidence.last(), evidence, nextNeeded, winsOn);
    }

    /** As {@link #of(String, Campaign, int, int, String, LocalDate, LocalDate, DayRun, LocalDate, LocalDate)}, the measure a sentence. */
    public static Progress of(String member, Campaign c, int count, int target, Text measure, LocalDate from,
                              LocalDate to, DayRun evidence, LocalDate nextNeeded, LocalDate winsOn) {
        return within(member, c, count, target, measure.key(), measure, from, to, evidence, nextNeeded, winsOn);
    }

    /**
     * Progress in {@code c} counting the days of {@code evidence}, which also gives {@code from} and
     * {@code to}. The campaign's active period is respected: a {@code nextNeeded} before it starts moves to
     * its first day (and {@code winsOn} with it); when {@code winsOn} falls after it ends, no day can win
     * any more and both are {@code null}.
     */
    public static Progress of(String member, Campaign c, int target, String measure, DayRun evidence,
                              LocalDate nextNeeded, LocalDate winsOn) {
        return of(member, c, evidence.size(), target, measure, evidence.isEmpty() ? null : evidence.first(),
                evidence.isEmpty() ? null : evidence.last(), evidence, nextNeeded, winsOn);
    }

    /** As {@link #of(String, Campaign, int, String, DayRun, LocalDate, LocalDate)}, with the span given. */
    public static Progress of(String member, Campaign c, int count, int target, String measure, LocalDate from,
                              LocalDate to, DayRun evidence, LocalDate nextNeeded, LocalDate winsOn) {
        return within(member, c, count, target, measure, null, from, to, evidence, nextNeeded, winsOn);
    }

    /** The progress, with {@code nextNeeded} and {@code winsOn} moved into the campaign's active period. */
    private static Progress within(String member, Campaign c, int count, int target, String measure, Text text,
                                   LocalDate from, LocalDate to, DayRun evidence, LocalDate nextNeeded, LocalDate winsOn) {
        LocalDate next = nextNeeded;
        LocalDate wins = winsOn;
        if (next != null && c.activeFrom() != null && next.isBefore(c.activeFrom())) {
            long shift = java.time.temporal.ChronoUnit.DAYS.between(next, c.activeFrom());
            next = c.activeFrom();
            wins = wins == null ? null : wins.plusDays(shift);
        }
        if (c.activeUntil() != null && (wins != null && wins.isAfter(c.activeUntil())
                || next != null && next.isAfter(c.activeUntil()))) {
            next = null;
            wins = null;
        }
        return new Progress(member, c.id(), count, target, measure, from, to, evidence.days(), next, wins, text);
    }
}
