package org.planetrewards;

import org.kie.api.runtime.rule.ConsequenceException;

/**
 * A rule failed while running: its consequence threw, or the rules kept firing on one fact past the
 * engine's cap. Names the rule when Drools says which. The fact that caused it is not applied.
 */
public final class RuleFailureException extends RuntimeException {
    private final String rule;

    RuleFailureException(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    static RuleFailureException from(RuntimeException e) {
        if (e instanceof ConsequenceException ce && ce.getMatch() != null && ce.getMatch().getRule() != null) {
            String rule = ce.getMatch().getRule().getName();
            Throwable cause = ce.getCause() != null ? ce.getCause() : ce;
            return new RuleFailureException(rule, "rule \"" + rule + "\" failed: " + cause, cause);
        }
        return new RuleFailureException(null, "the rules failed: " + e, e);
    }

    /** The same failure, located at a history line. */
    RuleFailureException at(String source, long line) {
        return new RuleFailureException(rule, source + ":" + line + ": " + getMessage(), getCause());
    }

    /** The rule that failed, or null when Drools did not say. */
    public String rule() {
        return rule;
    }
}
