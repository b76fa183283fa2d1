package org.planetrewards.cli;

import org.planetrewards.InvalidInputException;
import org.planetrewards.RuleFailureException;
import org.planetrewards.RulesException;
import org.planetrewards.SettingsException;
import org.planetrewards.SnapshotException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** How every command reports what stopped it: one line on stderr and the exit code the README lists. */
final class Failures {
    private Failures() {
    }

    /**
     * Reports a failure the user can act on.
     *
     * @return {@link Rewards#RULE_FAILURE} for a rule that failed at run time, {@link Rewards#INVALID_INPUT} for the rest
     * @throws RuntimeException the same exception, when it is a bug rather than bad input
     */
    static int report(Exception e, PrintWriter err) {
        if (e instanceof InvalidInputException) {
            err.println("rewards: invalid input: " + e.getMessage());
            return Rewards.INVALID_INPUT;
        }
        if (e instanceof RuleFailureException) {
            err.println("rewards: rule failure: " + e.getMessage());
            return Rewards.RULE_FAILURE;
        }
        if (e instanceof NoSuchFileException missing) {
            err.println("rewards: no such file: " + missing.getFile());
            return Rewards.INVALID_INPUT;
        }
        if (e instanceof RulesException || e instanceof SettingsException || e instanceof SnapshotException
                || e instanceof IOException || e instanceof UncheckedIOException || e instanceof IllegalArgumentException) {
            err.println("rewards: " + e.getMessage());
            return Rewards.INVALID_INPUT;
        }
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
}
