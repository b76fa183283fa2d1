package org.planetrewards.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * {@code planet-rewards.*}: where the rules and settings come from and how many shards the engine has.
 * With none of them set, the engine runs the default rule pack with the default settings.
 */
@ConfigurationProperties("planet-rewards")
public class PlanetRewardsProperties {
    /** A folder of .drl files; unset: the default rule pack from the classpath. */
    private Path rules;
    /** A settings file (JSON, docs/settings.md); unset: the default settings. */
    private Path settings;
    /** How many shards members are spread over; unset: the number of processors. */
    private Integer shards;
    /** Reload when a file in the rules folder or the settings file changes. */
    private boolean watch;

    public Path getRules() {
        return rules;
    }

    public void setRules(Path rules) {
        this.rules = rules;
    }

    public Path getSettings() {
        return settings;
    }

    public void setSettings(Path settings) {
        this.settings = settings;
    }

    public Integer getShards() {
        return shards;
    }

    public void setShards(Integer shards) {
        this.shards = shards;
    }

    public boolean isWatch() {
        return watch;
    }

    public void setWatch(boolean watch) {
        this.watch = watch;
    }
}
