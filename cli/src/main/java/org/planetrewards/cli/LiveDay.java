package org.planetrewards.cli;

import org.planetrewards.CheckIn;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.Moderation;
import org.planetrewards.Post;
import org.planetrewards.generate.HistoryGenerator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One further day of generated facts for the members of a history, to time the live path on a
 * loaded engine: the generator's 15th day (an ordinary day: story posts fall in the first two weeks),
 * moved to the day after the history's last day, with post ids that the history cannot have used.
 *
 * <p>Members: a history written by {@code rewards generate} names its members {@code m0, m1, ...}; the
 * further day then concerns those same members (the generator keeps each member's habits). Any
 * other history's members are mapped in order of first appearance onto the generator's members.
 */
final class LiveDay {
    private static final int GENERATED_DAYS = 15;
    private static final LocalDate TYPICAL_DAY = HistoryGenerator.START.plusDays(GENERATED_DAYS - 1);
    private static final Pattern GENERATED_MEMBER = Pattern.compile("m(0|[1-9][0-9]{0,8})");

    private LiveDay() {
    }

    /** The facts of the day after {@code lastDay} for the members of {@code history}, in arrival order. */
    static List<Fact> after(Path history, LocalDate lastDay, long seed) throws IOException {
        List<String> names = membersOf(history);
        boolean generated = names.stream().allMatch(n -> GENERATED_MEMBER.matcher(n).matches());
        int count = generated
                ? names.stream().mapToInt(n -> Integer.parseInt(n.substring(1))).max().orElse(-1) + 1
                : names.size();
        long shift = ChronoUnit.DAYS.between(TYPICAL_DAY, lastDay.plusDays(1));
        List<Fact> out = new ArrayList<>();
        new HistoryGenerator(seed, count, GENERATED_DAYS).generate(f -> {
            if (f.at().atZoneSameInstant(HistoryGenerator.ZONE).toLocalDate().equals(TYPICAL_DAY)) {
                out.add(moved(f, shift, generated ? null : names));
            }
        });
        return out;
    }

    private static List<String> membersOf(Path history) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try (HistoryReader reader = HistoryReader.open(history)) {
            for (Fact f; (f = reader.next()) != null; ) {
                if (f instanceof CheckIn c) {
                    names.add(c.member());
                } else if (f instanceof Post p) {
                    names.add(p.member());
                }
            }
        }
        return List.copyOf(names);
    }

    private static Fact moved(Fact f, long days, List<String> names) {
        if (f instanceof CheckIn c) {
            return new CheckIn(member(c.member(), names), c.at().plusDays(days));
        }
        if (f instanceof Post p) {
            OffsetDateTime edited = p.editedAt() == null ? null : p.editedAt().plusDays(days);
            return new Post("live-" + p.id(), member(p.member(), names), p.at().plusDays(days), p.text(),
                    p.tags(), p.links(), edited);
        }
        Moderation m = (Moderation) f;
        return new Moderation("live-" + m.post(), m.action(), m.at().plusDays(days));
    }

    private static String member(String generated, List<String> names) {
        return names == null ? generated : names.get(Integer.parseInt(generated.substring(1)));
    }
}
