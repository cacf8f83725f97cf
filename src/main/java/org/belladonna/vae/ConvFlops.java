package org.belladonna.vae;

import ai.djl.ndarray.types.Shape;
import ai.djl.util.Pair;

/**
 * Floating-point operations (2 per multiply-add) of every convolution in a block tree for one input
 * shape; ReLU, norms and additions are left out (under 1 % of the total in these models).
 */
final class ConvFlops {
    private ConvFlops() {
    }

    static long count(ai.djl.nn.Block block, Shape input) {
        if (block instanceof Conv conv) {
            return conv.flops(input);
        }
        long total = 0;
        Shape shape = input;
        for (Pair<String, ai.djl.nn.Block> child : block.getChildren()) {
            total += count(child.getValue(), shape);
            if (block instanceof Sequential) {   // layers in a chain; a Block's branches all see its input
                shape = child.getValue().getOutputShapes(new Shape[] {shape})[0];
            }
        }
        return total;
    }
}
