package org.belladonna.models.weights;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a state dict into a DJL block tree whose child and parameter names follow PyTorch's
 * (e.g. {@code 11.pool.1.weight}). Every parameter must declare its shape, so a file that does not
 * fit is refused before anything is loaded, with the offending key named.
 */
public final class StateDictLoader {
    private StateDictLoader() {
    }

    /** Loads all weights as frozen float32 arrays in {@code manager}: gradients go to inputs only. */
    public static void load(Block model, StateDict weights, NDManager manager) throws WeightsException {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        collect(model, "", parameters);

        List<String> missing = new ArrayList<>();
        for (String key : parameters.keySet()) {
            if (weights.get(key) == null) {
                missing.add(key);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : weights.names()) {
            if (!parameters.containsKey(key)) {
                unexpected.add(key);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new WeightsException("weights do not fit the model: missing " + missing + ", unexpected " + unexpected);
        }
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            WeightTensor tensor = weights.get(entry.getKey());
            if (!entry.getValue().getShape().equals(tensor.shape())) {
                throw new WeightsException("shape mismatch for " + entry.getKey() + ": the model expects "
                        + entry.getValue().getShape() + ", the file has " + tensor.shape());
            }
        }
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            WeightTensor tensor = weights.get(entry.getKey());
            Parameter parameter = entry.getValue();
            parameter.setInitializer((m, shape, type) -> tensor.toNDArray(m));
            parameter.initialize(manager, DataType.FLOAT32);
            parameter.freeze(true);
        }
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (p.getValue().getShape() == null) {
                throw new IllegalStateException(prefix + p.getKey() + " does not declare its shape");
            }
            out.put(prefix + p.getKey(), p.getValue());
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), prefix + child.getKey() + ".", out);
        }
    }
}
