package org.planetrewards.spring;

import org.planetrewards.DecisionJson;
import org.planetrewards.RewardsEngine;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/planetrewards}: GET says which rules run; POST reloads the rules and settings files.
 * A refused reload answers with the reason and leaves the running rules as they were.
 */
@Endpoint(id = "planetrewards")
public class RulesEndpoint {
    private final RewardsEngine engine;
    private final RulesReloader reloader;

    public RulesEndpoint(RewardsEngine engine, RulesReloader reloader) {
        this.engine = engine;
        this.reloader = reloader;
    }

    @ReadOperation
    public Map<String, Object> rules() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rules", engine.rules().origin());
        body.put("files", List.copyOf(engine.rules().files().keySet()));
        body.put("campaigns", engine.settings().campaigns().stream().map(c -> c.id()).toList());
        return body;
    }

    @WriteOperation
    public Map<String, Object> reload() {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            List<String> decided = reloader.reload().stream().map(DecisionJson::toJson).toList();
            body.put("reloaded", true);
            body.put("rules", engine.rules().origin());
            body.put("decisions", decided);
        } catch (RuntimeException refused) {
            body.put("reloaded", false);
            body.put("error", refused.getMessage());
        }
        return body;
    }
}
