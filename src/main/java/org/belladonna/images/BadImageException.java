package org.belladonna.images;

/** An upload or file that is not an image we accept; the message is shown to the user as is. */
public final class BadImageException extends Exception {
    public BadImageException(String message) {
        super(message);
    }

    public BadImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
