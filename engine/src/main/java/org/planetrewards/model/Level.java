package org.planetrewards.model;

import java.util.Objects;

/**
 * One level of a tiered campaign (a setting): {@code days} of what the campaign counts win {@code reward},
 * decided once per member under its own name. A campaign without levels has one, nameless: its own
 * {@code days} and {@code reward} ({@link Campaign#tiers()}), so one rule serves both.
 *
 * @param name   the level's name ("bronze"), part of the decision's key; empty for a campaign without levels
 * @param days   how much wins the level
 * @param reward what the level wins
 */
public record Level(String name, int days, String reward) {
    public Level {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reward, "reward");
    }

    /** {@code measure}, with the level it counts towards when the campaign has levels: "counted days in a row towards silver". */
    public String towards(String measure) {
        return name.isEmpty() ? measure : measure + " towards " + name;
    }
}
