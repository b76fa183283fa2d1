package org.planetrewards.cli;

import org.planetrewards.DecisionHandler;
import org.planetrewards.RewardsEngine;
import org.planetrewards.RulePack;
import org.planetrewards.Settings;

import java.nio.file.Path;

/** How commands turn their --rules and --settings options into an engine. */
final class EngineOptions {
    private EngineOptions() {
    }

    static RewardsEngine engine(Path rulesDir, DecisionHandler handler) {
        return engine(rulesDir, null, handler);
    }

    /**
     * @param rulesDir     a folder of .drl files, or null for the default pack
     * @param settingsFile a settings file, or null for the default settings
     * @throws org.planetrewards.SettingsException when the settings file cannot be used (file, JSON path, expected)
     * @throws org.planetrewards.RulesException    when the rules do not compile or are refused
     * @throws IllegalArgumentException            when the rules folder is not a folder of .drl files
     */
    static RewardsEngine engine(Path rulesDir, Path settingsFile, DecisionHandler handler) {
        RewardsEngine.Builder b = RewardsEngine.builder().onDecision(handler);
        if (rulesDir != null) {
            b.rules(RulePack.folder(rulesDir));
        }
        if (settingsFile != null) {
            b.settings(Settings.load(settingsFile));
        }
        return b.build();
    }
}
