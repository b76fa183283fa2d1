package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decisions written by DecisionJson read back the same; anything else is refused, not half-read. */
class DecisionJsonTest {
    private static final Decision D = new Decision("mei", "streak-15", "chatgpt-account",
            OffsetDateTime.parse("2026-03-15T21:00:00+08:00"), List.of(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02")));

    @Test
    void aDecisionReadsBackEqual() {
        assertThat(DecisionJson.parse(DecisionJson.toJson(D))).isEqualTo(D);
        assertThat(DecisionJson.toJson(D)).isEqualTo("{\"member\":\"mei\",\"campaign\":\"streak-15\",\"reward\":\"chatgpt-account\","
                + "\"decidedAt\":\"2026-03-15T21:00:00+08:00\",\"days\":[\"2026-03-01\",\"2026-03-02\"]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"member\":\"mei\",\"campaign\":\"c\",\"reward\":\"r\",\"decidedAt\":\"2026-03-15T21:00:00+08:00\",\"days\":\"2026-03-01\"}",
            "{\"member\":\"mei\",\"campaign\":\"c\",\"reward\":\"r\",\"decidedAt\":\"2026-03-15T21:00:00+08:00\",\"days\":[]}",
            "{\"member\":\"mei\",\"campaign\":\"c\",\"reward\":\"r\",\"decidedAt\":\"2026-03-15T21:00:00+08:00\",\"days\":[3]}",
            "{\"member\":42,\"campaign\":\"c\",\"reward\":\"r\",\"decidedAt\":\"2026-03-15T21:00:00+08:00\",\"days\":[\"2026-03-01\"]}",
            "{\"member\":\"mei\",\"campaign\":\"c\",\"reward\":\"r\",\"decidedAt\":\"2026-03-15T21:00:00\",\"days\":[\"2026-03-01\"]}",
            "[1,2]",
            "{\"member\":"})
    void anythingElseIsRefused(String json) {
        assertThatThrownBy(() -> DecisionJson.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a decision");
    }
}
