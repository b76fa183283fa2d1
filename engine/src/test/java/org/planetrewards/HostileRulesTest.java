package org.planetrewards;

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
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The golden folder of hostile rule files: each one is valid DRL that compiles against the fact
 * model, so it is the check, not the compiler, that refuses it. Every line marked
 * {@code // refused} must be reported, and no other.
 */
class HostileRulesTest {
    static final Path HOSTILE = Path.of("src/test/resources/hostile-rules");
    static final String TAIL = ", which is outside the fact model (rule files are code: allow it only after review, with --allow-unsafe-code)";

    static Stream<Path> hostileFiles() throws IOException {
        return drlFiles(HOSTILE);
    }

    /** The .drl files of a folder, in name order: one attack each. */
    static Stream<Path> drlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".drl")).sorted().toList().stream();
        }
    }

    static RulePack single(Path file) {
        try {
            return RulePack.of(file.getFileName().toString(), Map.of(file.getFileName().toString(), Files.readString(file)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Set<Integer> markedLines(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Set<Integer> marked = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// refused")) {
                marked.add(i + 1);
            }
        }
        return marked;
    }

    static List<RuleProblem> errors(RulePack pack, boolean allowUnsafeCode) {
        return RuleCheck.check(pack, Settings.defaults(), allowUnsafeCode).stream().filter(RuleProblem::isError).toList();
    }

    @Test
    void theFolderHoldsEveryKindOfAttack() throws IOException {
        assertThat(hostileFiles().map(p -> p.getFileName().toString())).contains(
                "runtime-exec.drl", "system-exit.drl", "network-url.drl", "network-socket.drl",
                "reflection-getclass.drl", "reflection-forname.drl", "function-writes-file.drl",
                "function-nio-files.drl", "import-java-io.drl", "global-executor.drl", "constraint-getenv.drl",
                "from-getenv.drl", "new-thread.drl");
    }

    @ParameterizedTest
    @MethodSource("hostileFiles")
    void isRefusedOnEveryMarkedLineAndNoOther(Path file) throws IOException {
        List<RuleProblem> errors = errors(single(file), false);

        assertThat(errors).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(file.getFileName().toString());
            assertThat(p.column()).isPositive();
            assertThat(p.message()).containsAnyOf(TAIL, "(rule files are code: allow it only after review, with --allow-unsafe-code)",
                    "which can hide code from this check");
        });
        Set<Integer> lines = errors.stream().map(RuleProblem::line).collect(Collectors.toCollection(TreeSet::new));
        assertThat(lines).as(errors.toString()).isEqualTo(markedLines(file));
    }

    @ParameterizedTest
    @MethodSource("hostileFiles")
    void compilesAsDrlSoItIsTheCheckThatRefusesIt(Path file) {
        assertThat(errors(single(file), true)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("hostileFiles")
    void theEngineRefusesItWhenItLoadsTheRules(Path file) {
        List<RuleProblem> expected = errors(single(file), false);

        assertThatThrownBy(() -> RewardsEngine.builder().rules(single(file)).build())
                .isInstanceOfSatisfying(RulesException.class, e -> assertThat(e.problems()).isEqualTo(expected));
    }

    @Test
    void theWholeFolderIsRefusedFileByFile() throws IOException {
        List<RuleProblem> errors = errors(RulePack.folder(HOSTILE), false);

        assertThat(errors.stream().map(RuleProblem::file).distinct())
                .containsExactlyElementsOf(hostileFiles().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void eachAttackIsNamedInPlainWords() throws IOException {
        Map<String, String> first = new LinkedHashMap<>();
        for (Path file : hostileFiles().toList()) {
            first.put(file.getFileName().toString(), errors(single(file), false).get(0).toString());
        }
        assertThat(first).containsEntry("runtime-exec.drl", "runtime-exec.drl:11:5: error: the consequence of rule "
                        + "\"Run a program whenever a campaign is loaded\" uses java.lang.Runtime" + TAIL)
                .containsEntry("system-exit.drl", "system-exit.drl:11:5: error: the consequence of rule "
                        + "\"Stop the engine on the first check-in\" uses java.lang.System" + TAIL)
                .containsEntry("network-url.drl", "network-url.drl:11:5: error: the consequence of rule "
                        + "\"Report each post to a web site\" uses java.net.URI" + TAIL)
                .containsEntry("network-socket.drl", "network-socket.drl:9:9: error: the consequence of rule "
                        + "\"Open a socket for every check-in\" uses java.net.Socket" + TAIL)
                .containsEntry("reflection-getclass.drl", "reflection-getclass.drl:11:20: error: the consequence of rule "
                        + "\"Call a method by its name\" uses getClass (reflection)" + TAIL)
                .containsEntry("reflection-forname.drl", "reflection-forname.drl:11:5: error: the consequence of rule "
                        + "\"Load a class by its name\" uses java.lang.Class" + TAIL)
                .containsEntry("function-writes-file.drl", "function-writes-file.drl:8:10: error: function remember uses java.io.FileWriter" + TAIL)
                .containsEntry("function-nio-files.drl", "function-nio-files.drl:9:16: error: function secret uses java.nio.file.Files" + TAIL)
                .containsEntry("import-java-io.drl", "import-java-io.drl:5:8: error: the import of java.io.File uses java.io.File" + TAIL)
                .containsEntry("global-executor.drl", "global-executor.drl:7:8: error: global pool uses java.util.concurrent.ExecutorService" + TAIL)
                .containsEntry("constraint-getenv.drl", "constraint-getenv.drl:9:21: error: a condition of rule "
                        + "\"Read the environment in a condition\" uses java.lang.System" + TAIL)
                .containsEntry("from-getenv.drl", "from-getenv.drl:10:28: error: a condition of rule "
                        + "\"Read the environment in a from\" uses java.lang.System" + TAIL)
                .containsEntry("new-thread.drl", "new-thread.drl:11:9: error: the consequence of rule "
                        + "\"Start a thread on every check-in\" uses java.lang.Thread" + TAIL)
                .containsEntry("drools-session.drl", "drools-session.drl:11:5: error: the consequence of rule "
                        + "\"Stop the session\" uses drools (the engine's own session)" + TAIL)
                .containsEntry("salience-runtime.drl", "salience-runtime.drl:8:16: error: an attribute of rule "
                        + "\"Code in the salience\" uses java.lang.Runtime" + TAIL)
                .containsEntry("declare-initialiser.drl", "declare-initialiser.drl:8:21: error: the declaration of Note uses java.lang.System" + TAIL)
                .containsEntry("static-import-exit.drl", "static-import-exit.drl:5:15: error: the import of java.lang.System.exit uses java.lang.System" + TAIL)
                .containsEntry("wildcard-import.drl", "wildcard-import.drl:5:8: error: the import of java.io.* uses the package java.io" + TAIL)
                .containsEntry("mvel-class-property.drl", "mvel-class-property.drl:8:13: error: dialect \"mvel\" (MVEL code "
                        + "resolves names at run time against the engine's session, so it cannot be held to the allow-list: write "
                        + "consequences in Java) (rule files are code: allow it only after review, with --allow-unsafe-code)")
                .containsEntry("package-shadow.drl", "package-shadow.drl:1:9: error: the package org.planetrewards would put the rules "
                        + "among the classes of org.planetrewards, in reach without an import: name a package of your own, like "
                        + "org.planetrewards.rules (rule files are code: allow it only after review, with --allow-unsafe-code)")
                .containsEntry("unicode-escape-comment.drl", "unicode-escape-comment.drl:12:28: error: the consequence of rule "
                        + "\"Hide code in a comment\" has a \\u escape, which can hide code from this check (Java reads it as any "
                        + "character, even a quote or a line break): write the character itself")
                .containsEntry("unicode-escape-string.drl", "unicode-escape-string.drl:11:17: error: the consequence of rule "
                        + "\"Hide code in a string\" has a \\u escape, which can hide code from this check (Java reads it as any "
                        + "character, even a quote or a line break): write the character itself");
    }

    @Test
    void aReviewedPackBuildsWhenTheHostAllowsUnsafeRuleCode() throws IOException {
        Map<String, String> files = new LinkedHashMap<>(RulePack.defaults().files());
        Path reviewed = HOSTILE.resolve("global-executor.drl");
        files.put("global-executor.drl", Files.readString(reviewed));
        RulePack pack = RulePack.of("reviewed", files);

        assertThatThrownBy(() -> RewardsEngine.builder().rules(pack).build()).isInstanceOf(RulesException.class);
        try (RewardsEngine engine = RewardsEngine.builder().rules(pack).allowUnsafeRuleCode().build()) {
            assertThat(engine.settings()).isEqualTo(Settings.defaults());
        }
    }
}
