package org.planetrewards;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Reads the timestamps histories are made of. {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} is the
 * definition, but it was a fifth of the reading thread's time on a dense history (a parse context, a
 * field map and a resolver per value). The usual spelling, {@code 2026-03-01T21:05:00+08:00}, {@code Z}
 * or an offset, with or without a fraction of a second, is read here by hand; anything else, valid or
 * not, goes to the formatter, so what is accepted and what each spelling means stay the formatter's.
 */
final class Timestamps {
    private Timestamps() {
    }

    /**
     * @return the time, or null when {@code s} is not in the usual spelling (the caller then asks the formatter,
     * which also says what is wrong)
     */
    static OffsetDateTime parseUsual(String s) {
        return parseUsual(s.toCharArray(), 0, s.length());
    }

    /** The same for the {@code n} characters at {@code from}: a parser's own buffer, with no String made. */
    static OffsetDateTime parseUsual(char[] s, int from, int n) {
        if (n < 20 || s[from + 4] != '-' || s[from + 7] != '-' || s[from + 10] != 'T' || s[from + 13] != ':'
                || s[from + 16] != ':') {
            return null;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        int hour = digits(s, from + 11, 2);
        int minute = digits(s, from + 14, 2);
        int second = digits(s, from + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s[from + i] == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s[from + i])) {
                nanos = nanos * 10 + (s[from + i] - '0');
                i++;
            }
            if (i == start || (i < n && isDigit(s[from + i]))) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && s[from + i] == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s[from + i] == '+' || s[from + i] == '-') && s[from + i + 3] == ':') {
            int oh = digits(s, from + i + 1, 2);
            int om = digits(s, from + i + 4, 2);
            if (oh < 0 || oh > 17 || om < 0 || om > 59) {
                return null;
            }
            offset = offset(s[from + i] == '-' ? -1 : 1, oh, om);
        } else {
            return null;
        }
        return OffsetDateTime.of(LocalDateTime.of(year, month, day, hour, minute, second, nanos), offset);
    }

    /** Offsets of whole quarter hours, made once each: {@link ZoneOffset}'s own cache is a concurrent map lookup. */
    private static final ZoneOffset[] QUARTERS = new ZoneOffset[18 * 4 * 2 + 1];

    private static ZoneOffset offset(int sign, int hours, int minutes) {
        if (minutes % 15 != 0) {
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        int slot = sign * (hours * 4 + minutes / 15) + 18 * 4;
        ZoneOffset o = QUARTERS[slot];
        if (o == null) { // immutable: a race makes an equal one twice, harmlessly
            o = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            QUARTERS[slot] = o;
        }
        return o;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The number written at {@code from} in {@code count} ASCII digits, or -1. */
    private static int digits(char[] s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s[i];
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
