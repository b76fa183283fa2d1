package org.planetrewards.examples.spring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The example app, started as its main method starts it, prints the demo's expected decisions. */
class RewardsAppTest {

    @Test
    void replaysTheDemoHistoryAndPrintsItsDecisions() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SpringApplication app = new SpringApplication(RewardsApp.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext ignored = app.run("../histories/demo.jsonl")) {
            System.setOut(stdout);
            assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList())
                    .isEqualTo(Files.readAllLines(Path.of("../histories/demo.expected.jsonl")));
        } finally {
            System.setOut(stdout);
        }
    }
}
