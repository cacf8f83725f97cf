package org.belladonna.nima;

import java.io.IOException;

/** The remote end could not be reached at all (no route, DNS, refused, timeout), as opposed to a bad answer. */
public final class NetworkUnavailableException extends IOException {
    public NetworkUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
