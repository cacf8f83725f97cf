package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Frees a layer's intermediate results as soon as the next layer has consumed them. DJL keeps every
 * array until its manager or scope closes, so a forward pass held all of its activations at once
 * (PyTorch frees a temporary when its last reference goes). Safe under autograd: closing the Java
 * handle only drops one reference, and libtorch keeps its own reference to every tensor backward
 * needs. Never pass a network's input here: it belongs to the caller.
 */
final class Intermediates {
    private Intermediates() {
    }

    /** Closes every array of {@code consumed} that {@code result} does not pass on. */
    static void release(NDList consumed, NDList result) {
        for (NDArray array : consumed) {
            if (result.stream().noneMatch(kept -> kept == array)) {
                array.close();
            }
        }
    }
}
