package org.belladonna.models.weights;

import java.io.IOException;

/** A weights file that cannot be read, or that does not fit the model it is loaded into. */
public class WeightsException extends IOException {
    public WeightsException(String message) {
        super(message);
    }

    public WeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
