package org.planetrewards.cli;

import org.planetrewards.DecisionHandler;
import org.planetrewards.RewardsEngine;
import org.planetrewards.RulePack;
import org.planetrewards.Settings;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The --rules, --settings and --allow-unsafe-code options every command that runs the engine shares (a picocli mixin),
 * and how they become an engine.
 */
final class EngineOptions {
    @Option(names = "--rules", paramLabel = "DIR", description = "a folder of .drl files instead of the default pack")
    Path rules;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "a settings file (JSON, see docs/settings.md) instead of the rules folder's settings.json (or the default settings)")
    Path settings;

    @Option(names = "--allow-unsafe-code", description = "run rule files whose code reaches outside the fact model:"
            + " only files reviewed like code (they run inside the engine with no sandbox; time and insert budgets still hold)")
    boolean allowUnsafeCode;

    /** An engine with these options' rules and settings. */
    RewardsEngine engine(DecisionHandler handler) {
        return engine(rules, settings, allowUnsafeCode, handler);
    }

    /**
     * The settings these options name.
     *
     * @throws org.planetrewards.SettingsException when the settings file cannot be used
     */
    Settings settings() {
        return settings(rules, settings);
    }

    /** The settings file when given, else the rules folder's own settings.json, else the default pack's. */
    static Settings settings(Path rulesDir, Path settingsFile) {
        if (settingsFile != null) {
            return Settings.load(settingsFile);
        }
        return rulesDir == null ? Settings.defaults() : Settings.ofPack(rulesDir);
    }

    /**
     * @param rulesDir     a folder of .drl files, or null for the default pack
     * @param settingsFile a settings file, or null for the rules folder's settings.json (or the default settings)
     * @throws org.planetrewards.SettingsException when the settings file cannot be used (file, JSON path, expected)
     * @throws org.planetrewards.RulesException    when the rules do not compile or are refused
     * @throws IllegalArgumentException            when the rules folder is not a folder of .drl files
     */
    static RewardsEngine engine(Path rulesDir, Path settingsFile, boolean allowUnsafeCode, DecisionHandler handler) {
        RewardsEngine.Builder b = RewardsEngine.builder().onDecision(handler);
        if (allowUnsafeCode) {
            b.allowUnsafeRuleCode();
        }
        if (rulesDir != null) {
            b.rules(RulePack.folder(rulesDir));
        }
        b.settings(settings(rulesDir, settingsFile));
        return b.build();
    }
}
