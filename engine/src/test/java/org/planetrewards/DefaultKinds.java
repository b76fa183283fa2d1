package org.planetrewards;

import org.planetrewards.model.Campaign;

/**
 * Campaigns of the default pack's kinds, for tests: the engine knows no kind by name (the pack declares
 * them), so tests spell them out here, once.
 */
final class DefaultKinds {
    static final String CONSECUTIVE_DAYS = "consecutive-days";
    static final String DAYS_IN_WINDOW = "days-in-window";
    static final String TAGGED_POST = "tagged-post";

    private DefaultKinds() {
    }

    static Campaign consecutiveDays(String id, String reward, int days) {
        return new Campaign(id, CONSECUTIVE_DAYS, reward, days, 0, null);
    }

    static Campaign daysInWindow(String id, String reward, int days, int window) {
        return new Campaign(id, DAYS_IN_WINDOW, reward, days, window, null);
    }

    static Campaign taggedPost(String id, String reward, String tag) {
        return new Campaign(id, TAGGED_POST, reward, 0, 0, tag);
    }
}
