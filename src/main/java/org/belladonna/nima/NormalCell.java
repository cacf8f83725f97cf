package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

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
final class NormalCell extends NasNetCell {
    private final SeparableConvBlock left1;
    private final SeparableConvBlock right1;
    private final SeparableConvBlock left2;
    private final SeparableConvBlock right2;
    private final SeparableConvBlock left5;

    NormalCell(String id, int ipChannels, int pChannels, AdjustBlock.Mode adjustMode, int filters,
               KerasConventions conventions) {
        super("normal", id, ipChannels, pChannels, adjustMode, filters, conventions);
        int p = this.pChannels;
        left1 = branch("normal_left1_" + id, filters, 5, 1);
        right1 = branch("normal_right1_" + id, p, 3, 1);
        left2 = branch("normal_left2_" + id, p, 5, 1);
        right2 = branch("normal_right2_" + id, p, 3, 1);
        left5 = branch("normal_left5_" + id, filters, 3, 1);
    }

    /** Output channels: p and five branches of {@code filters} each. */
    static int outChannels(int filters) {
        return 6 * filters;
    }

    @Override
    protected NDArray branches(NDArray h, NDArray p) {
        NDArray x1 = left1.forward(h).add(right1.forward(p));
        NDArray x2 = left2.forward(p).add(right2.forward(p));
        NDArray x3 = TfPadding.avgPoolSame(h, 1, conventions).add(p);
        NDArray x4 = TfPadding.avgPoolSame(p, 1, conventions).add(TfPadding.avgPoolSame(p, 1, conventions));
        NDArray x5 = left5.forward(h).add(h);
        return NDArrays.concat(new NDList(p, x1, x2, x3, x4, x5), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ip = inputShapes[0];
        return new Shape[] {new Shape(ip.get(0), outChannels(filters), ip.get(2), ip.get(3)), ip};
    }
}
