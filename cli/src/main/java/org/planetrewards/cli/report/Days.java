package org.planetrewards.cli.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Lists of days in few words. */
public final class Days {
    private Days() {
    }

    /** Sorted days as ranges: {@code 2026-03-01..2026-03-02, 2026-03-04, 2026-03-06..2026-03-20}. */
    public static String ranges(List<LocalDate> days) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < days.size()) {
            int j = i;
            while (j + 1 < days.size() && days.get(j).plusDays(1).equals(days.get(j + 1))) {
                j++;
            }
            parts.add(i == j ? days.get(i).toString() : days.get(i) + ".." + days.get(j));
            i = j + 1;
        }
        return String.join(", ", parts);
    }
}
