package org.belladonna.cli;

/**
 * Bad input: a failure the user can fix (a file, an id, a model to install). {@link Main} prints its message
 * as {@code belladonna <command>: <message>} and exits with {@link Main#BAD_INPUT}.
 */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
