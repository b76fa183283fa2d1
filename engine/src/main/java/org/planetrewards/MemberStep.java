package org.planetrewards;

import org.planetrewards.MemberState.Day;
import org.planetrewards.model.CountedDay;
import org.planetrewards.model.CountedDays;
import org.planetrewards.model.Member;
import org.planetrewards.model.Progress;
import org.planetrewards.model.Qualification;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The member step: when what any of a member's days keeps changed, a {@link Member} fact, the member's
 * counted days gathered into one {@link CountedDays} fact and everything else the days keep go into a
 * session — each only if some rule looks at it ({@link CompiledRules#matches}) — and the campaign rules
 * over days judge them.
 */
final class MemberStep {
    private final CompiledRules rules;

    MemberStep(CompiledRules rules) {
        this.rules = rules;
    }

    /**
     * Evaluates the member; returns the qualifications the rules derived.
     *
     * @param pending what each day keeps, when it is not yet in the days (a rebuild); null: the days' own
     */
    List<Qualification> evaluate(RuleSession on, MemberState m, Map<Day, List<Object>> pending) {
        List<Object> in = inputs(m, pending);
        if (in.isEmpty()) {
            return List.of();
        }
        List<Qualification> out = new ArrayList<>(2);
        for (Object o : on.evaluate(in)) {
            if (o instanceof Qualification q) {
                out.add(q);
            }
        }
        return out;
    }

    /**
     * What the member step takes in for the member: empty when no rule looks at any of it.
     *
     * @param pending what each day keeps, when it is not yet in the days (a rebuild); null: the days' own
     */
    List<Object> inputs(MemberState m, Map<Day, List<Object>> pending) {
        List<Object> in = new ArrayList<>(2);
        if (rules.matches(Member.class)) {
            in.add(new Member(m.id));
        }
        boolean gather = rules.matches(CountedDays.class);
        List<LocalDate> counted;
        if (pending == null && m.others == 0 && !rules.matches(CountedDay.class)) {
            counted = gather ? distinct(m.counted) : List.of(); // only counted days are kept, and none goes in by itself
        } else {
            java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>();
            for (Day d : m.days()) {
                List<Object> kept = pending == null ? null : pending.get(d);
                for (Object o : kept != null ? kept : d.carried(m.id)) {
                    if (o instanceof CountedDay c) {
                        days.add(c.day());
                    }
                    if (rules.matches(o.getClass())) {
                        in.add(o);
                    }
                }
            }
            counted = List.copyOf(days);
        }
        if (gather) {
            in.add(new CountedDays(m.id, counted));
        }
        return in;
    }

    /**
     * The member's counted days, each once, as the immutable list {@link CountedDays} keeps: copied once,
     * not gathered into a growing list and copied again, on every member step.
     *
     * @param sorted in date order, a day perhaps more than once (two days that keep a counted day of one date)
     */
    private static List<LocalDate> distinct(List<LocalDate> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).equals(sorted.get(i - 1))) {
                List<LocalDate> once = new ArrayList<>(sorted.size() - 1);
                for (LocalDate day : sorted) {
                    if (once.isEmpty() || !once.get(once.size() - 1).equals(day)) {
                        once.add(day);
                    }
                }
                return once;
            }
        }
        return List.copyOf(sorted);
    }

    /**
     * What the member step takes in for an explanation, from what the day step derived from all the
     * member's days at once (details included): the same facts {@link #evaluate} puts in while facts are applied.
     *
     * @param counted the member's counted days, in date order
     */
    List<Object> inputs(String member, List<Object> daysDerived, List<LocalDate> counted) {
        List<Object> memberIn = new ArrayList<>();
        if (rules.matches(Member.class)) {
            memberIn.add(new Member(member));
        }
        for (Object o : daysDerived) {
            if (!(o instanceof Qualification) && !(o instanceof Progress) && !DayStep.POST_FACTS.contains(o.getClass())
                    && rules.matches(o.getClass())) {
                memberIn.add(o);
            }
        }
        if (rules.matches(CountedDays.class)) {
            memberIn.add(new CountedDays(member, counted));
        }
        return memberIn;
    }
}
