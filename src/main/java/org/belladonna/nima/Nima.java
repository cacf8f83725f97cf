package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.belladonna.models.Compute;

import java.nio.file.Path;

/**
 * NIMA (Talebi and Milanfar 2018) as idealo trained it ({@code src/handlers/model_builder.py}):
 * MobileNet v1 features -> Dropout -> Dense(10, softmax), the probabilities of aesthetic ratings 1..10.
 * Dropout is the identity at inference, so it has no code here. Weights come from idealo's Keras HDF5
 * file; they are held on {@link Compute}'s device until {@link #close()}.
 */
public final class Nima extends KerasNima {
    public static final int BUCKETS = 10;
    /** The input size idealo's model was trained and evaluated at. */
    public static final int INPUT_SIZE = 224;

    private final MobileNetV1 base;

    private Nima(NDManager manager, MobileNetV1 base, KerasNimaHead head) {
        super(manager, head);
        this.base = base;
    }

    /** Loads idealo's {@code weights_mobilenet_aesthetic_0.07.hdf5} (or any file in its layout), run as tf.keras runs it. */
    public static Nima load(Path hdf5) throws WeightFileException {
        return load(hdf5, StridePadding.TF_SAME);
    }

    public static Nima load(Path hdf5, StridePadding padding) throws WeightFileException {
        KerasWeights weights = KerasWeights.read(hdf5);
        NDManager manager = NDManager.newBaseManager(Compute.get().device());
        try {
            MobileNetV1 base = MobileNetV1.load(weights, manager, padding);
            return new Nima(manager, base,
                    KerasNimaHead.load(weights, MobileNetV1.kerasLayers(), "MobileNet", MobileNetV1.FEATURES, manager));
        } catch (WeightFileException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    NDArray features(NDArray input) {
        return base.forward(input);
    }
}
