package org.planetrewards;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.planetrewards.testing.ScenarioTests;

import java.nio.file.Path;
import java.util.stream.Stream;

/** Every scenario file next to the tests, against the default rule pack. */
class ScenarioFilesTest {
    @TestFactory
    Stream<DynamicTest> defaultPackScenarios() {
        return ScenarioTests.in(Path.of("src/test/scenarios"));
    }
}
