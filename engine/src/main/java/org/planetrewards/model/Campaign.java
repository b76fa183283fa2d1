package org.planetrewards.model;

import java.util.Objects;

/**
 * A campaign (a setting). {@code kind} says which rule file decides it; the other fields are that
 * kind's parameters.
 *
 * <ul>
 *   <li>{@code consecutive-days}: {@code days} counted days in a row;</li>
 *   <li>{@code days-in-window}: {@code days} counted days within {@code window} consecutive calendar days;</li>
 *   <li>{@code tagged-post}: a high-quality post carrying {@code tag}.</li>
 * </ul>
 */
public record Campaign(String id, String kind, String reward, int days, int window, String tag) {
    public static final String CONSECUTIVE_DAYS = "consecutive-days";
    public static final String DAYS_IN_WINDOW = "days-in-window";
    public static final String TAGGED_POST = "tagged-post";

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reward, "reward");
    }

    public static Campaign consecutiveDays(String id, String reward, int days) {
        return new Campaign(id, CONSECUTIVE_DAYS, reward, days, 0, null);
    }

    public static Campaign daysInWindow(String id, String reward, int days, int window) {
        return new Campaign(id, DAYS_IN_WINDOW, reward, days, window, null);
    }

    public static Campaign taggedPost(String id, String reward, String tag) {
        return new Campaign(id, TAGGED_POST, reward, 0, 0, tag);
    }
}
