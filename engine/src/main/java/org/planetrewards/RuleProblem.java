package org.planetrewards;

/**
 * Something wrong in a rule file, found before anything runs.
 *
 * @param file   the {@code .drl} file name
 * @param line   1-based, or 0 when Drools gives none
 * @param column 1-based, or 0 when Drools gives none
 */
public record RuleProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
