package org.planetrewards;

/**
 * A settings file that cannot be used. The message names the file, the JSON path and what was
 * expected: {@code rewards.json: $.campaigns[1].days: expected a whole number of at least 1, found "15"}.
 * A file with several problems gives them all at once ({@link #problems()}), so an admin fixes them in
 * one pass; the message is the first, with how many more there are.
 */
public final class SettingsException extends RuntimeException {
    private final String source;
    private final String path;
    private final String problem;
    private final java.util.List<SettingsException> problems;

    public SettingsException(String source, String path, String problem) {
        super(source + ": " + path + ": " + problem);
        this.source = source;
        this.path = path;
        this.problem = problem;
        this.problems = java.util.List.of(this);
    }

    /** The first of several problems, carrying them all. */
    private SettingsException(SettingsException first, java.util.List<SettingsException> all) {
        super(first.getMessage() + " (and " + (all.size() - 1) + " more " + (all.size() == 2 ? "problem" : "problems")
                + " in this file; rewards check lists them all)");
        this.source = first.source;
        this.path = first.path;
        this.problem = first.problem;
        this.problems = java.util.List.copyOf(all);
    }

    /** One exception for a non-empty list of problems: the first, carrying them all. */
    static SettingsException of(java.util.List<SettingsException> all) {
        return all.size() == 1 ? all.get(0) : new SettingsException(all.get(0), all);
    }

    /** Every problem of the file, this one first; each names its JSON path. */
    public java.util.List<SettingsException> problems() {
        return problems;
    }

    public String source() {
        return source;
    }

    /** The JSON path of the offending value, like {@code $.tags[2].label}. */
    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
