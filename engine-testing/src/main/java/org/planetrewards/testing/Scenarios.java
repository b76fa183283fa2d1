package org.planetrewards.testing;

import org.planetrewards.Decision;
import org.planetrewards.DecisionJson;
import org.planetrewards.InvalidInputException;
import org.planetrewards.RewardsEngine;
import org.planetrewards.RulePack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Finds and runs scenario files ({@code *.scenario.jsonl}) against a rule pack. */
public final class Scenarios {
    public static final String SUFFIX = ".scenario.jsonl";

    private Scenarios() {
    }

    /** Every scenario file under {@code dir}, in path order. */
    public static List<Path> find(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    /** Runs a scenario on a fresh engine with the given pack and the scenario's settings. */
    public static ScenarioResult run(Scenario s, RulePack rules) {
        return run(s, rules, false);
    }

    /**
     * Runs a scenario on a fresh engine with the given pack and the scenario's settings.
     *
     * @param allowUnsafeRuleCode run rule code that reaches outside the fact model: only for rule files
     *                            reviewed as code ({@link RewardsEngine.Builder#allowUnsafeRuleCode()})
     */
    public static ScenarioResult run(Scenario s, RulePack rules, boolean allowUnsafeRuleCode) {
        List<Decision> actual = new ArrayList<>();
        List<Long> causeLine = new ArrayList<>();
        InvalidInputException stoppedBy = null;
        RewardsEngine.Builder builder = RewardsEngine.builder().rules(rules).settings(s.settings());
        if (allowUnsafeRuleCode) {
            builder.allowUnsafeRuleCode();
        }
        try (RewardsEngine engine = builder.build()) {
            for (Scenario.Given g : s.given()) {
                if (g.error() != null) {
                    stoppedBy = g.error();
                    break;
                }
                try {
                    for (Decision d : engine.apply(g.fact())) {
                        actual.add(d);
                        causeLine.add(g.line());
                    }
                } catch (InvalidInputException e) {
                    stoppedBy = e.at(s.file().getFileName().toString(), g.line());
                    break;
                }
            }
        }
        List<String> failures = new ArrayList<>();
        int diverge = compare(s, actual, failures);
        checkInvalid(s, stoppedBy, failures);
        return new ScenarioResult(s, List.copyOf(actual), List.copyOf(failures),
                failures.isEmpty() ? "" : report(s, actual, causeLine, diverge, failures));
    }

    /** @return the index of the first decision that differs, or -1 */
    private static int compare(Scenario s, List<Decision> actual, List<String> failures) {
        int diverge = -1;
        int n = Math.max(actual.size(), s.expected().size());
        for (int i = 0; i < n; i++) {
            Scenario.Expected e = i < s.expected().size() ? s.expected().get(i) : null;
            Decision a = i < actual.size() ? actual.get(i) : null;
            String why = e == null ? "decision #" + (i + 1) + " was not expected: " + DecisionJson.toJson(a)
                    : a == null ? "expected decision #" + (i + 1) + " (line " + e.line() + ") " + e.member() + "/" + e.campaign() + " did not happen"
                    : mismatch(e, a);
            if (why != null) {
                failures.add(why);
                if (diverge < 0) {
                    diverge = i;
                }
            }
        }
        for (Scenario.Absent x : s.absent()) {
            for (Decision a : actual) {
                if (a.member().equals(x.member()) && a.campaign().equals(x.campaign())) {
                    failures.add("line " + x.line() + " says " + x.member() + " never wins " + x.campaign()
                            + ", but they did: " + DecisionJson.toJson(a));
                }
            }
        }
        return diverge;
    }

    private static String mismatch(Scenario.Expected e, Decision a) {
        List<String> diffs = new ArrayList<>();
        if (!e.member().equals(a.member())) {
            diffs.add("member " + a.member() + " instead of " + e.member());
        }
        if (!e.campaign().equals(a.campaign())) {
            diffs.add("campaign " + a.campaign() + " instead of " + e.campaign());
        }
        if (e.reward() != null && !e.reward().equals(a.reward())) {
            diffs.add("reward " + a.reward() + " instead of " + e.reward());
        }
        // The same instant and the same offset: decidedAt must be written in the community zone.
        if (e.decidedAt() != null && !e.decidedAt().equals(a.decidedAt())) {
            diffs.add("decidedAt " + a.decidedAt() + " instead of " + e.decidedAt());
        }
        if (e.days() != null && !Objects.equals(e.days(), a.days())) {
            diffs.add("days " + a.days() + " instead of " + e.days());
        }
        if (!e.key().equals(a.key())) {
            diffs.add("key \"" + a.key() + "\" instead of \"" + e.key() + "\"");
        }
        if (e.graced() != null && !Objects.equals(e.graced(), a.graced())) {
            diffs.add("graced " + a.graced() + " instead of " + e.graced());
        }
        if (e.revoked() != a.isRevocation()) {
            diffs.add(a.isRevocation() ? "a revocation instead of a decision" : "a decision instead of a revocation");
        } else if (e.cause() != null && !a.revocation().cause().contains(e.cause())) {
            diffs.add("revoked because of " + a.revocation().cause() + ", not " + e.cause());
        }
        return diffs.isEmpty() ? null : "decision at line " + e.line() + " differs: " + String.join("; ", diffs);
    }

    private static void checkInvalid(Scenario s, InvalidInputException stoppedBy, List<String> failures) {
        Scenario.Invalid want = s.invalid();
        if (want == null && stoppedBy != null) {
            failures.add("the history stopped at an unexpected invalid line: " + stoppedBy.getMessage());
        } else if (want != null && stoppedBy == null) {
            failures.add("line " + want.line() + " expects line " + want.factLine() + " to be refused, but the whole history was accepted");
        } else if (want != null) {
            if (stoppedBy.line() != want.factLine() || !stoppedBy.getMessage().contains(want.message())) {
                failures.add("expected line " + want.factLine() + " to be refused with \"" + want.message()
                        + "\", got: " + stoppedBy.getMessage());
            }
        }
    }

    private static String report(Scenario s, List<Decision> actual, List<Long> causeLine, int diverge, List<String> failures) {
        StringBuilder r = new StringBuilder();
        r.append("scenario \"").append(s.name()).append("\" (").append(s.file()).append(") failed\n");
        if (!s.intent().isEmpty()) {
            r.append("  intent: ").append(s.intent()).append('\n');
        }
        for (String f : failures) {
            r.append("  - ").append(f).append('\n');
        }
        r.append("  expected:\n");
        for (Scenario.Expected e : s.expected()) {
            r.append("    ").append(e.member()).append(' ').append(e.campaign())
                    .append(e.decidedAt() == null ? "" : " at " + e.decidedAt()).append("   (line ").append(e.line()).append(")\n");
        }
        r.append("  actual:\n");
        for (int i = 0; i < actual.size(); i++) {
            r.append("    ").append(DecisionJson.toJson(actual.get(i))).append("   <- line ").append(causeLine.get(i)).append('\n');
        }
        if (diverge < 0) {
            diverge = firstUnwanted(s, actual);
        }
        if (diverge >= 0) {
            Scenario.Expected e = diverge < s.expected().size() ? s.expected().get(diverge) : null;
            Decision a = diverge < actual.size() ? actual.get(diverge) : null;
            // The fact that should have caused the expected decision: the one whose stamp is its decidedAt.
            List<Scenario.Given> stamped = e == null || e.decidedAt() == null ? List.of() : s.given().stream()
                    .filter(g -> g.fact() != null && g.fact().stamp().isEqual(e.decidedAt())).toList();
            r.append("  decision #").append(diverge + 1).append(":\n");
            r.append("    expected: ");
            if (e == null) {
                r.append("no further decision\n");
            } else {
                r.append(e.member()).append(' ').append(e.campaign()).append(e.decidedAt() == null ? "" : " at " + e.decidedAt());
                if (!stamped.isEmpty()) {
                    r.append(", caused by line ").append(stamped.get(0).line()).append(" (stamped ").append(e.decidedAt()).append(')');
                    if (stamped.size() > 1) {
                        r.append(" or one of lines ").append(stamped.stream().skip(1).map(g -> String.valueOf(g.line())).toList());
                    }
                } else if (e.decidedAt() != null) {
                    r.append(" (no fact of the history is stamped ").append(e.decidedAt()).append(')');
                }
                r.append('\n');
            }
            r.append("    actual:   ").append(a == null ? "none" : DecisionJson.toJson(a) + ", caused by line " + causeLine.get(diverge))
                    .append('\n');
            // They diverge after the earlier of the two causes: where one decided and the other did not.
            long line = Long.MAX_VALUE;
            if (!stamped.isEmpty()) {
                line = stamped.get(0).line();
            }
            if (a != null) {
                line = Math.min(line, causeLine.get(diverge));
            }
            if (line == Long.MAX_VALUE) {
                line = lastFactLine(s);
            }
            final long at = line;
            String fact = s.given().stream().filter(g -> g.line() == at).map(Scenario.Given::text).findFirst().orElse("");
            r.append("  first divergence after line ").append(line).append(": ").append(fact).append('\n');
        }
        return r.toString();
    }

    /** The index of the first actual decision that an {@code expectNone} line forbids, or -1. */
    private static int firstUnwanted(Scenario s, List<Decision> actual) {
        for (int i = 0; i < actual.size(); i++) {
            Decision a = actual.get(i);
            if (s.absent().stream().anyMatch(x -> x.member().equals(a.member()) && x.campaign().equals(a.campaign()))) {
                return i;
            }
        }
        return -1;
    }

    private static long lastFactLine(Scenario s) {
        return s.given().isEmpty() ? 0 : s.given().get(s.given().size() - 1).line();
    }
}
