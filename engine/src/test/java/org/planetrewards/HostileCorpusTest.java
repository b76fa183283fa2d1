package org.planetrewards;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The corpus of hostile rule files, one technique each (the file's first line says which), each
 * added to the default pack the way a hostile admin would. Every one must be refused by
 * {@code rewards check} and when the engine loads the pack, at a line of the hostile file marked
 * {@code // refused}, and nothing of it may run: a successful payload sets a system property.
 * The resolved check alone (without the token reader) must refuse each too: it is the authority.
 */
class HostileCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/hostile");
    static final String MARKER = "planetrewards.hostile.ran";

    static Stream<Path> corpus() throws IOException {
        return HostileRulesTest.drlFiles(CORPUS);
    }

    static RulePack withDefaults(Path file) throws IOException {
        Map<String, String> files = new LinkedHashMap<>(RulePack.defaults().files());
        files.put(file.getFileName().toString(), Files.readString(file));
        return RulePack.of("default pack + " + file.getFileName(), files);
    }

    static Set<Integer> marked(Path file) throws IOException {
        return HostileRulesTest.markedLines(file);
    }

    @AfterEach
    void nothingRan() {
        assertThat(System.getProperty(MARKER)).as("a hostile payload ran").isNull();
    }

    @Test
    void theCorpusHoldsAtLeastFortyTechniquesEachSaidInItsFirstLine() throws IOException {
        List<Path> files = corpus().toList();
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        for (Path f : files) {
            assertThat(Files.readAllLines(f).get(0)).as(f.toString()).startsWith("// Technique: ");
            assertThat(marked(f)).as(f + " marks the line to refuse").isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void isRefusedByCheckAtAMarkedLine(Path file) throws IOException {
        List<RuleProblem> errors = RuleCheck.check(withDefaults(file), Settings.defaults(), false).stream()
                .filter(RuleProblem::isError).toList();

        assertRefusedAtMarkedLine(file, errors);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void isRefusedWhenTheEngineLoadsIt(Path file) throws IOException {
        RulePack pack = withDefaults(file);
        RulesException e = catchThrowableOfType(RulesException.class,
                () -> RewardsEngine.builder().rules(pack).settings(Settings.defaults()).build().close());

        assertThat(e).as(file + " was loaded").isNotNull();
        assertRefusedAtMarkedLine(file, e.problems());
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void isRefusedByTheResolvedCheckAlone(Path file) throws IOException {
        List<RuleProblem> problems = RuleCheck.resolvedProblems(withDefaults(file));

        assertThat(problems).as(file + " passes the resolved check").isNotEmpty();
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.getFileName().toString()));
    }

    @Test
    void theDefaultPackAndTheDocumentedExamplesPassTheResolvedCheck() throws IOException {
        assertThat(RuleCheck.resolvedProblems(RulePack.defaults())).isEmpty();
        try (Stream<Path> dirs = Files.list(Path.of("../docs/examples"))) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Map<String, String> files = new LinkedHashMap<>(RulePack.defaults().files());
                try (Stream<Path> drls = Files.list(dir)) {
                    for (Path drl : drls.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                        files.put(drl.getFileName().toString(), Files.readString(drl));
                    }
                }
                assertThat(RuleCheck.resolvedProblems(RulePack.of(dir.toString(), files))).as(dir.toString()).isEmpty();
            }
        }
    }

    private static void assertRefusedAtMarkedLine(Path file, List<RuleProblem> errors) throws IOException {
        String name = file.getFileName().toString();
        int lines = Files.readAllLines(file).size();
        assertThat(errors).as(name).isNotEmpty();
        assertThat(errors).as("only the hostile file is blamed").allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(name);
            assertThat(p.line()).isBetween(1, lines);
            assertThat(p.column()).isPositive();
        });
        assertThat(errors.stream().map(RuleProblem::line)).as(errors.toString()).containsAnyElementsOf(marked(file));
    }
}
