package org.planetrewards;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Engines built from the same files share one compiled rule base, also when they are built at the same
 * time on different threads (the command line's background preparation of the default pack and its own
 * build): the second waits for the first's compilation instead of compiling the same files again.
 */
class SharedCompilationTest {
    /** The default rules with a comment no other test writes: not the precompiled text, so compiled here. */
    private static RulePack freshPack(String tag) {
        Map<String, String> files = new LinkedHashMap<>();
        RulePack.defaults().files().forEach((name, text) -> files.put(name, text + "\n// " + tag + "\n"));
        return RulePack.of(tag, files);
    }

    @Test
    void twoThreadsCompilingTheSameFilesAtOnceGetOneRuleBase() throws Exception {
        RulePack pack = freshPack("shared-compilation-" + System.nanoTime());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<CompiledRules>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(pool.submit(() -> {
                    start.await();
                    return CompiledRules.compile(RulePack.of(pack.origin(), pack.files()));
                }));
            }
            start.countDown();
            assertThat(both.get(0).get()).isSameAs(both.get(1).get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPackThatFailsIsNotKeptAndFailsEveryBuildWithItsProblems() {
        RulePack broken = RulePack.of("broken", Map.of("broken.drl",
                "package org.planetrewards.rules;\nrule \"no end\"\nwhen\nthen\n"));
        assertThatThrownBy(() -> CompiledRules.compile(broken)).isInstanceOf(RulesException.class)
                .hasMessageContaining("broken.drl");
        assertThatThrownBy(() -> CompiledRules.compile(broken)).isInstanceOf(RulesException.class)
                .hasMessageContaining("broken.drl");
    }

    @Test
    void theDefaultPackPreparedInTheBackgroundIsTheOneAnEngineIsBuiltWith() {
        RewardsEngine.prepareDefaults();
        RewardsEngine.prepareDefaults(); // only the first call starts anything
        CompiledRules built = CompiledRules.compile(RulePack.defaults());
        assertThat(built).isSameAs(CompiledRules.compile(RulePack.defaults()));
        assertThat(built).isSameAs(PrecompiledPack.load(RulePack.defaults()));
        assertThat(RulePack.defaults()).isSameAs(RulePack.defaults());
    }
}
