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
 * NIMA with a NASNet-Mobile base as titu1994/neural-image-assessment evaluates it ({@code evaluate_nasnet.py}):
 * {@code NASNetMobile((224, 224, 3), include_top=False, pooling='avg', weights=None)} -> Dropout(0.75)
 * (identity at inference) -> Dense(10, softmax), weights {@code nasnet_weights.h5} (trained by tfriedel
 * with Keras 2.1.3's NASNetMobile). The script imports NASNetMobile from titu1994's {@code utils/nasnet.py},
 * not from keras.applications; both pool with 'same' padding ({@link NasNetPadding#TF_SAME}), unlike
 * later keras-applications. Weights are read by Keras layer name and held on {@link Compute}'s device.
 */
public final class NasNetNima implements AutoCloseable {
    public static final int INPUT_SIZE = 224;

    private final NDManager manager;
    private final NasNetMobile base;
    private final NDArray denseWeight;
    private final NDArray denseBias;
    private final String denseLayer;

    private NasNetNima(NDManager manager, NasNetMobile base, NDArray denseWeight, NDArray denseBias, String denseLayer) {
        this.manager = manager;
        this.base = base;
        this.denseWeight = denseWeight;
        this.denseBias = denseBias;
        this.denseLayer = denseLayer;
    }

    /** Loads {@code nasnet_weights.h5} (or any file in its layout), run as {@code evaluate_nasnet.py} runs it. */
    public static NasNetNima load(Path hdf5) throws WeightFileException {
        return load(hdf5, NasNetPadding.TF_SAME);
    }

    public static NasNetNima load(Path hdf5, NasNetPadding padding) throws WeightFileException {
        return load(hdf5, KerasConventions.of(padding));
    }

    static NasNetNima load(Path hdf5, KerasConventions conventions) throws WeightFileException {
        return load(KerasWeights.read(hdf5), conventions);
    }

    static NasNetNima load(KerasWeights weights, KerasConventions conventions) throws WeightFileException {
        // Keras 2.1.x named x1's right branch "reduction_1_<id>"; keras-applications renamed it "reduction_right1_<id>"
        String right1 = weights.hasLayer("separable_conv_1_reduction_right1_stem_1") ? "reduction_right1_" : "reduction_1_";
        NasNetMobile base = new NasNetMobile(conventions, right1);
        NDManager manager = NDManager.newBaseManager(Compute.get().device());
        try {
            List<String> names = new ArrayList<>();
            for (KerasLayer layer : base.kerasLayers()) {
                layer.load(weights, manager);
                names.add(layer.kerasName());
            }
            String dense = denseLayer(weights, names);
            KerasWeights.Tensor kernel = weights.get(dense, "kernel", NasNetMobile.FEATURES, Nima.BUCKETS);
            float[] bias = weights.get(dense, "bias", Nima.BUCKETS).data();
            return new NasNetNima(manager, base,
                    manager.create(KerasLayout.denseToTorch(kernel.data(), kernel.shape()),
                            new Shape(Nima.BUCKETS, NasNetMobile.FEATURES)),
                    manager.create(bias), dense);
        } catch (WeightFileException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The head's Dense layer is named by Keras' counter ("dense_1" in evaluate_nasnet.py): the one layer left over. */
    private static String denseLayer(KerasWeights weights, List<String> nasnetLayers) throws WeightFileException {
        List<String> extra = new ArrayList<>(weights.layersWithWeights());
        extra.removeAll(nasnetLayers);
        if (extra.size() != 1) {
            throw new WeightFileException("expected exactly one Dense layer besides NASNet-Mobile's layers, found " + extra);
        }
        return extra.get(0);
    }

    /** (N, 3, H, W) preprocessed to [-1, 1] -> (N, 10) probabilities. Allocates in the input's manager. */
    public NDArray forward(NDArray input) {
        return Linear.linear(base.forward(input), denseWeight, denseBias).singletonOrThrow().softmax(1);
    }

    public NDManager manager() {
        return manager;
    }

    public Device device() {
        return manager.getDevice();
    }

    public String denseLayer() {
        return denseLayer;
    }

    /** The DJL block tree, named as Keras names the layers. */
    NasNetMobile base() {
        return base;
    }

    @Override
    public void close() {
        manager.close();
    }
}
