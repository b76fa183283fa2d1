package org.planetrewards.cli.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.planetrewards.RuleCheck;
import org.planetrewards.RulePack;
import org.planetrewards.RuleProblem;
import org.planetrewards.Settings;
import org.planetrewards.cli.CommandRun;
import org.planetrewards.testing.Scenario;
import org.planetrewards.testing.ScenarioResult;
import org.planetrewards.testing.Scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked examples of docs/authoring-rules.md and docs/settings.md, run from the files the guide
 * shows (docs/examples/NAME/: settings.json, rule files, scenario files), so the guide and the tests
 * cannot drift apart. Each example's rule files are added to the default pack (or replace its file of
 * the same name), its settings.json replaces the default settings.
 */
class DocExamplesTest {
    static final Path EXAMPLES = Path.of("../docs/examples");
    static final Path GUIDE = Path.of("../docs/authoring-rules.md");
    static final Path SETTINGS_DOC = Path.of("../docs/settings.md");

    /** One example folder: its rules (the default pack plus its .drl files) and settings. */
    record Example(Path dir, RulePack rules, Settings settings, List<Path> ruleFiles) {
        String name() {
            return dir.getFileName().toString();
        }
    }

    static List<Example> examples() {
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            return dirs.filter(Files::isDirectory).sorted().map(DocExamplesTest::example).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Example example(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> drls = files.filter(f -> f.toString().endsWith(".drl")).sorted().toList();
            Map<String, String> pack = new LinkedHashMap<>(RulePack.defaults().files());
            for (Path drl : drls) {
                pack.put(drl.getFileName().toString(), Files.readString(drl, StandardCharsets.UTF_8));
            }
            Path settings = dir.resolve("settings.json");
            return new Example(dir, RulePack.of(dir.toString(), pack),
                    Files.exists(settings) ? Settings.load(settings) : Settings.defaults(), drls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theExamplesAreThere() {
        assertThat(examples()).extracting(Example::name).containsExactly(
                "add-a-campaign", "add-a-tag", "anti-farming", "change-a-threshold", "early-bird", "grace-days",
                "monthly-repeat", "night-owls", "retire-a-campaign", "retire-a-tag", "revocation", "seasonal-campaign",
                "streak-levels", "tag-variety");
    }

    /** Each scenario passes with the example's rules and settings, and fails without them: the change is what makes it pass. */
    @TestFactory
    Stream<DynamicTest> everyScenarioPassesWithItsExampleAndNotWithTheDefaults() {
        return examples().stream().flatMap(ex -> Scenarios.find(ex.dir()).stream().map(file ->
                DynamicTest.dynamicTest(ex.name() + "/" + file.getFileName(), file.toUri(), () -> {
                    assertThat(new ObjectMapper().readTree(Files.readAllLines(file).get(0)).has("settings"))
                            .as("%s: the example's settings.json is the settings, not the scenario header", file).isFalse();
                    Scenario s = Scenario.read(file);
                    Scenario withExample = new Scenario(s.file(), s.name(), s.intent(), ex.settings(), s.given(), s.expected(),
                            s.absent(), s.invalid());
                    ScenarioResult result = Scenarios.run(withExample, ex.rules());
                    assertThat(result.passed()).as(result.report()).isTrue();
                    assertThat(Scenarios.run(s, RulePack.defaults()).passed())
                            .as("%s passes with the default rules and settings too: it shows nothing", file).isFalse();
                })));
    }

    /**
     * What {@code rewards check} says of each example, as the guide tells an admin to run it: nothing, not even
     * a note: every example replays in batches (docs/authoring-rules.md, "Rules that replay in batches").
     */
    @TestFactory
    Stream<DynamicTest> everyExampleIsCleanForTheRuleCheck(@TempDir Path tmp) {
        return examples().stream().map(ex -> DynamicTest.dynamicTest(ex.name(), () -> {
            List<RuleProblem> problems = RuleCheck.check(ex.rules(), ex.settings(), "settings.json", false);
            assertThat(problems).as("%s", problems).isEmpty();

            Path pack = tmp.resolve(ex.name());
            Files.createDirectories(pack);
            for (Map.Entry<String, String> f : ex.rules().files().entrySet()) {
                Files.writeString(pack.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
            List<String> args = new java.util.ArrayList<>(List.of("check", "--rules", pack.toString()));
            if (Files.exists(ex.dir().resolve("settings.json"))) {
                args.addAll(List.of("--settings", ex.dir().resolve("settings.json").toString()));
            }
            CommandRun run = CommandRun.of(args.toArray(String[]::new));
            assertThat(run.code()).as(run.out() + "\n" + run.err()).isZero();
            assertThat(run.err()).endsWith("; replays run in batches" + System.lineSeparator());
        }));
    }

    @Test
    void settingsChangesNeedNoRuleFile() {
        assertThat(examples()).filteredOn(ex -> !List.of("add-a-campaign", "early-bird", "tag-variety").contains(ex.name())).allSatisfy(ex -> {
            assertThat(ex.ruleFiles()).as(ex.name()).isEmpty();
            assertThat(ex.dir().resolve("settings.json")).exists();
        });
    }

    @Test
    void theThresholdExampleIsTheSettingsFileShippedForDiff() {
        assertThat(Settings.load(EXAMPLES.resolve("change-a-threshold/settings.json")))
                .isEqualTo(Settings.load(Path.of("../examples/settings/ten-in-twenty.json")));
    }

    /** The guide's fact-type tables name every type of the fact model, so a new type cannot go unmentioned. */
    @Test
    void theGuideNamesEveryTypeOfTheFactModel() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        try (Stream<Path> model = Files.list(Path.of("../engine/src/main/java/org/planetrewards/model"))) {
            List<String> types = model.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".java") && !n.equals("package-info.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).sorted().toList();
            assertThat(types).isNotEmpty().allSatisfy(t -> assertThat(guide).as("the guide names %s", t).contains("`" + t + "`"));
        }
        assertThat(guide).contains("docs/authoring-rules-check.md").contains("Rule files are code");
    }

    /** docs/settings.md has a row for every key the settings file reads (SettingsFile). */
    @Test
    void theSettingsDocDescribesEveryKey() throws IOException {
        String doc = Files.readString(SETTINGS_DOC, StandardCharsets.UTF_8);
        for (String key : List.of("zone", "tags", "tags[].id", "tags[].label", "tags[].needsSourceLink", "quality",
                "quality.minVisibleCharacters", "quality.refuseRepeatedText", "quality.maxCountedPostsPerDay", "quality.minMinutesAfterCheckIn", "dayStartsAt", "campaigns", "campaigns[].id", "campaigns[].kind", "campaigns[].reward",
                "campaigns[].days", "campaigns[].window", "campaigns[].tag", "campaigns[].activeFrom", "campaigns[].activeUntil", "locale")) {
            assertThat(doc).as("a row for %s", key).contains("| `" + key + "` |");
        }
        // Every top-level section and campaign key the writer produces is among them.
        com.fasterxml.jackson.databind.JsonNode written = new ObjectMapper().readTree(Settings.defaults().toJson());
        written.fieldNames().forEachRemaining(k -> assertThat(doc).contains("| `" + k + "` |"));
        written.get("campaigns").forEach(c -> c.fieldNames().forEachRemaining(k -> assertThat(doc).contains("| `campaigns[]." + k + "` |")));
        written.get("tags").forEach(t -> t.fieldNames().forEachRemaining(k -> assertThat(doc).contains("| `tags[]." + k + "` |")));
    }

    /** The guides show every example file whole, exactly as tested. */
    @Test
    void theGuidesShowTheExampleFilesAsTheyAre() throws IOException {
        String docs = Files.readString(GUIDE, StandardCharsets.UTF_8) + Files.readString(SETTINGS_DOC, StandardCharsets.UTF_8);
        for (Example ex : examples()) {
            List<Path> shown = new java.util.ArrayList<>(ex.ruleFiles());
            shown.add(ex.dir().resolve("settings.json"));
            for (Path f : shown) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                assertThat(docs).as("the guide shows %s as it is", f).contains(text);
                assertThat(docs).as("the guide names %s", f).contains("docs/examples/" + ex.name() + "/" + f.getFileName());
            }
        }
    }
}
