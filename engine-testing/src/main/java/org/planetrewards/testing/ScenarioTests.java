package org.planetrewards.testing;

import org.junit.jupiter.api.DynamicTest;
import org.planetrewards.RulePack;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Scenario files as JUnit 5 dynamic tests, one per file, so testers add cases without Java:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> scenarios() {
 *     return ScenarioTests.in(Path.of("src/test/scenarios"));
 * }
 * }</pre>
 *
 * Needs {@code junit-jupiter-api} on the test classpath (the engine does not bring it).
 */
public final class ScenarioTests {
    private ScenarioTests() {
    }

    /** One test per scenario file under {@code dir}, run against the default rule pack. */
    public static Stream<DynamicTest> in(Path dir) {
        return in(dir, RulePack.defaults());
    }

    /** One test per scenario file under {@code dir}, run against {@code rules}. */
    public static Stream<DynamicTest> in(Path dir, RulePack rules) {
        return Scenarios.find(dir).stream().map(file -> DynamicTest.dynamicTest(
                dir.relativize(file).toString(), file.toUri(), () -> {
                    ScenarioResult result = Scenarios.run(Scenario.read(file), rules);
                    if (!result.passed()) {
                        throw new AssertionError(result.report());
                    }
                }));
    }
}
