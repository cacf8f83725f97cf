package org.belladonna.cli;

/** A failure the user can fix; Main prints its message as one line and exits non-zero. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
