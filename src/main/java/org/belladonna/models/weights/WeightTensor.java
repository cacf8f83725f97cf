package org.belladonna.models.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** One named tensor of a weights file, already widened to float32 in row-major (C) order. */
public record WeightTensor(String name, Shape shape, float[] data) {
    public WeightTensor {
        if (shape.size() != data.length) {
            throw new IllegalArgumentException(name + ": shape " + shape + " needs " + shape.size()
                    + " values, got " + data.length);
        }
    }

    public NDArray toNDArray(NDManager manager) {
        return manager.create(data, shape);
    }
}
