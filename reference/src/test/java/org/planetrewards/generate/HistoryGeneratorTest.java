package org.planetrewards.generate;

import org.junit.jupiter.api.Test;
import org.planetrewards.CheckIn;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.Moderation;
import org.planetrewards.Post;
import org.planetrewards.model.ModerationAction;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryGeneratorTest {

    private static String history(long seed, int members, int days) throws IOException {
        StringWriter out = new StringWriter();
        new HistoryGenerator(seed, members, days).write(out);
        return out.toString();
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
        String a = history(42, 100, 20);
        assertThat(history(42, 100, 20)).isEqualTo(a);
        assertThat(history(43, 100, 20)).isNotEqualTo(a);
    }

    @Test
    void aMembersActivityDoesNotDependOnHowManyMembersThereAre() {
        List<Fact> few = new HistoryGenerator(5, 10, 15).facts();
        List<Fact> many = new HistoryGenerator(5, 40, 15).facts();
        Set<String> firstTen = new HashSet<>();
        for (int m = 0; m < 10; m++) {
            firstTen.add("m" + m);
        }
        assertThat(many.stream().filter(f -> firstTen.contains(member(f))).toList())
                .containsExactlyInAnyOrderElementsOf(few.stream().filter(f -> member(f) != null).toList());
    }

    @Test
    void writtenLinesReadBackAsTheGeneratedFacts() throws IOException {
        HistoryGenerator g = new HistoryGenerator(9, 150, 30);
        List<Fact> read;
        try (HistoryReader reader = HistoryReader.of("generated", new StringReader(history(9, 150, 30)))) {
            read = reader.readAll();
        }
        assertThat(read).containsExactlyElementsOf(g.facts());
    }

    @Test
    void historiesHaveWhatTheContractTalksAbout() throws IOException {
        String text = history(3, 300, 45);
        List<Fact> facts = new HistoryGenerator(3, 300, 45).facts();

        assertThat(text).contains("Z\"", "+08:00\"", "\"editedAt\"", "\"via\":\"app\"", "\n\n", "🚀", "\u3000");
        for (String[] spellings : HistoryGenerator.TAG_SPELLINGS) {
            for (String spelling : spellings) {
                assertThat(facts).as("tag spelling %s", spelling)
                        .anyMatch(f -> f instanceof Post p && p.tags().contains(spelling));
            }
        }
        assertThat(facts).anyMatch(f -> f instanceof Post p && p.tags().contains("other"));
        for (ModerationAction action : ModerationAction.values()) {
            assertThat(facts).anyMatch(f -> f instanceof Moderation m && m.action() == action);
        }

        Map<String, Integer> firstPostLine = new HashMap<>();
        Set<String> lines = new HashSet<>();
        boolean duplicate = false;
        boolean moderationFirst = false;
        boolean late = false;
        boolean acrossMidnight = false;
        Instant latest = Instant.EPOCH;
        String[] all = text.split("\n");
        for (int i = 0; i < all.length; i++) {
            duplicate |= !all[i].isEmpty() && !lines.add(all[i]);
        }
        for (int i = 0; i < facts.size(); i++) {
            Fact f = facts.get(i);
            if (f instanceof Post p) {
                firstPostLine.putIfAbsent(p.id(), i);
            }
            if (f instanceof Moderation m && !firstPostLine.containsKey(m.post())) {
                moderationFirst = true;
            }
            Instant at = f.stamp().toInstant();
            late |= at.isBefore(latest.minusSeconds(3600));
            latest = at.isAfter(latest) ? at : latest;
            if (f instanceof CheckIn c) {
                int minute = c.at().atZoneSameInstant(HistoryGenerator.ZONE).toLocalTime().toSecondOfDay() / 60;
                acrossMidnight |= minute >= 23 * 60 + 45 || minute < 15;
            }
        }
        assertThat(duplicate).as("a duplicated line").isTrue();
        assertThat(moderationFirst).as("a moderation before its post").isTrue();
        assertThat(late).as("a late arrival").isTrue();
        assertThat(acrossMidnight).as("check-ins around local midnight").isTrue();
        assertThat(facts.get(0).at().atZoneSameInstant(HistoryGenerator.ZONE).toLocalDate())
                .isEqualTo(LocalDate.of(2026, 3, 1));
        // Texts on both sides of the 50-character line, and deep-dives with and without a source.
        assertThat(facts).anyMatch(f -> f instanceof Post p && visible(p.text()) == 49)
                .anyMatch(f -> f instanceof Post p && visible(p.text()) == 50)
                .anyMatch(f -> f instanceof Post p && visible(p.text()) > 200)
                .anyMatch(f -> f instanceof Post p && p.tags().contains("【深度】") && p.links().isEmpty())
                .anyMatch(f -> f instanceof Post p && p.tags().contains("【深度】") && !p.links().isEmpty());
        assertThat(facts).anyMatch(f -> f.at().getOffset().equals(ZoneOffset.ofHours(-5)));
    }

    @Test
    void streamsWithoutHoldingTheHistory() throws IOException {
        // 3,000 members × 60 days: only what is not due yet stays queued, so this is quick and small.
        long[] lines = {0};
        Writer counting = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (buf[i] == '\n') {
                        lines[0]++;
                    }
                }
            }

            @Override
            public void write(String s, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (s.charAt(i) == '\n') {
                        lines[0]++;
                    }
                }
            }

            @Override
            public Writer append(CharSequence s) {
                String str = s.toString();
                write(str, 0, str.length());
                return this;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        new HistoryGenerator(1, 3_000, 60).write(counting);
        assertThat(lines[0]).isGreaterThan(3_000 * 60 / 4);
    }

    private static int visible(String text) {
        return (int) text.codePoints().filter(cp -> !Character.isWhitespace(cp)).count();
    }

    private static String member(Fact f) {
        if (f instanceof CheckIn c) {
            return c.member();
        }
        if (f instanceof Post p) {
            return p.member();
        }
        return Arrays.stream(((Moderation) f).post().split("-")).findFirst().orElse(null);
    }

    @Test
    void aDenseHistoryHasMostMembersCheckingInAndPostingMostDays() {
        int members = 200;
        int days = 30;
        List<Fact> quiet = new HistoryGenerator(7, members, days).facts();
        List<Fact> dense = new HistoryGenerator(7, members, days, HistoryGenerator.Density.DENSE).facts();

        Set<String> checkInDays = new HashSet<>();
        long posts = 0;
        long moderations = 0;
        for (Fact f : dense) {
            if (f instanceof CheckIn c) {
                checkInDays.add(c.member() + "@" + c.at().atZoneSameInstant(HistoryGenerator.ZONE).toLocalDate());
            } else if (f instanceof Post p && p.editedAt() == null) {
                posts++;
            } else if (f instanceof Moderation) {
                moderations++;
            }
        }
        // "Most members check in most days": at least 75% of member-days have a check-in.
        assertThat(checkInDays.size()).isGreaterThan(members * days * 3 / 4);
        assertThat(posts).isBetween((long) members * days * 3 / 4, (long) members * days * 2);
        assertThat((double) moderations / posts).isBetween(0.003, 0.03);
        assertThat(dense.size()).isGreaterThan(3 * quiet.size());
        assertThat(dense).anyMatch(f -> f instanceof Post p && p.editedAt() != null);
    }

    @Test
    void theQuietProfileIsTheDefault() {
        assertThat(new HistoryGenerator(11, 60, 20, HistoryGenerator.Density.QUIET).facts())
                .containsExactlyElementsOf(new HistoryGenerator(11, 60, 20).facts());
    }
}
