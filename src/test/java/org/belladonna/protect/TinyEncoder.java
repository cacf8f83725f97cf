package org.belladonna.protect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import org.belladonna.vae.Surrogate;

import java.util.SplittableRandom;

/** A 3-layer random-weight conv net with the encoder's shape contract (1/8 resolution), for loop tests. */
final class TinyEncoder {
    private TinyEncoder() {
    }

    /** A surrogate named {@code name} whose random weights come from {@code seed}; it owns them. */
    static Surrogate create(String name, long seed) {
        NDManager nd = NDManager.newBaseManager(ai.djl.Device.cpu());
        SplittableRandom r = new SplittableRandom(seed);
        NDArray w1 = weights(nd, r, 8, 3);
        NDArray w2 = weights(nd, r, 8, 8);
        NDArray w3 = weights(nd, r, 4, 8);
        LambdaBlock block = new LambdaBlock(in -> new NDList(encode(in.singletonOrThrow(), w1, w2, w3)), "tiny");
        block.initialize(nd, DataType.FLOAT32, new Shape(1, 3, 64, 64));   // no parameters of its own: the weights above
        return Surrogate.of(name, block, nd, 8, 4);
    }

    private static NDArray weights(NDManager nd, SplittableRandom r, int out, int in) {
        float[] w = new float[out * in * 9];
        double scale = Math.sqrt(2.0 / (in * 9));
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * scale);
        }
        return nd.create(w, new Shape(out, in, 3, 3));
    }

    private static NDArray encode(NDArray x, NDArray w1, NDArray w2, NDArray w3) {
        Shape stride = new Shape(2, 2);
        Shape pad = new Shape(1, 1);
        NDArray h = Activation.relu(Conv2d.conv2d(x, w1, null, stride, pad).singletonOrThrow());
        h = Activation.relu(Conv2d.conv2d(h, w2, null, stride, pad).singletonOrThrow());
        return Conv2d.conv2d(h, w3, null, stride, pad).singletonOrThrow();
    }
}
