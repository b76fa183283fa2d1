package org.planetrewards.testing;

import org.planetrewards.Decision;

import java.util.List;

/**
 * How a scenario ran.
 *
 * @param actual   the decisions the rules made
 * @param failures what did not match, in plain words (empty when it passed)
 * @param report   a readable account for a failing scenario: expected vs actual and the first fact after which they diverge
 */
public record ScenarioResult(Scenario scenario, List<Decision> actual, List<String> failures, String report) {
    public boolean passed() {
        return failures.isEmpty();
    }
}
