package org.planetrewards.spring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planetrewards.CheckIn;
import org.planetrewards.Decision;
import org.planetrewards.DecisionHandler;
import org.planetrewards.Post;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Settings;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The starter in a real application context: a real engine over real rule files, decisions reaching
 * the host's handler beans, reloads from the endpoint and from file changes, a refused reload, a
 * context that does not start on broken rules, an engine closed with its context.
 */
class PlanetRewardsAutoConfigurationTest {
    private static final Path DEFAULT_PACK = Path.of("../rules/default-pack");
    private static final OffsetDateTime EVENING = OffsetDateTime.parse("2026-03-01T21:00:00+08:00");
    private static final Post STORY = new Post("p1", "mei", EVENING,
            "我第一次用 ChatGPT 是帮孩子改作文，后来用它写周报、查资料、学英语、做旅行计划，现在每天都离不开它。",
            List.of("#球友故事#"), List.of());

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PlanetRewardsAutoConfiguration.class))
            .withUserConfiguration(Handlers.class);

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    static class Handlers {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Bean
        @Order(1)
        DecisionHandler ledger() {
            return d -> seen.add("ledger " + d.reward() + " for " + d.member());
        }

        @Bean
        @Order(2)
        DecisionHandler mailer() {
            return d -> seen.add("mailer " + d.reward() + " for " + d.member());
        }
    }

    @Test
    void withNoPropertiesTheDefaultPackDecidesAndEveryHandlerHearsOfIt() {
        runner.run(context -> {
            RewardsEngine engine = context.getBean(RewardsEngine.class);
            engine.apply(new CheckIn("mei", EVENING));
            List<Decision> decided = engine.apply(STORY);

            assertThat(decided).extracting(Decision::reward).containsExactly("story-badge");
            assertThat(context.getBean(Handlers.class).seen)
                    .containsExactly("ledger story-badge for mei", "mailer story-badge for mei");
        });
    }

    @Test
    void propertiesChooseTheRulesFolderTheSettingsFileAndTheShards() throws IOException {
        Path rules = copyOfDefaultPack(List.of());
        Path settings = Path.of("../examples/settings/ten-in-twenty.json").toAbsolutePath();
        runner.withPropertyValues("planet-rewards.rules=" + rules, "planet-rewards.settings=" + settings,
                "planet-rewards.shards=3").run(context -> {
            RewardsEngine engine = context.getBean(RewardsEngine.class);
            assertThat(engine.rules().origin()).contains(rules.toString());
            assertThat(engine.settings()).isEqualTo(Settings.load(settings));
            assertThat(engine.settings()).isNotEqualTo(Settings.defaults());
        });
    }

    @Test
    void theEndpointReloadsANewCampaignFileAndDecidesAtOnce() throws IOException {
        Path rules = copyOfDefaultPack(List.of("campaign-tagged-post.drl"));
        runner.withPropertyValues("planet-rewards.rules=" + rules).run(context -> {
            RewardsEngine engine = context.getBean(RewardsEngine.class);
            engine.apply(new CheckIn("mei", EVENING));
            assertThat(engine.apply(STORY)).as("no rule for the tagged-post campaign yet").isEmpty();

            Files.copy(DEFAULT_PACK.resolve("campaign-tagged-post.drl"), rules.resolve("campaign-tagged-post.drl"));
            Map<String, Object> answer = context.getBean(RulesEndpoint.class).reload();

            assertThat(answer).containsEntry("reloaded", true);
            assertThat(answer.get("decisions").toString()).contains("\"reward\":\"story-badge\"");
            assertThat(context.getBean(Handlers.class).seen).contains("ledger story-badge for mei");
        });
    }

    @Test
    void aBrokenRuleFileIsRefusedAndTheRunningRulesStay() throws IOException {
        Path rules = copyOfDefaultPack(List.of());
        runner.withPropertyValues("planet-rewards.rules=" + rules).run(context -> {
            RewardsEngine engine = context.getBean(RewardsEngine.class);
            Map<String, String> before = engine.rules().files();
            Files.writeString(rules.resolve("broken.drl"), "package org.planetrewards.rules\nrule \"half\" when then\n");

            Map<String, Object> answer = context.getBean(RulesEndpoint.class).reload();

            assertThat(answer).containsEntry("reloaded", false);
            assertThat(answer.get("error").toString()).contains("broken.drl");
            assertThat(engine.rules().files()).isEqualTo(before);
        });
    }

    @Test
    void brokenRulesAtStartStopTheApplicationNamingTheFile() throws IOException {
        Path rules = copyOfDefaultPack(List.of());
        Files.writeString(rules.resolve("broken.drl"), "package org.planetrewards.rules\nrule \"half\" when then\n");
        runner.withPropertyValues("planet-rewards.rules=" + rules).run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure()).getMessage()).contains("broken.drl");
        });
    }

    @Test
    void aChangedFileIsReloadedWhenWatching() throws Exception {
        Path rules = copyOfDefaultPack(List.of("campaign-tagged-post.drl"));
        runner.withPropertyValues("planet-rewards.rules=" + rules, "planet-rewards.watch=true").run(context -> {
            RewardsEngine engine = context.getBean(RewardsEngine.class);
            engine.apply(new CheckIn("mei", EVENING));
            assertThat(engine.apply(STORY)).isEmpty();

            Files.copy(DEFAULT_PACK.resolve("campaign-tagged-post.drl"), rules.resolve("campaign-tagged-post.drl"));

            List<String> seen = context.getBean(Handlers.class).seen;
            for (int i = 0; i < 200 && seen.isEmpty(); i++) {
                Thread.sleep(50); // the watcher works on its own thread: wait for it, up to 10 s
            }
            assertThat(seen).containsExactly("ledger story-badge for mei", "mailer story-badge for mei");
        });
    }

    @Test
    void theEngineIsClosedWithTheContext() {
        RewardsEngine[] engine = new RewardsEngine[1];
        runner.run(context -> engine[0] = context.getBean(RewardsEngine.class));

        assertThatThrownBy(() -> engine[0].apply(new CheckIn("mei", EVENING)))
                .as("its rule sessions are gone");
    }

    private Path copyOfDefaultPack(List<String> leftOut) throws IOException {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        try (Stream<Path> files = Files.list(DEFAULT_PACK)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                if (!leftOut.contains(f.getFileName().toString())) {
                    Files.copy(f, rules.resolve(f.getFileName()));
                }
            }
        }
        return rules.toAbsolutePath();
    }

    private static Throwable rootCause(Throwable t) {
        List<Throwable> seen = new ArrayList<>();
        while (t.getCause() != null && !seen.contains(t.getCause())) {
            seen.add(t);
            t = t.getCause();
        }
        return t;
    }
}
