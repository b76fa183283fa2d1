package org.planetrewards;

import java.util.List;
import java.util.stream.Collectors;

/** A rule pack that cannot be used: every problem found, each with file, line and column. */
public final class RulesException extends RuntimeException {
    private final List<RuleProblem> problems;

    public RulesException(String origin, List<RuleProblem> problems) {
        super("rules in " + origin + " cannot be used:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
