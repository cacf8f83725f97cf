package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * NASNet-A's Reduction cell (Zoph et al. 2018, Fig. 4 right; Keras {@code _reduction_a_cell}), which
 * halves the resolution:
 * <pre>
 *   p  = adjust(p)                                h = BN(conv1x1(ReLU(ip)))
 *   x1 = sep5x5/2(h) + sep7x7/2(p)                x2 = max3x3/2(h) + sep7x7/2(p)
 *   x3 = avg3x3/2(h) + sep5x5/2(p)                x4 = avg3x3(x1) + x2
 *   x5 = sep3x3(x1) + max3x3/2(h)                 out = concat(x2, x3, x4, x5)
 * </pre>
 * The stride-2 pools follow {@link NasNetPadding}. The block on p in x1 is {@code reduction_1_<id>} in
 * Keras 2.1.x and titu1994's copy, {@code reduction_right1_<id>} in keras-applications; {@link #load} is
 * given the name the file uses. Returns (out, ip).
 */
final class ReductionCell extends AbstractBlock implements NasNetCell {
    private final KerasConventions conventions;
    private final AdjustBlock adjust;
    private final KerasConv2D conv;
    private final KerasBatchNorm bn;
    private final SeparableConvBlock left1;
    private final SeparableConvBlock right1;
    private final SeparableConvBlock right2;
    private final SeparableConvBlock right3;
    private final SeparableConvBlock left4;
    private final int filters;

    ReductionCell(String id, int ipChannels, int pChannels, AdjustBlock.Mode adjustMode, int filters,
                  String right1Prefix, KerasConventions conventions) {
        this.conventions = conventions;
        this.filters = filters;
        adjust = add("adjust_block", new AdjustBlock(adjustMode, id, pChannels, filters, conventions));
        int p = adjust.outChannels(pChannels);
        conv = add("reduction_conv_1_" + id, KerasConv2D.pointwise("reduction_conv_1_" + id, ipChannels, filters, conventions));
        bn = add("reduction_bn_1_" + id, new KerasBatchNorm("reduction_bn_1_" + id, filters, conventions));
        left1 = add(new SeparableConvBlock("reduction_left1_" + id, filters, filters, 5, 2, conventions));
        right1 = add(new SeparableConvBlock(right1Prefix + id, p, filters, 7, 2, conventions));
        right2 = add(new SeparableConvBlock("reduction_right2_" + id, p, filters, 7, 2, conventions));
        right3 = add(new SeparableConvBlock("reduction_right3_" + id, p, filters, 5, 2, conventions));
        left4 = add(new SeparableConvBlock("reduction_left4_" + id, filters, filters, 3, 1, conventions));
    }

    private <B extends Block> B add(String name, B block) {
        children.add(name, block);
        return block;
    }

    private SeparableConvBlock add(SeparableConvBlock block) {
        return add("separable_conv_block_" + block.id(), block);
    }

    static int outChannels(int filters) {
        return 4 * filters;
    }

    /** @return {out, ip} */
    @Override
    public NDArray[] forward(NDArray ip, NDArray p) {
        p = adjust.forward(p, ip);
        NDArray h = bn.forward(conv.forward(Activation.relu(ip)));
        NDArray x1 = left1.forward(h).add(right1.forward(p));
        NDArray x2 = maxPool(h).add(right2.forward(p));
        NDArray x3 = avgPool(h).add(right3.forward(p));
        NDArray x4 = TfPadding.avgPoolSame(x1, 1, conventions).add(x2);
        NDArray x5 = left4.forward(x1).add(maxPool(h));
        return new NDArray[] {NDArrays.concat(new NDList(x2, x3, x4, x5), 1), ip};
    }

    private NDArray maxPool(NDArray h) {
        return conventions.poolPadding() == NasNetPadding.TF_SAME ? TfPadding.maxPoolSame(h, 2, conventions)
                : TfPadding.maxPoolZeroPadded(h, 2, conventions);
    }

    private NDArray avgPool(NDArray h) {
        return conventions.poolPadding() == NasNetPadding.TF_SAME ? TfPadding.avgPoolSame(h, 2, conventions)
                : TfPadding.avgPoolZeroPadded(h, 2, conventions);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ip = inputShapes[0];
        return new Shape[] {new Shape(ip.get(0), outChannels(filters), (ip.get(2) + 1) / 2, (ip.get(3) + 1) / 2), ip};
    }
}
