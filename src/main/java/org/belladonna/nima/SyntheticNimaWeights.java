package org.belladonna.nima;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random weights with the names, shapes and layer order of idealo's NIMA file, for tests and for
 * benchmarking where the real file is absent. Layer list as Keras builds {@code MobileNet(include_top=False,
 * pooling='avg')} plus idealo's head (keras_applications/mobilenet.py, idealo model_builder.py).
 * Scales are chosen so activations neither vanish nor saturate and the softmax is neither uniform nor
 * one-hot; small moving variances make BatchNorm's epsilon visible in the output.
 */
public final class SyntheticNimaWeights {
    private static final int[] FILTERS = {64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024};
    private static final int[] STRIDES = {1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1};

    private final SplittableRandom random;
    private final Map<String, List<KerasWeights.Tensor>> layers = new LinkedHashMap<>();

    private SyntheticNimaWeights(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Every layer of the Keras model in order, weightless ones with an empty list; the head is "dense_1". */
    public static Map<String, List<KerasWeights.Tensor>> layers(long seed) {
        SyntheticNimaWeights w = new SyntheticNimaWeights(seed);
        w.empty("input_1");
        w.empty("conv1_pad");
        w.conv("conv1", 3, 3, 32);
        w.batchNorm("conv1_bn", 32);
        w.empty("conv1_relu");
        int channels = 32;
        for (int i = 0; i < FILTERS.length; i++) {
            int id = i + 1;
            if (STRIDES[i] == 2) {
                w.empty("conv_pad_" + id);
            }
            w.depthwise("conv_dw_" + id, channels);
            w.batchNorm("conv_dw_" + id + "_bn", channels);
            w.empty("conv_dw_" + id + "_relu");
            w.conv("conv_pw_" + id, 1, channels, FILTERS[i]);
            w.batchNorm("conv_pw_" + id + "_bn", FILTERS[i]);
            w.empty("conv_pw_" + id + "_relu");
            channels = FILTERS[i];
        }
        w.empty("global_average_pooling2d_1");
        w.empty("dropout_1");
        w.layers.put("dense_1", List.of(
                w.tensor("dense_1/kernel:0", 0.02, 0, channels, Nima.BUCKETS),
                w.uniform("dense_1/bias:0", -0.5, 0.5, Nima.BUCKETS)));
        return w.layers;
    }

    /** Writes a seeded random weight file in the Keras layout; returns {@code file}. */
    public static Path write(Path file, long seed) {
        KerasWeightsWriter.write(file, layers(seed));
        return file;
    }

    private void empty(String layer) {
        layers.put(layer, List.of());
    }

    private void conv(String layer, int kernel, int in, int out) {
        double he = Math.sqrt(2.0 / (kernel * kernel * in));
        layers.put(layer, List.of(tensor(layer + "/kernel:0", he, 0, kernel, kernel, in, out)));
    }

    private void depthwise(String layer, int channels) {
        layers.put(layer, List.of(tensor(layer + "/depthwise_kernel:0", Math.sqrt(2.0 / 9), 0, 3, 3, channels, 1)));
    }

    private void batchNorm(String layer, int channels) {
        List<KerasWeights.Tensor> weights = new ArrayList<>();
        weights.add(uniform(layer + "/gamma:0", 0.5, 1.5, channels));
        weights.add(uniform(layer + "/beta:0", -0.3, 0.3, channels));
        weights.add(uniform(layer + "/moving_mean:0", -0.2, 0.2, channels));
        weights.add(uniform(layer + "/moving_variance:0", 0.05, 1.0, channels));
        layers.put(layer, List.copyOf(weights));
    }

    private KerasWeights.Tensor tensor(String name, double std, double mean, int... shape) {
        float[] data = new float[size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (mean + std * gaussian());
        }
        return new KerasWeights.Tensor(name, shape, data);
    }

    private KerasWeights.Tensor uniform(String name, double low, double high, int... shape) {
        float[] data = new float[size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return new KerasWeights.Tensor(name, shape, data);
    }

    /** Box-Muller; SplittableRandom has no nextGaussian in Java 17. */
    private double gaussian() {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
