package org.belladonna.nima;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.belladonna.models.Compute;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NIMA (Talebi and Milanfar 2018) as idealo trained it ({@code src/handlers/model_builder.py}):
 * MobileNet v1 features -> Dropout -> Dense(10, softmax), the probabilities of aesthetic ratings 1..10.
 * Dropout is the identity at inference, so it has no code here. Weights come from idealo's Keras HDF5
 * file; they are held on {@link Compute}'s device until {@link #close()}.
 */
public final class Nima implements AutoCloseable {
    public static final int BUCKETS = 10;
    /** The input size idealo's model was trained and evaluated at. */
    public static final int INPUT_SIZE = 224;

    private final NDManager manager;
    private final MobileNetV1 base;
    private final NDArray denseWeight;
    private final NDArray denseBias;
    private final String denseLayer;

    private Nima(NDManager manager, MobileNetV1 base, NDArray denseWeight, NDArray denseBias, String denseLayer) {
        this.manager = manager;
        this.base = base;
        this.denseWeight = denseWeight;
        this.denseBias = denseBias;
        this.denseLayer = denseLayer;
    }

    /** Loads idealo's {@code weights_mobilenet_aesthetic_0.07.hdf5} (or any file in its layout). */
    public static Nima load(Path hdf5) throws WeightFileException {
        KerasWeights weights = KerasWeights.read(hdf5);
        NDManager manager = NDManager.newBaseManager(Compute.get().device());
        try {
            MobileNetV1 base = MobileNetV1.load(weights, manager);
            String dense = denseLayer(weights);
            KerasWeights.Tensor kernel = weights.get(dense, "kernel", MobileNetV1.FEATURES, BUCKETS);
            float[] bias = weights.get(dense, "bias", BUCKETS).data();
            return new Nima(manager, base,
                    manager.create(KerasLayout.denseToTorch(kernel.data(), kernel.shape()),
                            new Shape(BUCKETS, MobileNetV1.FEATURES)),
                    manager.create(bias), dense);
        } catch (WeightFileException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The head's Dense layer is named by Keras' counter at training time ("dense_1" in a 2018 Keras session,
     * "dense" in a fresh tf.keras one), so it is found as the one weighted layer that is not MobileNet's.
     */
    private static String denseLayer(KerasWeights weights) throws WeightFileException {
        List<String> extra = new ArrayList<>(weights.layersWithWeights());
        extra.removeAll(MobileNetV1.kerasLayers());
        if (extra.size() != 1) {
            throw new WeightFileException("expected exactly one Dense layer besides MobileNet's layers, found "
                    + extra);
        }
        return extra.get(0);
    }

    /** (N, 3, H, W) preprocessed to [-1, 1] -> (N, 10) probabilities. Allocates in the input's manager. */
    public NDArray forward(NDArray input) {
        NDArray features = base.forward(input);
        return Linear.linear(features, denseWeight, denseBias).singletonOrThrow().softmax(1);
    }

    /** Where inputs must live: create them in a sub-manager of this (closed after each batch). */
    public NDManager manager() {
        return manager;
    }

    public Device device() {
        return manager.getDevice();
    }

    /** The Keras name of the head layer found in the file, e.g. "dense_1". */
    public String denseLayer() {
        return denseLayer;
    }

    @Override
    public void close() {
        manager.close();
    }
}
