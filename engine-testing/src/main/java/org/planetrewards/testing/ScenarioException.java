package org.planetrewards.testing;

/** A scenario file that is not well formed, with its file and line. */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(String source, long line, String problem) {
        super(source + ":" + line + ": " + problem);
    }
}
