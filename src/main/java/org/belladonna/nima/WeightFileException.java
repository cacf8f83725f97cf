package org.belladonna.nima;

import java.io.IOException;

/** A weight file that cannot be used: not HDF5, not Keras' layout, or a weight missing or misshapen. */
public final class WeightFileException extends IOException {
    public WeightFileException(String message) {
        super(message);
    }

    public WeightFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
