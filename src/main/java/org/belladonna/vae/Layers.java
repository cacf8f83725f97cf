package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.function.UnaryOperator;

/** The parameter-free layers of the TAESD family; each frees its own intermediates. */
final class Layers {
    private Layers() {
    }

    static Layer relu() {
        return new Layer(Activation::relu, s -> s);
    }

    /** taesd's {@code Clamp}: a soft clamp of latents to (-3, 3), tanh(x / 3) * 3. */
    static Layer clamp() {
        return new Layer(Layers::softClamp, s -> s);
    }

    /** {@code nn.Upsample(scale_factor=2)}: nearest neighbour, each pixel repeated 2x2. */
    static Layer upsample() {
        return new Layer(Layers::nearest2x, s -> new Shape(s.get(0), s.get(1), 2 * s.get(2), 2 * s.get(3)));
    }

    /**
     * A function of one array with its output shape stated, not probed: DJL's LambdaBlock finds a shape by
     * running the function on zeros, which at 512 px costs more than the counting it serves.
     */
    static final class Layer extends AbstractBlock {
        private final UnaryOperator<NDArray> function;
        private final UnaryOperator<Shape> shape;

        Layer(UnaryOperator<NDArray> function, UnaryOperator<Shape> shape) {
            this.function = function;
            this.shape = shape;
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList(function.apply(inputs.singletonOrThrow()));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {shape.apply(inputShapes[0])};
        }
    }

    private static NDArray softClamp(NDArray x) {
        NDArray scaled = x.div(3);
        NDArray squashed = scaled.tanh();
        scaled.close();
        NDArray clamped = squashed.mul(3);
        squashed.close();
        return clamped;
    }

    private static NDArray nearest2x(NDArray x) {
        NDArray rows = x.repeat(2, 2);
        NDArray both = rows.repeat(3, 2);
        rows.close();
        return both;
    }
}
