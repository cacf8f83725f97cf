package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * NASNet-A Mobile, "4 @ 1056" (Zoph et al. 2018), as Keras' {@code NASNetMobile(include_top=False,
 * pooling='avg')} builds it: a 3x3 stride-2 'valid' stem conv to 32 channels and BatchNorm; two stem
 * Reduction cells (filters 11, 22); 4 Normal cells (44); a Reduction cell (88); 4 Normal cells (88); a
 * Reduction cell (176); 4 Normal cells (176); ReLU; global average pooling to 1056 features. Each cell
 * also takes the previous cell's input, adjusted by {@link AdjustBlock}. Children carry the Keras names
 * (cells under their name scope, e.g. {@code normal_A_block_0}, layers under their layer names).
 * BatchNorm epsilon 1e-3 throughout. Works on any input of at least 32x32 pixels; NIMA uses 224.
 */
final class NasNetMobile extends AbstractBlock {
    static final int PENULTIMATE_FILTERS = 1056;
    static final int STEM_FILTERS = 32;
    static final int BLOCKS = 4;
    static final int FILTER_MULTIPLIER = 2;
    static final int FEATURES = PENULTIMATE_FILTERS;

    private final KerasConventions conventions;
    private final String right1Prefix;
    private final KerasConv2D stemConv;
    private final KerasBatchNorm stemBn;
    private final List<NasNetCell> cells = new ArrayList<>();

    // what the builder knows about the running tensors: channels and how many reductions they have seen
    private int ipChannels = STEM_FILTERS;
    private int ipLevel;
    private int pChannels = -1;
    private int pLevel;

    /** @param right1Prefix "reduction_1_" (Keras 2.1.x, titu1994) or "reduction_right1_" (keras-applications) */
    NasNetMobile(KerasConventions conventions, String right1Prefix) {
        this.conventions = conventions;
        this.right1Prefix = right1Prefix;
        stemConv = add("stem_conv1", KerasConv2D.valid("stem_conv1", 3, STEM_FILTERS, 3, 2, conventions));
        stemBn = add("stem_bn1", new KerasBatchNorm("stem_bn1", STEM_FILTERS, conventions));
        int filters = PENULTIMATE_FILTERS / 24;
        reduction("stem_1", filters / (FILTER_MULTIPLIER * FILTER_MULTIPLIER));
        reduction("stem_2", filters / FILTER_MULTIPLIER);
        for (int i = 0; i < BLOCKS; i++) {
            normal(Integer.toString(i), filters);
        }
        reduction("reduce_" + BLOCKS, filters * FILTER_MULTIPLIER);
        for (int i = 0; i < BLOCKS; i++) {
            normal(Integer.toString(BLOCKS + i + 1), filters * FILTER_MULTIPLIER);
        }
        reduction("reduce_" + 2 * BLOCKS, filters * FILTER_MULTIPLIER * FILTER_MULTIPLIER);
        for (int i = 0; i < BLOCKS; i++) {
            normal(Integer.toString(2 * BLOCKS + i + 1), filters * FILTER_MULTIPLIER * FILTER_MULTIPLIER);
        }
    }

    private <B extends Block> B add(String name, B block) {
        children.add(name, block);
        return block;
    }

    private void reduction(String id, int filters) {
        AdjustBlock.Mode mode = adjustMode(filters);
        ReductionCell cell = new ReductionCell(id, ipChannels, pChannels < 0 ? ipChannels : pChannels, mode, filters,
                right1Prefix, conventions);
        cells.add(add("reduction_A_block_" + id, cell));
        advance(ReductionCell.outChannels(filters), 1);
    }

    private void normal(String id, int filters) {
        AdjustBlock.Mode mode = adjustMode(filters);
        NormalCell cell = new NormalCell(id, ipChannels, pChannels < 0 ? ipChannels : pChannels, mode, filters, conventions);
        cells.add(add("normal_A_block_" + id, cell));
        advance(NormalCell.outChannels(filters), 0);
    }

    /** Keras' {@code _adjust_block} decision, from the shapes it would see. */
    private AdjustBlock.Mode adjustMode(int filters) {
        if (pChannels < 0) {
            return AdjustBlock.Mode.NONE; // p is None: p = ip
        }
        if (pLevel != ipLevel) {
            return AdjustBlock.Mode.REDUCE;
        }
        return pChannels != filters ? AdjustBlock.Mode.PROJECT : AdjustBlock.Mode.NONE;
    }

    /** Every cell returns (out, ip): its input becomes the next p. */
    private void advance(int outChannels, int reductions) {
        pChannels = ipChannels;
        pLevel = ipLevel;
        ipChannels = outChannels;
        ipLevel += reductions;
    }

    /** (N, 3, H, W) in [-1, 1] -> (N, 1056) pooled features. */
    NDArray forward(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) < 32 || s.get(3) < 32) {
            throw new IllegalArgumentException("NASNet needs N x 3 x H x W input with H, W >= 32, got " + s);
        }
        x = stemBn.forward(stemConv.forward(x));
        NDArray p = null;
        for (NasNetCell cell : cells) {
            NDArray[] out = cell.forward(x, p);
            x = out[0];
            p = out[1];
        }
        return Pool.globalAvgPool2d(Activation.relu(x));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), FEATURES)};
    }

    /** Every weighted Keras layer, in block order. */
    List<KerasLayer> kerasLayers() {
        List<KerasLayer> layers = new ArrayList<>();
        KerasLayer.collect(this, layers);
        return layers;
    }
}
