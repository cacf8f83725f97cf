package org.belladonna.store;

/** The data directory or database cannot be used; the message is one line a user can act on. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
