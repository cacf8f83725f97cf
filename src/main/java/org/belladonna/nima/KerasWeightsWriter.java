package org.belladonna.nima;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes weights in the layout Keras' {@code save_weights} produces with h5py: root attributes
 * {@code layer_names}, {@code backend}, {@code keras_version}; one group per layer with attribute
 * {@code weight_names}; each weight a dataset at {@code <layer>/<weight name>}, the '/' in the weight
 * name making the nested group (so {@code conv1/conv1/kernel:0}).
 *
 * <p>One difference, forced by jhdf 0.10, which cannot write empty arrays: h5py gives layers without
 * weights an empty {@code weight_names}; here their group has no such attribute. Keras' own loader
 * (and {@link KerasWeights}) reads both as "no weights".
 */
public final class KerasWeightsWriter {
    private KerasWeightsWriter() {
    }

    /** @param layers every layer in model order, each with its weights (empty for padding, activations, ...) */
    public static void write(Path file, Map<String, List<KerasWeights.Tensor>> layers) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("layer_names", layers.keySet().toArray(String[]::new));
            hdf.putAttribute("backend", "tensorflow");
            hdf.putAttribute("keras_version", "2.2.4");
            layers.forEach((layer, weights) -> {
                WritableGroup group = hdf.putGroup(layer);
                if (weights.isEmpty()) {
                    return;
                }
                group.putAttribute("weight_names", weights.stream().map(KerasWeights.Tensor::name)
                        .toArray(String[]::new));
                Map<String, WritableGroup> groups = new HashMap<>();
                for (KerasWeights.Tensor weight : weights) {
                    String name = weight.name();
                    int slash = name.lastIndexOf('/');
                    WritableGroup parent = group;
                    if (slash >= 0) {
                        parent = groups.computeIfAbsent(name.substring(0, slash), path -> nestedGroup(group, path));
                    }
                    parent.putDataset(name.substring(slash + 1), nest(weight.data(), weight.shape(), 0, 0));
                }
            });
        }
    }

    private static WritableGroup nestedGroup(WritableGroup group, String path) {
        WritableGroup g = group;
        for (String part : path.split("/")) {
            g = g.putGroup(part);
        }
        return g;
    }

    /** jhdf writes Java multi-dimensional arrays: reshape the flat row-major data into one. */
    private static Object nest(float[] data, int[] shape, int axis, int offset) {
        if (axis == shape.length - 1) {
            float[] row = new float[shape[axis]];
            System.arraycopy(data, offset, row, 0, row.length);
            return row;
        }
        int stride = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            stride *= shape[i];
        }
        Object first = nest(data, shape, axis + 1, offset);
        Object array = Array.newInstance(first.getClass(), shape[axis]);
        Array.set(array, 0, first);
        for (int i = 1; i < shape[axis]; i++) {
            Array.set(array, i, nest(data, shape, axis + 1, offset + i * stride));
        }
        return array;
    }
}
