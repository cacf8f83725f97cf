package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

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
final class ReductionCell extends NasNetCell {
    private final SeparableConvBlock left1;
    private final SeparableConvBlock right1;
    private final SeparableConvBlock right2;
    private final SeparableConvBlock right3;
    private final SeparableConvBlock left4;

    ReductionCell(String id, int ipChannels, int pChannels, AdjustBlock.Mode adjustMode, int filters,
                  String right1Prefix, KerasConventions conventions) {
        super("reduction", id, ipChannels, pChannels, adjustMode, filters, conventions);
        int p = this.pChannels;
        left1 = branch("reduction_left1_" + id, filters, 5, 2);
        right1 = branch(right1Prefix + id, p, 7, 2);
        right2 = branch("reduction_right2_" + id, p, 7, 2);
        right3 = branch("reduction_right3_" + id, p, 5, 2);
        left4 = branch("reduction_left4_" + id, filters, 3, 1);
    }

    static int outChannels(int filters) {
        return 4 * filters;
    }

    @Override
    protected NDArray branches(NDArray h, NDArray p) {
        NDArray x1 = left1.forward(h).add(right1.forward(p));
        NDArray x2 = maxPool(h).add(right2.forward(p));
        NDArray x3 = avgPool(h).add(right3.forward(p));
        NDArray x4 = TfPadding.avgPoolSame(x1, 1, conventions).add(x2);
        NDArray x5 = left4.forward(x1).add(maxPool(h));
        return NDArrays.concat(new NDList(x2, x3, x4, x5), 1);
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
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ip = inputShapes[0];
        return new Shape[] {new Shape(ip.get(0), outChannels(filters), (ip.get(2) + 1) / 2, (ip.get(3) + 1) / 2), ip};
    }
}
