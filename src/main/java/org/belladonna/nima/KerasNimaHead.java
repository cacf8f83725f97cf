package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * NIMA's head in a Keras file: Dropout (the identity at inference, so no code) then Dense(10, softmax) over the
 * base network's pooled features, giving the probabilities of aesthetic ratings 1..10.
 *
 * @param weight     (10, features), PyTorch's layout
 * @param bias       (10)
 * @param kerasName  the Dense layer's name in the file, e.g. "dense_1"
 */
record KerasNimaHead(NDArray weight, NDArray bias, String kerasName) {
    /**
     * The Dense layer is named by Keras' counter at training time ("dense_1" in a 2018 Keras session, "dense" in
     * a fresh tf.keras one), so it is found as the one weighted layer that is not the base network's.
     */
    static KerasNimaHead load(KerasWeights weights, Collection<String> baseLayers, String baseName, int features,
                              NDManager manager) throws WeightFileException {
        List<String> extra = new ArrayList<>(weights.layersWithWeights());
        extra.removeAll(baseLayers);
        if (extra.size() != 1) {
            throw new WeightFileException("expected exactly one Dense layer besides " + baseName + "'s layers, found "
                    + extra);
        }
        String dense = extra.get(0);
        KerasWeights.Tensor kernel = weights.get(dense, "kernel", features, Nima.BUCKETS);
        float[] bias = weights.get(dense, "bias", Nima.BUCKETS).data();
        return new KerasNimaHead(manager.create(KerasLayout.denseToTorch(kernel.data(), kernel.shape()),
                new Shape(Nima.BUCKETS, features)), manager.create(bias), dense);
    }

    /** (N, features) -> (N, 10) probabilities. */
    NDArray forward(NDArray features) {
        return Linear.linear(features, weight, bias).singletonOrThrow().softmax(1);
    }
}
