package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.kie.api.definition.rule.Rule;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default pack compiled at build time (PrecompiledPack) is exactly the shipped files, passes every
 * check a load makes, and decides as the same files compiled at load; any other pack is compiled and
 * checked at load.
 */
class PrecompiledPackTest {
    /** The folder admins edit and the rules jar ships. */
    private static final Path SHIPPED = Path.of("..", "rules", "default-pack");

    /** The same rules with one character more per file (a line break at the end): not the shipped text. */
    private static RulePack edited(RulePack pack) {
        Map<String, String> files = new LinkedHashMap<>();
        pack.files().forEach((name, text) -> files.put(name, text + "\n"));
        return RulePack.of("edited", files);
    }

    @Test
    void theCompiledPackIsTheShippedFilesExactly() {
        assertThat(PrecompiledPack.shippedFiles()).as("the engine's build wrote " + PrecompiledPack.RESOURCE).isNotNull();
        assertThat(PrecompiledPack.shippedFiles()).containsExactlyEntriesOf(RulePack.folder(SHIPPED).files());
        assertThat(PrecompiledPack.shippedFiles()).containsExactlyEntriesOf(RulePack.defaults().files());
    }

    @Test
    void theShippedFilesPassEveryCheckALoadMakes() {
        RulePack shipped = RulePack.folder(SHIPPED);
        CompiledRules.compileChecked(shipped); // throws RulesException, with the problems, if refused
        assertThat(RuleCheck.check(shipped, null, false)).noneMatch(p -> p.severity() == RuleProblem.Severity.ERROR);
    }

    @Test
    void onlyAPackOfExactlyTheShippedFilesIsTakenFromIt() {
        RulePack defaults = RulePack.defaults();
        assertThat(PrecompiledPack.load(defaults)).isNotNull();
        assertThat(PrecompiledPack.load(RulePack.folder(SHIPPED))).isNotNull();
        assertThat(PrecompiledPack.load(edited(defaults))).isNull();

        Map<String, String> fewer = new LinkedHashMap<>(defaults.files());
        fewer.remove("tags.drl");
        assertThat(PrecompiledPack.load(RulePack.of("fewer", fewer))).isNull();

        Map<String, String> more = new LinkedHashMap<>(defaults.files());
        more.put("zz-hostile.drl", "package org.planetrewards.rules;\nrule \"reach out\"\nwhen\nthen\n"
                + "    java.lang.System.exit(1);\nend\n");
        assertThat(PrecompiledPack.load(RulePack.of("more", more))).isNull();
        assertThatThrownBy(() -> CompiledRules.compile(RulePack.of("more", more))).isInstanceOf(RulesException.class);
    }

    @Test
    void itHasTheRulesKindsAndMatchedTypesOfTheSameFilesCompiledAtLoad() {
        CompiledRules pre = PrecompiledPack.load(RulePack.defaults());
        CompiledRules fresh = CompiledRules.compileChecked(RulePack.defaults()).rules();

        assertThat(rules(pre)).isEqualTo(rules(fresh));
        assertThat(pre.kinds().kinds()).isEqualTo(fresh.kinds().kinds());
        for (Class<?> type : List.of(org.planetrewards.model.CheckInDay.class, org.planetrewards.model.PostVersion.class,
                org.planetrewards.model.Qualification.class, org.planetrewards.model.CountedDay.class, String.class)) {
            assertThat(pre.matches(type)).as(type.getSimpleName()).isEqualTo(fresh.matches(type));
        }
    }

    /** Every rule: package, name, annotations and attributes Drools keeps as metadata. */
    private static Map<String, String> rules(CompiledRules rules) {
        return rules.kieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream())
                .collect(Collectors.toMap(r -> r.getPackageName() + "." + r.getName(), PrecompiledPackTest::describe,
                        (a, b) -> a, java.util.TreeMap::new));
    }

    private static String describe(Rule r) {
        return new java.util.TreeMap<>(r.getMetaData()).toString();
    }

    @Test
    void theDemoHistoryGetsTheSameDecisionsFromItAsFromTheFilesCompiledAtLoad() throws IOException {
        Path demo = Path.of("..", "examples", "histories", "demo.jsonl");
        List<Decision> precompiled;
        List<Decision> compiled;
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            precompiled = engine.replay(HistoryReader.open(demo));
        }
        try (RewardsEngine engine = RewardsEngine.builder().rules(edited(RulePack.defaults())).build()) {
            compiled = engine.replay(HistoryReader.open(demo));
        }
        assertThat(precompiled).isNotEmpty();
        assertThat(precompiled).isEqualTo(compiled);
    }
}
