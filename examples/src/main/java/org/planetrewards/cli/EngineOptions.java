package org.planetrewards.cli;

import org.planetrewards.DecisionHandler;
import org.planetrewards.RewardsEngine;
import org.planetrewards.RulePack;

import java.nio.file.Path;

/** How commands turn their --rules option into an engine. */
final class EngineOptions {
    private EngineOptions() {
    }

    static RewardsEngine engine(Path rulesDir, DecisionHandler handler) {
        RewardsEngine.Builder b = RewardsEngine.builder().onDecision(handler);
        if (rulesDir != null) {
            b.rules(RulePack.folder(rulesDir));
        }
        return b.build();
    }
}
