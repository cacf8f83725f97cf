package org.belladonna.nima;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of a Keras HDF5 file written by {@code model.save_weights} (or the {@code model_weights}
 * group of {@code model.save}), read with jhdf. The file itself says where everything is: the root
 * attribute {@code layer_names} lists the layers, each layer group's attribute {@code weight_names} lists
 * its weights (e.g. {@code conv1_bn/gamma:0}) and each weight is the dataset at
 * {@code <layer>/<weight name>}. Nothing is guessed; tensors keep Keras' layouts (HWIO kernels etc.).
 */
public final class KerasWeights {
    private final String source;
    private final List<String> layerNames;
    /** layer -> weights in file order, keyed by the short name ("kernel", "moving_mean", ...). */
    private final Map<String, Map<String, Tensor>> layers;

    private KerasWeights(String source, List<String> layerNames, Map<String, Map<String, Tensor>> layers) {
        this.source = source;
        this.layerNames = layerNames;
        this.layers = layers;
    }

    /** A float32 tensor as stored: its full Keras weight name, shape and row-major data. */
    public record Tensor(String name, int[] shape, float[] data) {
    }

    public static KerasWeights read(Path file) throws WeightFileException {
        if (!Files.isRegularFile(file)) {
            throw new WeightFileException("weight file not found: " + file);
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Group root = weightsRoot(hdf);
            List<String> names = stringList(root.getAttribute("layer_names"));
            if (names == null) {
                throw new WeightFileException(file + " has no 'layer_names' attribute: not a Keras weights file");
            }
            Map<String, Map<String, Tensor>> layers = new LinkedHashMap<>();
            for (String layer : names) {
                layers.put(layer, readLayer(root, layer, file));
            }
            return new KerasWeights(file.toString(), List.copyOf(names), layers);
        } catch (HdfException e) {
            throw new WeightFileException("cannot read " + file + " as HDF5: " + e.getMessage(), e);
        }
    }

    /** {@code model.save} nests the weights under {@code model_weights}; {@code save_weights} puts them at the root. */
    private static Group weightsRoot(HdfFile hdf) {
        Node nested = hdf.getChildren().get("model_weights");
        return nested instanceof Group g && g.getAttribute("layer_names") != null ? g : hdf;
    }

    private static Map<String, Tensor> readLayer(Group root, String layer, Path file) throws WeightFileException {
        if (!(root.getChildren().get(layer) instanceof Group group)) {
            throw new WeightFileException(file + ": layer '" + layer + "' is in layer_names but has no group");
        }
        // Layers without weights (padding, activations) carry an empty weight_names, or none at all.
        List<String> weightNames = stringList(group.getAttribute("weight_names"));
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (String name : weightNames == null ? List.<String>of() : weightNames) {
            Node node;
            try {
                node = group.getByPath(name);
            } catch (HdfException e) {
                node = null;
            }
            if (!(node instanceof Dataset dataset)) {
                throw new WeightFileException(file + ": weight '" + name + "' of layer '" + layer
                        + "' is listed in weight_names but there is no dataset " + layer + "/" + name);
            }
            weights.put(shortName(name), new Tensor(name, dataset.getDimensions(), floats(dataset, name)));
        }
        return weights;
    }

    private static float[] floats(Dataset dataset, String name) throws WeightFileException {
        Object flat = dataset.getDataFlat();
        if (flat instanceof float[] f) {
            return f;
        }
        if (flat instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        throw new WeightFileException("weight '" + name + "' is " + dataset.getJavaType().getSimpleName()
                + ", expected floating point");
    }

    /** "conv1_bn/moving_mean:0" -> "moving_mean" (also for names nested under a model prefix). */
    static String shortName(String weightName) {
        String last = weightName.substring(weightName.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        return colon < 0 ? last : last.substring(0, colon);
    }

    /** h5py stores these as (fixed-length) string arrays; an empty list may come back as an empty numeric array. */
    private static List<String> stringList(Attribute attribute) {
        if (attribute == null || attribute.isEmpty()) {
            return null;
        }
        Object data = attribute.getData();
        if (data instanceof String s) {
            return List.of(s);
        }
        if (data instanceof String[] a) {
            return Arrays.asList(a);
        }
        return List.of();
    }

    public List<String> layerNames() {
        return layerNames;
    }

    public boolean hasLayer(String layer) {
        return layers.containsKey(layer);
    }

    /** Layers that hold at least one weight, in file order. */
    public List<String> layersWithWeights() {
        List<String> result = new ArrayList<>();
        layers.forEach((layer, weights) -> {
            if (!weights.isEmpty()) {
                result.add(layer);
            }
        });
        return result;
    }

    /**
     * One weight of one layer, checked against the shape the model needs.
     *
     * @param weight the short name: "kernel", "depthwise_kernel", "gamma", "moving_variance", "bias", ...
     */
    public Tensor get(String layer, String weight, int... expectedShape) throws WeightFileException {
        Map<String, Tensor> weights = layers.get(layer);
        if (weights == null) {
            throw new WeightFileException(source + ": layer '" + layer + "' is missing (layer_names has "
                    + layerNames.size() + " layers)");
        }
        Tensor tensor = weights.get(weight);
        if (tensor == null) {
            List<String> present = weights.values().stream().map(Tensor::name).toList();
            throw new WeightFileException(source + ": weight '" + layer + "/" + weight + "' is missing (layer '"
                    + layer + "' has weight_names " + present + ")");
        }
        if (!Arrays.equals(tensor.shape(), expectedShape)) {
            throw new WeightFileException(source + ": weight '" + tensor.name() + "' has shape "
                    + Arrays.toString(tensor.shape()) + ", expected " + Arrays.toString(expectedShape));
        }
        return tensor;
    }
}
