package org.planetrewards.cli;

import org.planetrewards.RuleFailureException;
import org.planetrewards.RulePack;
import org.planetrewards.RulesException;
import org.planetrewards.Settings;
import org.planetrewards.SettingsException;
import org.planetrewards.testing.Scenario;
import org.planetrewards.testing.ScenarioException;
import org.planetrewards.testing.ScenarioResult;
import org.planetrewards.testing.Scenarios;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = Rewards.Version.class, description = {
        "Runs every scenario file (*.scenario.jsonl) under a folder against the rules and prints PASS or FAIL per "
                + "scenario; a failure shows expected against actual decisions and the first fact after which they diverge.",
        "A scenario folder can carry its own configuration: a settings.json beside the scenario files is their settings "
                + "(unless a scenario's header has \"settings\"); .drl files beside them are added to the rule pack "
                + "(replacing a file of the same name); a rules/ folder beside them is their whole rule pack. "
                + "See docs/scenario-format.md.",
        "Exit 0 when all pass; 1 when one fails; 2 when a scenario file is malformed (file and line) or the rules "
                + "cannot be used."})
final class TestCommand implements Callable<Integer> {
    static final int FAILED = 1;
    static final String FOLDER_SETTINGS = "settings.json";
    static final String FOLDER_RULES = "rules";

    private final Rewards root;

    @Parameters(index = "0", paramLabel = "DIR", description = "a folder of scenario files (searched recursively)")
    Path dir;

    @Option(names = "--rules", paramLabel = "DIR", description = "a folder of .drl files instead of the default pack")
    Path rules;

    @Option(names = "--settings", paramLabel = "FILE", description = "a settings file (JSON, see docs/settings.md) for "
            + "the scenarios whose folder has no settings.json and whose header has no settings")
    Path settings;

    @Option(names = "--allow-unsafe-code", description = "run rule code that reaches outside the fact model: only after "
            + "the rule files were reviewed like code, as they run inside the engine with no sandbox")
    boolean allowUnsafeCode;

    /** Each scenario folder's configuration, read once. */
    private final Map<Path, Configuration> byFolder = new HashMap<>();

    /** The rules and settings the scenarios of one folder run with. */
    private record Configuration(RulePack pack, Settings settings) {
    }

    TestCommand(Rewards root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        PrintWriter out = root.out();
        PrintWriter err = root.err();
        if (!Files.isDirectory(dir)) {
            err.println("rewards: no such folder: " + dir);
            return Rewards.INVALID_INPUT;
        }
        Configuration base;
        List<Path> files;
        try {
            base = new Configuration(rules == null ? RulePack.defaults() : RulePack.folder(rules),
                    settings == null ? Settings.defaults() : Settings.load(settings));
            files = Scenarios.find(dir);
        } catch (IllegalArgumentException | UncheckedIOException | SettingsException e) {
            err.println("rewards: " + e.getMessage());
            return Rewards.INVALID_INPUT;
        }
        if (files.isEmpty()) {
            err.println("rewards: no scenario files (*" + Scenarios.SUFFIX + ") under " + dir);
            return Rewards.INVALID_INPUT;
        }
        int passed = 0;
        int failed = 0;
        int malformed = 0;
        for (Path file : files) {
            String name = dir.relativize(file).toString();
            Configuration config;
            Scenario scenario;
            try {
                config = configuration(file.getParent(), base);
                scenario = Scenario.read(file, config.settings());
            } catch (ScenarioException | UncheckedIOException | SettingsException | IllegalArgumentException e) {
                malformed++;
                out.println("MALFORMED " + name + ": " + e.getMessage());
                continue;
            }
            ScenarioResult result;
            try {
                result = Scenarios.run(scenario, config.pack(), allowUnsafeCode);
            } catch (RulesException e) {
                out.flush();
                err.println("rewards: " + e.getMessage());
                return Rewards.INVALID_INPUT;
            } catch (RuleFailureException e) {
                failed++;
                out.println("FAIL " + name + " — " + scenario.name());
                out.println("  a rule failed: " + e.getMessage());
                continue;
            }
            if (result.passed()) {
                passed++;
                out.println("PASS " + name + " — " + scenario.name());
            } else {
                failed++;
                out.println("FAIL " + name + " — " + scenario.name());
                result.report().lines().forEach(l -> out.println("  " + l));
            }
        }
        out.flush();
        err.println("rewards test: " + Plural.of(files.size(), "scenario") + ": " + passed
                + " passed, " + failed + " failed, " + malformed + " malformed (" + describe(base) + ")");
        return malformed > 0 ? Rewards.INVALID_INPUT : failed > 0 ? FAILED : 0;
    }

    private String describe(Configuration base) {
        return base.pack().origin() + ", " + (settings == null ? "default settings" : settings.toString())
                + (byFolder.values().stream().anyMatch(c -> c != base) ? ", and the folders' own settings.json or rules" : "");
    }

    /**
     * The configuration of the scenarios in {@code folder}: its settings.json, else the base settings; its
     * rules/ folder, else the base pack with the folder's .drl files added.
     */
    private Configuration configuration(Path folder, Configuration base) {
        Configuration known = byFolder.get(folder);
        if (known != null) {
            return known;
        }
        Path settingsFile = folder.resolve(FOLDER_SETTINGS);
        Settings s = Files.isRegularFile(settingsFile) ? Settings.load(settingsFile) : base.settings();
        Path rulesFolder = folder.resolve(FOLDER_RULES);
        RulePack pack = Files.isDirectory(rulesFolder) ? RulePack.folder(rulesFolder) : withDrlFiles(base.pack(), folder);
        Configuration c = s == base.settings() && pack == base.pack() ? base : new Configuration(pack, s);
        byFolder.put(folder, c);
        return c;
    }

    private static RulePack withDrlFiles(RulePack pack, Path folder) {
        List<Path> drls;
        try (Stream<Path> files = Files.list(folder)) {
            drls = files.filter(f -> f.getFileName().toString().endsWith(".drl") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": " + e.getMessage(), e);
        }
        if (drls.isEmpty()) {
            return pack;
        }
        Map<String, String> files = new LinkedHashMap<>(pack.files());
        for (Path drl : drls) {
            try {
                files.put(drl.getFileName().toString(), Files.readString(drl, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(drl + ": " + e.getMessage(), e);
            }
        }
        return RulePack.of(pack.origin() + " + " + folder, files);
    }
}
