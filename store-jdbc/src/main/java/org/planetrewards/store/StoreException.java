package org.planetrewards.store;

/**
 * The decision store cannot do its part: the database refused a statement, is not one the store speaks,
 * or holds the state of another history. The message names the database and what went wrong.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
