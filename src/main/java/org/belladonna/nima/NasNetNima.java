package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
public final class NasNetNima extends KerasNima {
    public static final int INPUT_SIZE = 224;

    private final NasNetMobile base;

    private NasNetNima(NDManager manager, NasNetMobile base, KerasNimaHead head) {
        super(manager, head);
        this.base = base;
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
            return new NasNetNima(manager, base,
                    KerasNimaHead.load(weights, names, "NASNet-Mobile", NasNetMobile.FEATURES, manager));
        } catch (WeightFileException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    NDArray features(NDArray input) {
        return base.forward(input);
    }

    /** The DJL block tree, named as Keras names the layers. */
    NasNetMobile base() {
        return base;
    }
}
