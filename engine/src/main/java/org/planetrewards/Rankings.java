package org.planetrewards;

import org.planetrewards.model.Campaign;
import org.planetrewards.model.Progress;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Leaderboards from the {@link Progress} facts the campaigns' rules derive, every member measured on the
 * same day: a second reading of the rules' own numbers, never a second implementation of a campaign.
 */
final class Rankings {
    private Rankings() {
    }

    /** One member's progress in every campaign on the day, from their facts as of that day. */
    record Standing(String member, MemberFacts facts) {
    }

    /**
     * Every member evaluated as of {@code on}, in the order given. Each shard's members are evaluated on a
     * thread of their own, the calling thread taking the first shard's and those of shards with fewer than
     * {@code threadFrom} members: after a replay the member evaluations are compiled code, and a report spent about
     * a ninth of its time here on one core. A rule that fails fails the rankings as on one thread: the first
     * failing member in the order given is reported, and the members before it were all evaluated.
     */
    static List<Standing> standings(List<String> members, LocalDate on, Function<String, Shard> shardOf, int threadFrom) {
        Map<Shard, List<Integer>> byShard = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            byShard.computeIfAbsent(shardOf.apply(members.get(i)), s -> new ArrayList<>()).add(i);
        }
        MemberFacts[] facts = new MemberFacts[members.size()];
        Throwable[] failed = new Throwable[members.size()];
        List<Integer> mine = new ArrayList<>();
        Map<Thread, Shard> helpers = new LinkedHashMap<>();
        for (Map.Entry<Shard, List<Integer>> e : byShard.entrySet()) {
            List<Integer> theirs = e.getValue();
            if (mine.isEmpty() || theirs.size() < threadFrom) {
                mine.addAll(theirs);
                continue;
            }
            Thread t = new Thread(() -> evaluate(members, theirs, on, shardOf, facts, failed), "planet-rewards-rankings-" + helpers.size());
            t.setDaemon(true); // a thread stuck in a rule that never ends must not keep the JVM up
            helpers.put(t, e.getKey());
            t.start();
        }
        mine.sort(null);
        evaluate(members, mine, on, shardOf, facts, failed);
        for (Map.Entry<Thread, Shard> h : helpers.entrySet()) {
            try {
                for (h.getKey().join(100); h.getKey().isAlive(); h.getKey().join(100)) {
                    h.getValue().requireUsable(); // a helper stuck in a rule that never ends: its shard given up says so
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while members were evaluated for the rankings", e);
            }
        }
        List<Standing> standings = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            if (failed[i] instanceof RuntimeException e) {
                throw e;
            }
            if (failed[i] instanceof Error e) {
                throw e;
            }
            standings.add(new Standing(members.get(i), facts[i]));
        }
        return standings;
    }

    /** Evaluates the members at {@code indexes} (rising) in turn, up to and including the first that fails. */
    private static void evaluate(List<String> members, List<Integer> indexes, LocalDate on, Function<String, Shard> shardOf,
                                 MemberFacts[] facts, Throwable[] failed) {
        for (int i : indexes) {
            String m = members.get(i);
            Shard s = shardOf.apply(m);
            try {
                facts[i] = s.exclusive(null, () -> s.member(m, on));
            } catch (RuntimeException | Error e) {
                failed[i] = e;
                return;
            }
        }
    }

    static List<Ranking> of(List<Campaign> campaigns, List<Standing> standings, LocalDate asOf, int limit,
                            Messages words, String language, ZoneId zone) {
        List<Ranking> out = new ArrayList<>(campaigns.size());
        for (Campaign c : campaigns) {
            out.add(of(c, standings, asOf, limit, words, language, zone));
        }
        return out;
    }

    private record Row(String member, Progress progress, boolean decided) {
    }

    private static Ranking of(Campaign c, List<Standing> standings, LocalDate asOf, int limit, Messages words,
                              String language, ZoneId zone) {
        List<Row> rows = new ArrayList<>();
        for (Standing s : standings) {
            MemberFacts f = s.facts();
            if (f.asOf() == null) {
                continue; // nothing of theirs on or before the day
            }
            // One per member and campaign by the rules' contract; should a pack derive more, the furthest on counts.
            Progress p = f.progress().stream().filter(x -> x.campaign().equals(c.id()))
                    .max(Comparator.comparingInt(Progress::count)).orElse(null);
            if (p == null) {
                continue;
            }
            boolean decided = f.decided().contains(c.id()) && f.decisions().stream()
                    .filter(d -> d.campaign().equals(c.id()))
                    .allMatch(d -> !d.decidedAt().atZoneSameInstant(zone).toLocalDate().isAfter(asOf));
            rows.add(new Row(s.member(), p, decided));
        }
        rows.sort(Comparator.comparingInt((Row r) -> -r.progress().count()).thenComparing(Row::member));
        List<Ranking.Entry> entries = new ArrayList<>();
        for (Row r : rows.subList(0, Math.min(limit, rows.size()))) {
            Progress p = r.progress();
            double completion = r.decided() || p.target() <= 0 ? 1.0 : Math.min(1.0, (double) p.count() / p.target());
            entries.add(new Ranking.Entry(entries.size() + 1, r.member(), p.count(), p.target(), completion, r.decided()));
        }
        String measure = rows.isEmpty() ? null : Explainer.measure(c, rows.get(0).progress(), words, language);
        return new Ranking(c.id(), c.kind(), c.reward(), asOf, measure, rows.size(), entries);
    }
}
