package org.planetrewards.cli.report;

import java.util.Comparator;

/**
 * Orders ids as people count: {@code m2} before {@code m10}. Runs of ASCII digits compare by value (then
 * by length, so {@code m02} and {@code m2} keep an order), everything else by char; equal ids come last
 * by plain string order, so the order is total and the same on every machine.
 */
final class NaturalOrder implements Comparator<String> {
    static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (digit(x) && digit(y)) {
                int endA = run(a, i);
                int endB = run(b, j);
                int c = compareNumbers(a, i, endA, b, j, endB);
                if (c != 0) {
                    return c;
                }
                i = endA;
                j = endB;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int run(String s, int from) {
        int end = from;
        while (end < s.length() && digit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Compares two digit runs by value without parsing (a run can be longer than a long). */
    private static int compareNumbers(String a, int i, int endA, String b, int j, int endB) {
        int si = i;
        int sj = j;
        while (si < endA - 1 && a.charAt(si) == '0') {
            si++;
        }
        while (sj < endB - 1 && b.charAt(sj) == '0') {
            sj++;
        }
        int c = Integer.compare(endA - si, endB - sj);
        if (c != 0) {
            return c;
        }
        for (; si < endA; si++, sj++) {
            c = Character.compare(a.charAt(si), b.charAt(sj));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(endA - i, endB - j);
    }
}
