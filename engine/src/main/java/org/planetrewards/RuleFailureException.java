package org.planetrewards;

/**
 * A rule failed while running: it threw (an {@code Error} such as a stack overflow included), the rules
 * kept firing on one fact past the engine's cap, or they ran out of the fact's {@link Settings.RuleLimits}
 * (time or inserts). Names the rule when Drools says which (for the cap: the rule that fired most), and
 * the fact it failed on. The fact is not applied and no decision comes of it; the engine stays usable,
 * except after a consequence that could not be stopped (a loop of its own): then this exception says
 * that the engine must be rebuilt, and every later call that needs the stuck shard says it again.
 */
public final class RuleFailureException extends RuntimeException {
    private final String rule;
    private final transient Fact fact;

    RuleFailureException(String rule, String message, Throwable cause) {
        this(rule, null, message, cause);
    }

    private RuleFailureException(String rule, Fact fact, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
        this.fact = fact;
    }

    /** The same failure, saying which fact it happened on. */
    RuleFailureException on(Fact f) {
        if (fact != null) {
            return this;
        }
        return new RuleFailureException(rule, f, getMessage() + " (on " + describe(f) + ")", getCause() != null ? getCause() : this);
    }

    /** The same rule and fact, said in other words (that name the fact already). */
    RuleFailureException reworded(String message) {
        return new RuleFailureException(rule, fact, message, getCause() != null ? getCause() : this);
    }

    /** The same failure, located in a history file. */
    public RuleFailureException at(String source, long line) {
        return new RuleFailureException(rule, fact, source + ":" + line + ": " + getMessage(), getCause() != null ? getCause() : this);
    }

    /** The rule that failed, or null when Drools did not say. */
    public String rule() {
        return rule;
    }

    /** The fact the rules failed on, or null when the failure came from a reload. */
    public Fact fact() {
        return fact;
    }

    /** A fact in a few words: its kind, ids and stamp, not a post's text. */
    static String describe(Fact f) {
        if (f instanceof CheckIn c) {
            return "checkin of member \"" + c.member() + "\" at " + c.at();
        }
        if (f instanceof Post p) {
            return "post \"" + p.id() + "\" of member \"" + p.member() + "\" stamped " + p.stamp();
        }
        Moderation m = (Moderation) f;
        return "moderation " + m.action().word() + " of post \"" + m.post() + "\" at " + m.at();
    }
}
