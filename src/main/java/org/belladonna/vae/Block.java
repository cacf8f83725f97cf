package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import static org.belladonna.vae.Conv.conv;
import static org.belladonna.vae.Conv.pointwise;
import static org.belladonna.vae.Layers.relu;

/**
 * taesd's residual {@code Block(n, n)}: relu(conv(x) + x) with conv = conv-ReLU-conv-ReLU-conv
 * (keys {@code conv.0/2/4}). The TAEF2 mid blocks first add a "pool" branch,
 * x = x + pool(x), pool = 1x1 conv (n -> 4n) - GroupNorm(4) - ReLU - 1x1 conv (4n -> n)
 * (keys {@code pool.0/1/3}). Input and output channels are always equal in these models.
 */
final class Block extends AbstractBlock {
    private final Sequential conv;
    private final Sequential pool;

    Block(int channels) {
        this(channels, false);
    }

    Block(int channels, boolean withPool) {
        conv = Sequential.of(conv(channels, channels), relu(), conv(channels, channels), relu(), conv(channels, channels));
        children.add("conv", conv);
        if (withPool) {
            int wide = 4 * channels;
            pool = Sequential.of(pointwise(channels, wide), new GroupNorm(4, wide), relu(), pointwise(wide, channels));
            children.add("pool", pool);
        } else {
            pool = null;
        }
    }

    static Block withPool(int channels) {
        return new Block(channels, true);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (pool != null) {
            x = x.add(pool.forward(store, new NDList(x), training, params).singletonOrThrow());
        }
        NDArray y = conv.forward(store, new NDList(x), training, params).singletonOrThrow();
        return new NDList(Activation.relu(y.add(x)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
