package org.planetrewards.model;

/**
 * Thresholds of the automatic quality check (a setting).
 *
 * @param minVisibleCharacters how many non-whitespace characters a post's text needs
 */
public record QualitySettings(int minVisibleCharacters) {
}
