package org.planetrewards.cli;

import org.planetrewards.RuleFailureException;
import org.planetrewards.RulePack;
import org.planetrewards.RulesException;
import org.planetrewards.testing.Scenario;
import org.planetrewards.testing.ScenarioException;
import org.planetrewards.testing.ScenarioResult;
import org.planetrewards.testing.Scenarios;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "test", description = {
        "Runs every scenario file (*.scenario.jsonl) under a folder against the rules and prints PASS or FAIL per "
                + "scenario; a failure shows expected against actual decisions and the first fact after which they diverge.",
        "Exit 0 when all pass; 1 when one fails; 2 when a scenario file is malformed (file and line) or the rules "
                + "cannot be used."})
final class TestCommand implements Callable<Integer> {
    static final int FAILED = 1;

    private final Rewards root;

    @Parameters(index = "0", paramLabel = "DIR", description = "a folder of scenario files (searched recursively)")
    Path dir;

    @Option(names = "--rules", paramLabel = "DIR", description = "a folder of .drl files instead of the default pack")
    Path rules;

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
        RulePack pack;
        List<Path> files;
        try {
            pack = rules == null ? RulePack.defaults() : RulePack.folder(rules);
            files = Scenarios.find(dir);
        } catch (IllegalArgumentException | UncheckedIOException e) {
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
            Scenario scenario;
            try {
                scenario = Scenario.read(file);
            } catch (ScenarioException | UncheckedIOException e) {
                malformed++;
                out.println("MALFORMED " + name + ": " + e.getMessage());
                continue;
            }
            ScenarioResult result;
            try {
                result = Scenarios.run(scenario, pack);
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
        err.println("rewards test: " + files.size() + (files.size() == 1 ? " scenario: " : " scenarios: ") + passed
                + " passed, " + failed + " failed, " + malformed + " malformed (" + pack.origin() + ")");
        return malformed > 0 ? Rewards.INVALID_INPUT : failed > 0 ? FAILED : 0;
    }
}
