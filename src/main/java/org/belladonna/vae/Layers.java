package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;

/** The parameter-free layers of the TAESD family. */
final class Layers {
    private Layers() {
    }

    static LambdaBlock relu() {
        return LambdaBlock.singleton(Activation::relu, "relu");
    }

    /** taesd's {@code Clamp}: a soft clamp of latents to (-3, 3), tanh(x / 3) * 3. */
    static LambdaBlock clamp() {
        return LambdaBlock.singleton(x -> x.div(3).tanh().mul(3), "clamp");
    }

    /** {@code nn.Upsample(scale_factor=2)}: nearest neighbour, each pixel repeated 2x2. */
    static LambdaBlock upsample() {
        return LambdaBlock.singleton(Layers::nearest2x, "upsample");
    }

    private static NDArray nearest2x(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }
}
