package org.planetrewards.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Same facts + same rules → byte-identical decisions, whatever the machine's zone, locale or hash seeds. */
class DeterminismTest {
    private static final String HISTORY = ReplayCommandTest.GOLDEN.resolve("community-mix.jsonl").toString();

    @Test
    void twoReplaysInOneJvmGiveTheSameBytes() {
        String first = ReplayCommandTest.rewards("replay", HISTORY).out();
        String second = ReplayCommandTest.rewards("replay", HISTORY).out();

        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    @Test
    void jvmsWithOtherZonesLocalesAndHashSeedsGiveTheSameBytes() throws Exception {
        String here = ReplayCommandTest.rewards("replay", HISTORY).out();

        String kiritimati = replayInNewJvm("-Duser.timezone=Pacific/Kiritimati", "-Duser.language=ar", "-Duser.country=EG",
                "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2");
        String utc = replayInNewJvm("-Duser.timezone=UTC", "-Duser.language=zh", "-Duser.country=CN", "-Dfile.encoding=ISO-8859-1");

        assertThat(kiritimati).isEqualTo(here);
        assertThat(utc).isEqualTo(here);
    }

    private static String replayInNewJvm(String... jvmOptions) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString()));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Rewards.class.getName(), "replay", HISTORY));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
