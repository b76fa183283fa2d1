package org.planetrewards.examples;

import org.planetrewards.CheckIn;
import org.planetrewards.Decision;
import org.planetrewards.Post;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Settings;

import java.time.OffsetDateTime;
import java.util.List;

/** The README's embedding example, compiled and run by a test so it cannot rot. */
public final class EmbeddingExample {
    private EmbeddingExample() {
    }

    public static List<Decision> run() {
        // README-EXAMPLE-START
        RewardsEngine engine = RewardsEngine.builder()
                .settings(Settings.defaults())          // or Settings.load(Path.of("rewards.json"))
                .onDecision(d -> System.out.println(d.id() + ": " + d.reward() + " for " + d.member()))
                .build();                               // the default rule pack, from the classpath
        OffsetDateTime evening = OffsetDateTime.parse("2026-03-01T21:00:00+08:00");
        engine.apply(new CheckIn("mei", evening));
        List<Decision> decided = engine.apply(new Post("p1", "mei", evening,
                "我第一次用 ChatGPT 是帮孩子改作文，后来用它写周报、查资料、学英语、做旅行计划，现在每天都离不开它。",
                List.of("#球友故事#"), List.of()));   // → story-badge for mei
        // README-EXAMPLE-END
        engine.close();
        return decided;
    }

    public static void main(String[] args) {
        run();
    }
}
