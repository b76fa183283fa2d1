package org.planetrewards.spring;

import org.planetrewards.Decision;
import org.planetrewards.RewardsEngine;
import org.planetrewards.RulePack;
import org.planetrewards.Settings;

import java.util.List;

/**
 * Reads the configured rules and settings again and switches the engine to them. The files are
 * checked first: when they do not compile or are refused, the engine keeps the rules it has and the
 * exception says why (file and line).
 */
public class RulesReloader {
    private final RewardsEngine engine;
    private final PlanetRewardsProperties properties;

    public RulesReloader(RewardsEngine engine, PlanetRewardsProperties properties) {
        this.engine = engine;
        this.properties = properties;
    }

    /** @return what the new rules decide at once (also delivered to the handlers) */
    public synchronized List<Decision> reload() {
        return engine.reload(rules(properties), settings(properties));
    }

    static RulePack rules(PlanetRewardsProperties p) {
        return p.getRules() == null ? RulePack.defaults() : RulePack.folder(p.getRules());
    }

    static Settings settings(PlanetRewardsProperties p) {
        return p.getSettings() == null ? Settings.defaults() : Settings.load(p.getSettings());
    }
}
