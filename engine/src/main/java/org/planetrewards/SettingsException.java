package org.planetrewards;

/**
 * A settings file that cannot be used. The message names the file, the JSON path and what was
 * expected: {@code rewards.json: $.campaigns[1].days: expected a whole number of at least 1, found "15"}.
 */
public final class SettingsException extends RuntimeException {
    private final String source;
    private final String path;
    private final String problem;

    public SettingsException(String source, String path, String problem) {
        super(source + ": " + path + ": " + problem);
        this.source = source;
        this.path = path;
        this.problem = problem;
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
