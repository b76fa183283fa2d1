package org.planetrewards.reference;

import org.planetrewards.Fact;
import org.planetrewards.Settings;
import org.planetrewards.generate.HistoryGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How fast the reference model applies facts: the speed-of-light baseline for engine benchmarks.
 * Generates a history in memory (facts, no JSON), then applies it to a fresh model several times and
 * prints facts per second for each round and the heap the last model holds.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl cli -am
 * java -cp "cli/target/rewards.jar:cli/target/lib/*" org.planetrewards.reference.ReferenceSpeed 10000 60 1
 * </pre>
 */
public final class ReferenceSpeed {
    private ReferenceSpeed() {
    }

    public static void main(String[] args) {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;

        long t0 = System.nanoTime();
        List<Fact> facts = new ArrayList<>();
        new HistoryGenerator(seed, members, days).generate(facts::add);
        System.out.printf(Locale.ROOT, "generated %,d facts (%d members x %d days, seed %d) in %d ms%n",
                facts.size(), members, days, seed, (System.nanoTime() - t0) / 1_000_000);

        ReferenceModel model = null;
        long decisions = 0;
        for (int round = 1; round <= rounds; round++) {
            model = null;
            System.gc();
            long start = System.nanoTime();
            model = new ReferenceModel(Settings.defaults());
            decisions = 0;
            for (Fact f : facts) {
                decisions += model.apply(f).size();
            }
            long ns = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "round %d: %,d facts in %d ms = %,.0f facts/s, %,d decisions%n",
                    round, facts.size(), ns / 1_000_000, facts.size() * 1e9 / ns, decisions);
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long withModel = rt.totalMemory() - rt.freeMemory();
        int memberCount = model.memberCount();
        int postCount = model.postCount();
        model = null;
        System.gc();
        long withoutModel = rt.totalMemory() - rt.freeMemory();
        System.out.printf(Locale.ROOT, "model state: %,d members, %,d post ids, ~%,d KB of heap (%.0f bytes per fact)%n",
                memberCount, postCount, (withModel - withoutModel) / 1024, (double) (withModel - withoutModel) / facts.size());
    }
}
