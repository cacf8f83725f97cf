package org.belladonna.models;

import java.io.IOException;

/** A model file that is not installed or does not match its pin; the message says how to fix it. */
public class ModelMissingException extends IOException {
    private final String modelId;

    public ModelMissingException(String modelId, String message) {
        super(message);
        this.modelId = modelId;
    }

    public String modelId() {
        return modelId;
    }
}
