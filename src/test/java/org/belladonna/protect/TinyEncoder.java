package org.belladonna.protect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;

import java.util.SplittableRandom;

/** A 3-layer random-weight conv net with the encoder's shape contract (1/8 resolution), for loop tests. */
final class TinyEncoder implements LatentEncoder, AutoCloseable {
    private final NDManager nd;
    private final NDArray w1;
    private final NDArray w2;
    private final NDArray w3;

    TinyEncoder(long seed) {
        nd = NDManager.newBaseManager(ai.djl.Device.cpu());
        SplittableRandom r = new SplittableRandom(seed);
        w1 = weights(r, 8, 3);
        w2 = weights(r, 8, 8);
        w3 = weights(r, 4, 8);
    }

    private NDArray weights(SplittableRandom r, int out, int in) {
        float[] w = new float[out * in * 9];
        double scale = Math.sqrt(2.0 / (in * 9));
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * scale);
        }
        return nd.create(w, new Shape(out, in, 3, 3));
    }

    @Override
    public NDArray encode(NDArray x) {
        Shape stride = new Shape(2, 2);
        Shape pad = new Shape(1, 1);
        NDArray h = Activation.relu(Conv2d.conv2d(x, w1, null, stride, pad).singletonOrThrow());
        h = Activation.relu(Conv2d.conv2d(h, w2, null, stride, pad).singletonOrThrow());
        return Conv2d.conv2d(h, w3, null, stride, pad).singletonOrThrow();
    }

    @Override
    public void close() {
        nd.close();
    }
}
