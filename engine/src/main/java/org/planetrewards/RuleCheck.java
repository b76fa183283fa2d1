package org.planetrewards;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a rule pack and the settings before anything runs, like {@code rewards check} does.
 *
 * <p>It reports, one {@link RuleProblem} each:
 * <ul>
 *   <li>syntax and type errors of the {@code .drl} files, with file, line and column, in plain words;</li>
 *   <li>code in a rule file that reaches outside the fact model: a rule file is Java and MVEL code
 *       that runs inside the engine with no sandbox, so every name it uses is read against an
 *       allow-list (the fact model, the pack's declared types, java.time, the collection types of
 *       java.util and a few java.lang types such as String and Math). Anything else
 *       ({@code java.io.File}, {@code Runtime}, {@code System.exit}, reflection, threads...) is an
 *       error unless {@code allowUnsafeCode} is set after a review of the files;</li>
 *   <li>admin mistakes: a tag a rule names that the settings do not define, a campaign with no
 *       reward, an unknown tag or a kind that no rule handles, a rule that can never fire because
 *       nothing inserts the facts it matches;</li>
 *   <li>settings values that cannot work, at their JSON path;</li>
 *   <li>the pack's words ({@link MessageLints}): a message key a rule names that no message file has, a
 *       placeholder a sentence uses that nothing gives, a language file that lacks a sentence English has;</li>
 *   <li>a {@link RuleProblem.Severity#NOTE note}, no mistake, when a pack that compiles cannot replay in batches:
 *       the first rule (by name) that looks at facts under {@code not}, {@code exists}, {@code forall},
 *       {@code accumulate} or {@code collect} without tying them to a member or a post, at that pattern's line.
 *       Its replays run one fact at a time, slower, with the same decisions. A pack that compiles and gets no
 *       such note replays in batches.</li>
 * </ul>
 *
 * <p>The engine runs the same code check whenever it compiles rules ({@link RewardsEngine.Builder#build()}),
 * so a hostile file is refused there too. Errors make the rules unusable; warnings are likely
 * mistakes that the engine lets through.
 */
public final class RuleCheck {
    /** The name settings problems carry when the settings did not come from a file. */
    public static final String SETTINGS = "settings";

    private RuleCheck() {
    }

    /** {@link #check(RulePack, Settings, String, boolean)} with settings that did not come from a file. */
    public static List<RuleProblem> check(RulePack pack, Settings settings, boolean allowUnsafeCode) {
        return check(pack, settings, SETTINGS, allowUnsafeCode);
    }

    /**
     * Every problem found in the pack and the settings, rule files first (by file, line and column),
     * then the settings. Empty when both are clean.
     *
     * @param settings        the settings to check the pack against; {@code null} to check the pack alone
     *                        (when the settings file itself could not be read, say)
     * @param settingsSource  the settings file name, for messages like {@code rewards.json: $.campaigns[0].tag: ...}
     * @param allowUnsafeCode do not report code that reaches outside the fact model: only after a review
     *                        of the rule files, which are code
     */
    public static List<RuleProblem> check(RulePack pack, Settings settings, String settingsSource, boolean allowUnsafeCode) {
        List<RuleFile> files = read(pack);
        Set<String> declared = CodeAllowList.declaredNames(files);
        List<RuleProblem> ruleProblems = new ArrayList<>();
        List<RuleProblem> unsafe = refused(unsafeCode(files, declared));
        if (!allowUnsafeCode) {
            ruleProblems.addAll(unsafe);
        }
        // Code that is refused is not compiled: a compiler may evaluate constant expressions. Names
        // the check could not resolve are compiled: the compiler names a mistake more plainly, and
        // when it compiles them, the load refuses them (CompiledRules).
        if (allowUnsafeCode || unsafe.isEmpty()) {
            try {
                RuleProblem slower = CompiledRules.compile(pack, allowUnsafeCode).batchable().note(pack.origin());
                if (slower != null) {
                    ruleProblems.add(slower);
                }
            } catch (RulesException e) {
                ruleProblems.addAll(e.problems());
            }
        }
        List<RuleProblem> lints = new ArrayList<>(RuleLints.check(files, declared, settings, settingsSource));
        lints.addAll(MessageLints.check(files, pack.messages(), settings, settingsSource));
        List<RuleProblem> settingsProblems = new ArrayList<>();
        for (RuleProblem p : lints) {
            (p.jsonPath() != null ? settingsProblems : ruleProblems).add(p);
        }
        Map<String, Integer> order = new HashMap<>();
        for (String name : pack.files().keySet()) {
            order.put(name, order.size());
        }
        ruleProblems.sort(Comparator.comparing((RuleProblem p) -> order.getOrDefault(p.file(), Integer.MAX_VALUE))
                .thenComparing(RuleProblem::file)
                .thenComparingInt(RuleProblem::line)
                .thenComparingInt(RuleProblem::column));
        List<RuleProblem> all = new ArrayList<>(new LinkedHashSet<>(ruleProblems));
        all.addAll(settingsProblems);
        return all;
    }

    /**
     * The code in the pack that reaches outside the fact model, and text that could hide such code
     * from this check; every one an error. The engine refuses a pack with any.
     */
    static List<RuleProblem> unsafeCode(RulePack pack) {
        List<RuleFile> files = read(pack);
        return unsafeCode(files, CodeAllowList.declaredNames(files));
    }

    private static List<RuleProblem> unsafeCode(List<RuleFile> files, Set<String> declared) {
        return unsafeCode(files, declared, true);
    }

    /**
     * The code check before compiling: the token reader ({@link CodeAllowList}, cheap, and the only
     * one that sees text hidden from the parser) and the resolved check of conditions and
     * declarations ({@link ExpressionCheck}). After compiling, {@link CompiledCodeCheck} judges the
     * compiled code; it is the authority for consequences, functions, eval and accumulate code.
     */
    static List<RuleProblem> unsafeCode(List<RuleFile> files, Set<String> declared, boolean withTokens) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleFile f : files) {
            List<RuleProblem> inFile = new ArrayList<>(withTokens ? CodeAllowList.check(f, declared) : List.of());
            Set<Integer> lines = new java.util.HashSet<>();
            inFile.forEach(p -> lines.add(p.line()));
            // One reason per line is enough to act on: the token reader's, when it found one.
            for (RuleProblem p : ExpressionCheck.check(f, declared, files)) {
                if (!lines.contains(p.line())) {
                    inFile.add(p);
                }
            }
            inFile.sort(Comparator.comparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
            problems.addAll(inFile);
        }
        return problems;
    }

    /**
     * The resolved checks alone, without the token reader: what the conditions resolve to, then what
     * the compiled code names. For tests that show the resolved check refuses on its own.
     */
    static List<RuleProblem> resolvedProblems(RulePack pack) {
        List<RuleFile> files = read(pack);
        List<RuleProblem> before = unsafeCode(files, CodeAllowList.declaredNames(files), false);
        if (!before.isEmpty()) {
            return before;
        }
        try {
            CompiledRules.compileUnchecked(pack);
            return List.of();
        } catch (RulesException e) {
            return e.problems();
        }
    }

    /** The problems that refuse a name, leaving out names that could not be resolved. */
    static List<RuleProblem> refused(List<RuleProblem> problems) {
        return problems.stream().filter(p -> !ExpressionCheck.isUnresolved(p)).toList();
    }

    /** The pack's file names in the order to compile them ({@link RuleLints#derivationOrder}). */
    static List<String> loadOrder(RulePack pack) {
        List<RuleFile> files = read(pack);
        return RuleLints.derivationOrder(files, CodeAllowList.declaredNames(files));
    }

    private static List<RuleFile> read(RulePack pack) {
        List<RuleFile> files = new ArrayList<>();
        for (Map.Entry<String, String> e : pack.files().entrySet()) {
            files.add(RuleFile.read(e.getKey(), e.getValue()));
        }
        return files;
    }

    /** Whether any of the problems is an error (warnings alone leave the rules usable). */
    public static boolean hasErrors(List<RuleProblem> problems) {
        return problems.stream().anyMatch(RuleProblem::isError);
    }
}
