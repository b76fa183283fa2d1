package org.planetrewards;

import java.util.Objects;

/**
 * Something wrong in a rule file or in the settings, found before anything runs. Shown like a
 * compiler message: {@code quality.drl:12:9: error: ...} for a rule file, and
 * {@code rewards.json: $.campaigns[1].reward: error: ...} for the settings.
 *
 * @param file     the {@code .drl} file name, or the settings file name
 * @param line     1-based, or 0 when there is none (Drools gave none, or a settings problem)
 * @param column   1-based, or 0 when there is none
 * @param severity an {@link Severity#ERROR} makes the rules or settings unusable; a
 *                 {@link Severity#WARNING} is a likely mistake that does not stop the engine; a
 *                 {@link Severity#NOTE} is no mistake, something an admin may want to act on
 * @param jsonPath for a settings problem, the JSON path of the offending value (like
 *                 {@code $.campaigns[1].reward}); {@code null} for a rule file
 */
public record RuleProblem(String file, int line, int column, String message, Severity severity, String jsonPath) {

    /** How bad a problem is. */
    public enum Severity {
        ERROR, WARNING,
        /**
         * Not a problem: a fact about valid rules that costs something, such as a pack whose replays run one
         * fact at a time (slower, same decisions) because of one rule.
         */
        NOTE;

        /** {@code error}, {@code warning} or {@code note}, as printed. */
        public String word() {
            return switch (this) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case NOTE -> "note";
            };
        }
    }

    public RuleProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    /** An error in a rule file. */
    public RuleProblem(String file, int line, int column, String message) {
        this(file, line, column, message, Severity.ERROR, null);
    }

    /** An error in a rule file. */
    public static RuleProblem error(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, message, Severity.ERROR, null);
    }

    /** A likely mistake in a rule file. */
    public static RuleProblem warning(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, message, Severity.WARNING, null);
    }

    /** Something about a rule file worth knowing that is no mistake. */
    static RuleProblem note(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, message, Severity.NOTE, null);
    }

    /** A problem in a settings file, at a JSON path. */
    public static RuleProblem inSettings(String file, String jsonPath, Severity severity, String message) {
        return new RuleProblem(file, 0, 0, message, severity, Objects.requireNonNull(jsonPath, "jsonPath"));
    }

    /** The settings file's own refusal, as a problem. */
    public static RuleProblem of(SettingsException e) {
        return inSettings(e.source(), e.path(), Severity.ERROR, e.problem());
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        if (jsonPath != null) {
            return file + ": " + jsonPath + ": " + severity.word() + ": " + message;
        }
        return file + ":" + line + ":" + column + ": " + severity.word() + ": " + message;
    }
}
