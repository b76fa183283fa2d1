package org.planetrewards;

/**
 * A fact or history line that breaks the contract of docs/history-format.md. The message names the file and line
 * when the input came from a file: {@code history.jsonl:37: post is missing "text"}.
 */
public final class InvalidInputException extends RuntimeException {
    private final String source;
    private final long line;
    private final String problem;

    public InvalidInputException(String problem) {
        this(null, 0, problem);
    }

    public InvalidInputException(String source, long line, String problem) {
        super(source == null ? problem : source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** The same problem, located in a file. */
    public InvalidInputException at(String newSource, long newLine) {
        return new InvalidInputException(newSource, newLine, problem);
    }

    /** The file name, or {@code null} for a fact handed in directly. */
    public String source() {
        return source;
    }

    /** The 1-based line number, or 0 for a fact handed in directly. */
    public long line() {
        return line;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
