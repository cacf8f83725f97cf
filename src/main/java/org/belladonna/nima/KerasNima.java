package org.belladonna.nima;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A Keras-trained NIMA: a base network's pooled features into {@link KerasNimaHead}. Weights are held on
 * {@link org.belladonna.models.Compute}'s device in {@link #manager()} until {@link #close()}.
 */
public abstract class KerasNima implements AutoCloseable {
    private final NDManager manager;
    private final KerasNimaHead head;

    KerasNima(NDManager manager, KerasNimaHead head) {
        this.manager = manager;
        this.head = head;
    }

    /** (N, 3, H, W) preprocessed -> (N, features), pooled. */
    abstract NDArray features(NDArray input);

    /** (N, 3, H, W) preprocessed to [-1, 1] -> (N, 10) probabilities. Allocates in the input's manager. */
    public final NDArray forward(NDArray input) {
        return head.forward(features(input));
    }

    /** Where inputs must live: create them in a sub-manager of this (closed after each batch). */
    public final NDManager manager() {
        return manager;
    }

    public final Device device() {
        return manager.getDevice();
    }

    /** The Keras name of the head layer found in the file, e.g. "dense_1". */
    public final String denseLayer() {
        return head.kerasName();
    }

    @Override
    public final void close() {
        manager.close();
    }
}
