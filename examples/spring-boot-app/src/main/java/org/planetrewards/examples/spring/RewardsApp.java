package org.planetrewards.examples.spring;

import org.planetrewards.DecisionHandler;
import org.planetrewards.DecisionJson;
import org.planetrewards.HistoryReader;
import org.planetrewards.RewardsEngine;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.nio.file.Path;

/**
 * The smallest Spring Boot host: the starter builds the engine from {@code planet-rewards.*}
 * (here none: the default pack), this app says where decisions go, and replays the history files
 * named on the command line. A real host would apply facts from its own requests or queue.
 *
 * <pre>java -jar examples/spring-boot-app/target/rewards-spring-app.jar examples/histories/demo.jsonl</pre>
 */
@SpringBootApplication
public class RewardsApp {

    public static void main(String[] args) {
        SpringApplication.run(RewardsApp.class, args);
    }

    /** Where decisions go: stdout, one JSON line each. A host stores them or sends them on. */
    @Bean
    DecisionHandler printDecisions() {
        return d -> System.out.println(DecisionJson.toJson(d));
    }

    @Bean
    ApplicationRunner replayHistories(RewardsEngine engine) {
        return args -> {
            for (String file : args.getNonOptionArgs()) {
                try (HistoryReader history = HistoryReader.open(Path.of(file))) {
                    engine.replay(history);
                }
            }
        };
    }
}
