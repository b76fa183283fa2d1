package org.planetrewards.cli;

import org.planetrewards.RuleCheck;
import org.planetrewards.RulePack;
import org.planetrewards.RuleProblem;
import org.planetrewards.Settings;
import org.planetrewards.SettingsException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Rewards.Version.class, description = {
        "Checks a folder of .drl rule files and a settings file before anything runs, and prints every problem, "
                + "one per line: file:line:column: error|warning: message (settings: file: $.json.path: ...).",
        "Reports syntax and type errors, settings errors, rule code that reaches outside the fact model "
                + "(rule files are code that runs inside the engine), tags the settings do not define, campaigns "
                + "that can never be rewarded and rules that can never fire.",
        "Says whether replays run in batches; when a rule stops that, a note (file:line:column: note: ...) names it "
                + "and what it lacks: replays then run one fact at a time, slower, with the same decisions.",
        "Exit 0 when there is nothing to report but notes; 1 when there is; 2 when a file or folder cannot be read."})
final class CheckCommand implements Callable<Integer> {
    static final int PROBLEMS = 1;

    private final Rewards root;

    @Option(names = "--rules", paramLabel = "DIR", description = "a folder of .drl files instead of the default pack")
    Path rules;

    @Option(names = "--settings", paramLabel = "FILE", description = "a settings file (JSON) instead of the default settings")
    Path settings;

    @Option(names = "--allow-unsafe-code", description = "do not report code outside the fact model: only after the rule "
            + "files were reviewed like code, as they run inside the engine with no sandbox")
    boolean allowUnsafeCode;

    CheckCommand(Rewards root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        PrintWriter out = root.out();
        PrintWriter err = root.err();
        RulePack pack;
        try {
            pack = rules == null ? RulePack.defaults() : RulePack.folder(rules);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("rewards: " + e.getMessage());
            return Rewards.INVALID_INPUT;
        }
        List<RuleProblem> settingsRefused = new ArrayList<>();
        Settings checked = Settings.defaults();
        String source = "default settings";
        java.nio.file.Path packSettings = rules == null ? null : rules.resolve("settings.json");
        if (settings == null && packSettings != null && Files.isRegularFile(packSettings)) {
            source = "settings.json";
            try {
                checked = Settings.load(packSettings);
            } catch (SettingsException e) {
                settingsRefused.add(RuleProblem.of(e));
                checked = null; // the pack is still checked, alone
            }
        } else if (settings != null) {
            if (!Files.isRegularFile(settings) || !Files.isReadable(settings)) {
                err.println("rewards: no such file: " + settings);
                return Rewards.INVALID_INPUT;
            }
            source = settings.getFileName().toString();
            try {
                checked = Settings.load(settings);
            } catch (SettingsException e) {
                e.problems().forEach(p -> settingsRefused.add(RuleProblem.of(p)));
                checked = null; // the pack is still checked, alone
            }
        }
        List<RuleProblem> problems = new ArrayList<>(RuleCheck.check(pack, checked, source, allowUnsafeCode));
        problems.addAll(settingsRefused);
        for (RuleProblem p : problems) {
            out.println(p);
        }
        out.flush();
        String what = pack.origin() + " and " + (settings == null ? source : settings.toString());
        if (allowUnsafeCode) {
            err.println("rewards check: code outside the fact model was not checked (--allow-unsafe-code): "
                    + "review the rule files as code");
        }
        long errors = problems.stream().filter(RuleProblem::isError).count();
        long notes = problems.stream().filter(p -> p.severity() == RuleProblem.Severity.NOTE).count();
        long warnings = problems.size() - errors - notes;
        // The pack compiled when no rule file has an error; then a pack without the note replays in batches.
        boolean compiled = problems.stream().noneMatch(p -> p.isError() && p.jsonPath() == null);
        String replays = notes > 0 ? "; replays run one fact at a time (see the note)"
                : compiled ? "; replays run in batches" : "";
        if (errors + warnings == 0) {
            err.println("rewards check: " + what + ": no problems" + replays);
            return 0;
        }
        err.println("rewards check: " + what + ": " + Plural.of(errors, "error") + ", " + Plural.of(warnings, "warning") + replays);
        return PROBLEMS;
    }
}
