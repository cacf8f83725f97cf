package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import static org.belladonna.vae.Conv.conv;
import static org.belladonna.vae.Conv.conv1x1;
import static org.belladonna.vae.Layers.relu;

/**
 * taesd's {@code Block(n, n, use_midblock_gn)}: fuse(conv(x) + skip(x)) with conv =
 * conv-ReLU-conv-ReLU-conv (keys {@code conv.0/2/4}), skip the identity and fuse a ReLU. With the
 * midblock GroupNorm (TAEF2's last encoder and first decoder blocks) a "pool" branch comes first:
 * x = x + pool(x), pool = 1x1 conv (n -> 4n) - GroupNorm(4) - ReLU - 1x1 conv (4n -> n) (keys
 * {@code pool.0/1/3}). Upstream's 1x1 skip convolution exists only for n_in != n_out, which no
 * TAESD-family model uses, so input and output channels are one number here.
 */
final class Block extends AbstractBlock {
    private final Sequential conv;
    private final Sequential pool;

    Block(int channels) {
        this(channels, false);
    }

    Block(int channels, boolean midblockGn) {
        conv = Sequential.of(conv(channels, channels), relu(), conv(channels, channels), relu(), conv(channels, channels));
        children.add("conv", conv);
        if (midblockGn) {
            int wide = 4 * channels;
            pool = Sequential.of(conv1x1(channels, wide), new GroupNorm(4, wide), relu(), conv1x1(wide, channels));
            children.add("pool", pool);
        } else {
            pool = null;
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        // Sums are made in place in the last convolution's output, which backward does not need (a
        // convolution keeps its input): one full-size allocation less each.
        NDArray x = input;
        if (pool != null) {
            x = pool.forward(store, new NDList(x), training, params).singletonOrThrow().addi(x);
        }
        NDArray sum = conv.forward(store, new NDList(x), training, params).singletonOrThrow().addi(x);
        if (x != input) {
            x.close();
        }
        NDArray fused = Activation.relu(sum);
        sum.close();
        return new NDList(fused);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
