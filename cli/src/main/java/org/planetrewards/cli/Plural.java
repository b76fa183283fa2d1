package org.planetrewards.cli;

/** Counts as people write them: "1 member", "2 members", "0 members". */
final class Plural {
    private Plural() {
    }

    static String of(long count, String singular) {
        return count + " " + (count == 1 ? singular : singular + "s");
    }
}
