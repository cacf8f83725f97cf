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
 * NASNet-A's Normal cell (Zoph et al. 2018, Fig. 4 left; Keras {@code _normal_a_cell}), inputs the
 * cell's input {@code ip} and the previous cell's input {@code p}:
 * <pre>
 *   p  = adjust(p)                     h = BN(conv1x1(ReLU(ip)))
 *   x1 = sep5x5(h) + sep3x3(p)         x2 = sep5x5(p) + sep3x3(p)
 *   x3 = avg3x3(h) + p                 x4 = avg3x3(p) + avg3x3(p)
 *   x5 = sep3x3(h) + h                 out = concat(p, x1, x2, x3, x4, x5)
 * </pre>
 * Pools are stride 1 'same'. Returns (out, ip): ip is the next cell's p.
 */
final class NormalCell extends AbstractBlock implements NasNetCell {
    private final KerasConventions conventions;
    private final AdjustBlock adjust;
    private final KerasConv2D conv;
    private final KerasBatchNorm bn;
    private final SeparableConvBlock left1;
    private final SeparableConvBlock right1;
    private final SeparableConvBlock left2;
    private final SeparableConvBlock right2;
    private final SeparableConvBlock left5;
    private final int filters;

    NormalCell(String id, int ipChannels, int pChannels, AdjustBlock.Mode adjustMode, int filters,
               KerasConventions conventions) {
        this.conventions = conventions;
        this.filters = filters;
        adjust = add("adjust_block", new AdjustBlock(adjustMode, id, pChannels, filters, conventions));
        int p = adjust.outChannels(pChannels);
        conv = add("normal_conv_1_" + id, KerasConv2D.pointwise("normal_conv_1_" + id, ipChannels, filters, conventions));
        bn = add("normal_bn_1_" + id, new KerasBatchNorm("normal_bn_1_" + id, filters, conventions));
        left1 = add(new SeparableConvBlock("normal_left1_" + id, filters, filters, 5, 1, conventions));
        right1 = add(new SeparableConvBlock("normal_right1_" + id, p, filters, 3, 1, conventions));
        left2 = add(new SeparableConvBlock("normal_left2_" + id, p, filters, 5, 1, conventions));
        right2 = add(new SeparableConvBlock("normal_right2_" + id, p, filters, 3, 1, conventions));
        left5 = add(new SeparableConvBlock("normal_left5_" + id, filters, filters, 3, 1, conventions));
    }

    private <B extends Block> B add(String name, B block) {
        children.add(name, block);
        return block;
    }

    private SeparableConvBlock add(SeparableConvBlock block) {
        return add("separable_conv_block_" + block.id(), block);
    }

    /** Output channels: p and five branches of {@code filters} each. */
    static int outChannels(int filters) {
        return 6 * filters;
    }

    /** @return {out, ip} */
    @Override
    public NDArray[] forward(NDArray ip, NDArray p) {
        p = adjust.forward(p, ip);
        NDArray h = bn.forward(conv.forward(Activation.relu(ip)));
        NDArray x1 = left1.forward(h).add(right1.forward(p));
        NDArray x2 = left2.forward(p).add(right2.forward(p));
        NDArray x3 = TfPadding.avgPoolSame(h, 1, conventions).add(p);
        NDArray x4 = TfPadding.avgPoolSame(p, 1, conventions).add(TfPadding.avgPoolSame(p, 1, conventions));
        NDArray x5 = left5.forward(h).add(h);
        return new NDArray[] {NDArrays.concat(new NDList(p, x1, x2, x3, x4, x5), 1), ip};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ip = inputShapes[0];
        return new Shape[] {new Shape(ip.get(0), outChannels(filters), ip.get(2), ip.get(3)), ip};
    }
}
