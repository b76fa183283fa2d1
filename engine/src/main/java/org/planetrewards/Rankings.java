package org.planetrewards;

import org.planetrewards.model.Campaign;
import org.planetrewards.model.Progress;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
     * Every member evaluated as of {@code on}, in the order given, each shard's members on a thread of their own
     * ({@link PerShard}): after a replay the member evaluations are compiled code, and a report spent about a ninth
     * of its time here on one core. A rule that fails fails the rankings at the first failing member in that order.
     */
    static List<Standing> standings(List<String> members, LocalDate on, Function<String, Shard> shardOf, int threadFrom) {
        List<MemberFacts> facts = PerShard.map(members, shardOf, threadFrom, "planet-rewards-rankings-",
                (s, m) -> s.exclusive(null, () -> s.member(m, on)));
        List<Standing> standings = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            standings.add(new Standing(members.get(i), facts.get(i)));
        }
        return standings;
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
