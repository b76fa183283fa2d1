package org.planetrewards.bench;

import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times only the engine's parallel replay of a history (what `rewards replay` runs): one untimed
 * replay, then N timed ones in the same JVM, each with its wall time, GC share and CPU time, so a change
 * can be compared with the one before it in a few minutes where `rewards bench` takes several.
 * With {@code -Drecord=FILE.jfr} the last run alone is recorded by JFR (settings "profile").
 *
 * <pre>java -Xmx2g -XX:+UseParallelGC -cp bench/target/benchmarks.jar org.planetrewards.bench.ReplayTiming HISTORY.jsonl [RUNS]</pre>
 */
public final class ReplayTiming {
    private ReplayTiming() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ReplayTiming HISTORY.jsonl [RUNS]   (-Drecord=FILE.jfr records the last run)");
            System.exit(2);
        }
        Path history = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String record = System.getProperty("record");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int run = 0; run <= runs; run++) {
            System.gc();
            jdk.jfr.Recording recording = null;
            if (record != null && run == runs) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.start();
            }
            long gc = gcMillis();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            int decisions;
            try (RewardsEngine engine = RewardsEngine.builder().build(); HistoryReader in = HistoryReader.open(history)) {
                decisions = engine.replay(in).size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %.2f s, gc %.1f%%, cpu %.1f s (%.2f cores), %,d decisions%n",
                    run == 0 ? "warm-up" : "run " + run, seconds, (gcMillis() - gc) / 10.0 / seconds, cpuSeconds,
                    cpuSeconds / seconds, decisions);
            if (recording != null) {
                recording.stop();
                recording.dump(Path.of(record));
            }
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, b.getCollectionTime());
        }
        return total;
    }
}
