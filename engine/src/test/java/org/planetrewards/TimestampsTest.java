package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written reader of the usual timestamp spelling must mean exactly what the ISO formatter means,
 * and leave every other spelling (valid or not) to it: for each input, either no answer or the formatter's.
 */
class TimestampsTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "2026-03-01T21:05:00+08:00", "2026-03-01T21:05:00Z", "2026-02-28T16:01:33.5Z", "2026-02-28T16:01:33.123456789-05:30",
            "2024-02-29T00:00:00Z", "2026-12-31T23:59:59+00:00", "2026-01-01T00:00:00-00:00", "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999+17:59"})
    void readsTheUsualSpellingAsTheFormatterDoes(String s) {
        assertThat(Timestamps.parseUsual(s)).isNotNull().isEqualTo(iso(s));
        assertThat(Timestamps.parseUsual(s).getOffset()).isEqualTo(iso(s).getOffset());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // other valid spellings: the formatter's to read
            "2026-03-01T21:05+08:00", "2026-03-01t21:05:00z", "2026-03-01T21:05:00+18:00", "+2026-03-01T21:05:00Z",
            "2026-03-01T21:05:00+08:00:30", "2026-03-01T21:05:00+0800",
            // not timestamps at all, or impossible dates: the formatter's to refuse
            "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-03-01T24:00:00Z",
            "2026-03-01T23:60:00Z", "2026-03-01T23:59:60Z", "2026-03-01T21:05:00", "2026-03-01T21:05:00.Z",
            "2026-03-01T21:05:00.1234567890Z", "2026-03-01T21:05:00+08", "2026-03-01 21:05:00Z", "2026-03-01T21:05:00ZZ",
            "2026-3-01T21:05:00Z", "２026-03-01T21:05:00Z", "2026-03-01T21:05:00+08:60", ""})
    void leavesEveryOtherSpellingToTheFormatter(String s) {
        assertThat(Timestamps.parseUsual(s)).isNull();
    }

    @Test
    void agreesWithTheFormatterOnManyVariationsOfTheUsualSpelling() {
        Random random = new Random(14);
        String alphabet = "0123456789-+:.TZtz 9";
        int read = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d",
                    random.nextInt(10_000), random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62),
                    random.nextInt(62)));
            if (random.nextBoolean()) {
                s.append('.').append(String.format(java.util.Locale.ROOT, "%09d", random.nextInt(1_000_000_000)), 0, 1 + random.nextInt(9));
            }
            s.append(random.nextInt(3) == 0 ? "Z" : String.format(java.util.Locale.ROOT, "%s%02d:%02d",
                    random.nextBoolean() ? "+" : "-", random.nextInt(20), random.nextInt(62)));
            if (random.nextInt(4) == 0) { // and a typo
                s.setCharAt(random.nextInt(s.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            OffsetDateTime fast = Timestamps.parseUsual(text);
            OffsetDateTime expected = isoOrNull(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(expected);
                read++;
            }
        }
        assertThat(read).as("variations the fast path read itself").isGreaterThan(2_500);
    }

    private static OffsetDateTime iso(String s) {
        return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static OffsetDateTime isoOrNull(String s) {
        try {
            return iso(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
