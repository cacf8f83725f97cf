package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * NASNet's {@code _adjust_block}: makes the previous cell's output {@code p} fit this cell's
 * {@code filters} and resolution.
 * <ul>
 *   <li>{@link Mode#NONE}: no previous output (p = ip), or it already fits.</li>
 *   <li>{@link Mode#REDUCE}: p is twice as large (it came from before a reduction). ReLU, then two
 *       half-width paths concatenated: a 1x1 stride-2 average (every other pixel from the first) and
 *       1x1 conv; and the same on p shifted by one pixel ({@code ZeroPadding2D(((0, 1), (0, 1)))} then
 *       {@code Cropping2D(((1, 0), (1, 0)))}: every other pixel from the second, zero past the edge); then
 *       BatchNorm. Keras names {@code adjust_conv_1_<id>}, {@code adjust_conv_2_<id>}, {@code adjust_bn_<id>}.</li>
 *   <li>{@link Mode#PROJECT}: channels differ: ReLU, 1x1 conv, BatchNorm ({@code adjust_conv_projection_<id>},
 *       {@code adjust_bn_<id>}).</li>
 * </ul>
 * Keras picks the mode from the tensors' static shapes; here the network passes it from its structure.
 */
final class AdjustBlock extends AbstractBlock {
    enum Mode { NONE, REDUCE, PROJECT }

    private final Mode mode;
    private final int filters;
    private final boolean shift;
    private final KerasConv2D conv1;
    private final KerasConv2D conv2;
    private final KerasBatchNorm bn;

    AdjustBlock(Mode mode, String id, int in, int filters, KerasConventions conventions) {
        this.mode = mode;
        this.filters = filters;
        this.shift = conventions.adjustShift();
        switch (mode) {
            case REDUCE -> {
                conv1 = add(KerasConv2D.pointwise("adjust_conv_1_" + id, in, filters / 2, conventions));
                conv2 = add(KerasConv2D.pointwise("adjust_conv_2_" + id, in, filters / 2, conventions));
                bn = add(new KerasBatchNorm("adjust_bn_" + id, filters / 2 * 2, conventions));
            }
            case PROJECT -> {
                conv1 = add(KerasConv2D.pointwise("adjust_conv_projection_" + id, in, filters, conventions));
                conv2 = null;
                bn = add(new KerasBatchNorm("adjust_bn_" + id, filters, conventions));
            }
            default -> {
                conv1 = null;
                conv2 = null;
                bn = null;
            }
        }
    }

    private <L extends KerasLayer> L add(L layer) {
        children.add(layer.kerasName(), layer);
        return layer;
    }

    /** @param p the previous cell's input, or null before the first cell */
    NDArray forward(NDArray p, NDArray ip) {
        if (p == null) {
            return ip;
        }
        return switch (mode) {
            case NONE -> p;
            case PROJECT -> bn.forward(conv1.forward(Activation.relu(p)));
            case REDUCE -> {
                NDArray r = Activation.relu(p);
                NDArray p1 = conv1.forward(r.get(new NDIndex(":, :, ::2, ::2")));
                NDArray shifted = shift ? r.pad(new Shape(0, 1, 0, 1), 0).get(new NDIndex(":, :, 1::2, 1::2"))
                        : r.get(new NDIndex(":, :, ::2, ::2"));
                NDArray p2 = conv2.forward(shifted);
                yield bn.forward(p1.concat(p2, 1));
            }
        };
    }

    int outChannels(int pChannels) {
        return mode == Mode.NONE ? pChannels : mode == Mode.REDUCE ? filters / 2 * 2 : filters;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(inputs.size() > 1 ? inputs.get(1) : null, inputs.get(0)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ip = inputShapes[0];
        Shape p = inputShapes.length > 1 ? inputShapes[1] : ip;
        return new Shape[] {new Shape(p.get(0), outChannels((int) p.get(1)), ip.get(2), ip.get(3))};
    }
}
