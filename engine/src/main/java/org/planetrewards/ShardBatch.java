package org.planetrewards;

import org.planetrewards.MemberState.Day;
import org.planetrewards.model.Qualification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A replay's consecutive facts of one shard, each of a different member, through the rules together:
 * their changes applied to the stored facts, every changed day of them in one evaluation, every member
 * step in another ({@link RuleSession#evaluateBatch}), then each fact decided in file order as
 * {@link Shard} decides one alone. Drools' cost is mostly per evaluation, not per fact, so this is
 * where a busy replay's time goes down.
 *
 * <p>Exact or nothing: when the session cannot split what was derived by member, or a rule throws, or
 * the batch's one budget runs out, every change is undone in reverse order and the caller runs the
 * facts one at a time, so failures are reported on the line and with the message of a one-at-a-time
 * replay. A fact that changes two days of its member, or whose member has revocable decisions, ends the
 * batch before it (the caller runs it alone): evaluations never hold two days of one member, and
 * revocations read all of a member's days, which is the one-at-a-time path's business.
 */
final class ShardBatch {
    /** Facts per batch, measured: see docs/benchmarks-log.md, stop 13. */
    static final int SIZE = 16;

    /**
     * A fact ready for a batch: its member, its stamp, its change to the stored facts, and what it
     * returns when that change is none.
     */
    record Task(Fact fact, String member, OffsetDateTime stamp, BiFunction<ShardFacts, Settings, ShardFacts.Change> apply,
                List<Decision> unchanged) {
    }

    /**
     * The first {@code decisions.size()} facts ran (each fact's decisions, as alone); the rest were not
     * touched. An empty list after {@link #abandoned}: nothing ran, everything is as before.
     */
    record Result(List<List<Decision>> decisions, boolean abandoned) {
    }

    private final ShardFacts facts;
    private final DecidedCampaigns decided;
    private final DayStep dayStep;
    private final MemberStep memberStep;
    private final Decider decider;
    private final Settings settings;

    /** The changes applied so far, for the undo, in order. */
    private final List<ShardFacts.Change> applied = new ArrayList<>();
    /** Days whose kept facts this batch replaced, and what they kept before. */
    private final List<Day> carriedDays = new ArrayList<>();
    private final List<List<Object>> carriedBefore = new ArrayList<>();
    private final List<MemberState> carriedMembers = new ArrayList<>();
    /** The facts of the evaluation under way, one per group, for the watchdog; null between evaluations. */
    private volatile List<Run> evaluating;

    ShardBatch(ShardFacts facts, DecidedCampaigns decided, DayStep dayStep, MemberStep memberStep, Decider decider,
               Settings settings) {
        this.facts = facts;
        this.decided = decided;
        this.dayStep = dayStep;
        this.memberStep = memberStep;
        this.decider = decider;
        this.settings = settings;
    }

    /** What one fact of the batch brought about so far. */
    private static final class Run {
        final Task task;
        final ShardFacts.Change change;
        final List<Qualification> qualifications = new ArrayList<>(2);
        boolean memberChanged;

        Run(Task task, ShardFacts.Change change) {
            this.task = task;
            this.change = change;
            this.memberChanged = change != null && change.newMember();
        }
    }

    /**
     * Runs as many of {@code tasks} (members all distinct) as can go together; the caller holds the
     * shard and a budget for the batch.
     *
     * @throws RuntimeException or Error from the rules or the stored facts: the caller then calls {@link #undo}
     */
    Result run(RuleSession session, List<Task> tasks) {
        List<Run> runs = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            if (twice(runs, t.member()) || decided.decided.hasRevocable(t.member())) {
                break;
            }
            ShardFacts.Change change = t.apply().apply(facts, settings);
            if (change != null && !change.member().done && change.days().size() > 1) {
                change.undo().run(); // the last applied: undone first, as the reverse order wants
                break;
            }
            if (change != null) {
                applied.add(change);
            }
            runs.add(new Run(t, change));
        }
        if (runs.isEmpty()) {
            return new Result(List.of(), false);
        }
        if (!daySteps(session, runs) || !memberSteps(session, runs)) {
            undo();
            return new Result(List.of(), true);
        }
        List<List<Decision>> out = new ArrayList<>(runs.size());
        for (Run r : runs) {
            if (r.change == null) {
                out.add(r.task.unchanged());
                continue;
            }
            MemberState m = r.change.member();
            for (LocalDate date : r.change.days()) {
                ShardFacts.prune(m, date);
            }
            if (m.done) {
                out.add(List.of());
                continue;
            }
            out.add(decided.remember(decider.decide(r.qualifications, r.task.stamp(), decided.decided), facts.members, settings));
        }
        return new Result(out, false);
    }

    private static boolean twice(List<Run> runs, String member) {
        for (Run r : runs) {
            if (r.task.member().equals(member)) {
                return true;
            }
        }
        return false;
    }

    /** Each fact's changed day (at most one) in one evaluation; false when it cannot be split by member. */
    private boolean daySteps(RuleSession session, List<Run> runs) {
        List<List<Object>> groups = new ArrayList<>(runs.size());
        List<String> ids = new ArrayList<>(runs.size());
        List<Run> of = new ArrayList<>(runs.size());
        List<Day> days = new ArrayList<>(runs.size());
        for (Run r : runs) {
            if (r.change == null || r.change.member().done || r.change.days().isEmpty()) {
                continue;
            }
            MemberState m = r.change.member();
            Day d = m.get(r.change.days().get(0));
            if (d == null) {
                continue;
            }
            if (d.isEmpty()) {
                keep(r, d, List.of());
                continue;
            }
            groups.add(dayStep.inputs(m, d));
            ids.add(m.id);
            of.add(r);
            days.add(d);
        }
        List<List<Object>> derived = evaluate(session, groups, ids, of);
        if (derived == null) {
            return false;
        }
        for (int i = 0; i < of.size(); i++) {
            Run r = of.get(i);
            keep(r, days.get(i), dayStep.kept(r.change.member(), days.get(i), derived.get(i), r.qualifications));
        }
        return true;
    }

    /** What the day keeps now, as {@link Shard} keeps it: a change of it makes the member step run. */
    private void keep(Run r, Day d, List<Object> now) {
        MemberState m = r.change.member();
        if (d.keeps(m.id, now)) {
            return;
        }
        r.memberChanged = true;
        carriedDays.add(d);
        carriedBefore.add(d.carried(m.id));
        carriedMembers.add(m);
        m.carry(d, now);
    }

    /** The member steps of the facts whose member changed, in one evaluation; false when it cannot be split. */
    private boolean memberSteps(RuleSession session, List<Run> runs) {
        List<List<Object>> groups = new ArrayList<>(runs.size());
        List<String> ids = new ArrayList<>(runs.size());
        List<Run> of = new ArrayList<>(runs.size());
        for (Run r : runs) {
            if (!r.memberChanged || r.change.member().done) {
                continue;
            }
            List<Object> in = memberStep.inputs(r.change.member(), null);
            if (!in.isEmpty()) {
                groups.add(in);
                ids.add(r.change.member().id);
                of.add(r);
            }
        }
        List<List<Object>> derived = evaluate(session, groups, ids, of);
        if (derived == null) {
            return false;
        }
        for (int i = 0; i < of.size(); i++) {
            for (Object o : derived.get(i)) {
                if (o instanceof Qualification q) {
                    of.get(i).qualifications.add(q);
                }
            }
        }
        return true;
    }

    /** What each group derived, split by member; empty for no groups (no evaluation); null when it cannot be split. */
    private List<List<Object>> evaluate(RuleSession session, List<List<Object>> groups, List<String> ids, List<Run> of) {
        if (groups.isEmpty()) {
            return List.of();
        }
        evaluating = of;
        try {
            return session.evaluateBatch(groups, ids);
        } finally {
            evaluating = null;
        }
    }

    /**
     * The fact whose match fires now in {@code session}, or null: read by the watchdog's thread, so that a
     * consequence that cannot be stopped is named with its own fact, not the batch's first.
     */
    Fact underway(RuleSession session) {
        List<Run> runs = evaluating;
        int g = session.firingOwner();
        return runs != null && g >= 0 && g < runs.size() ? runs.get(g).task.fact() : null;
    }

    /** Puts back what the days kept and every change applied, latest first. */
    void undo() {
        for (int i = carriedDays.size() - 1; i >= 0; i--) {
            carriedMembers.get(i).carry(carriedDays.get(i), carriedBefore.get(i));
        }
        carriedDays.clear();
        for (int i = applied.size() - 1; i >= 0; i--) {
            applied.get(i).undo().run();
        }
        applied.clear();
    }
}
