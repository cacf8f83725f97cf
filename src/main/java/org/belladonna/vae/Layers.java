package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;

/** The parameter-free layers of the TAESD family; each frees its own intermediates. */
final class Layers {
    private Layers() {
    }

    static LambdaBlock relu() {
        return LambdaBlock.singleton(Activation::relu, "relu");
    }

    /** taesd's {@code Clamp}: a soft clamp of latents to (-3, 3), tanh(x / 3) * 3. */
    static LambdaBlock clamp() {
        return LambdaBlock.singleton(Layers::softClamp, "clamp");
    }

    /** {@code nn.Upsample(scale_factor=2)}: nearest neighbour, each pixel repeated 2x2. */
    static LambdaBlock upsample() {
        return LambdaBlock.singleton(Layers::nearest2x, "upsample");
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
