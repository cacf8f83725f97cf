package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A NASNet-A cell: takes its input {@code ip} and the previous cell's input {@code p}, returns {out, ip}.
 * Both kinds begin alike (Keras {@code _normal_a_cell} / {@code _reduction_a_cell}): {@code p} is adjusted to the
 * cell's shape and {@code h = BN(conv1x1(ReLU(ip)))}; the kinds differ in their five branches.
 */
abstract class NasNetCell extends AbstractBlock {
    protected final KerasConventions conventions;
    protected final int filters;
    /** Channels of {@code p} once adjusted. */
    protected final int pChannels;
    private final AdjustBlock adjust;
    private final KerasConv2D conv;
    private final KerasBatchNorm bn;

    /** @param kind "normal" or "reduction", the prefix of the Keras layer names */
    NasNetCell(String kind, String id, int ipChannels, int pChannels, AdjustBlock.Mode adjustMode, int filters,
               KerasConventions conventions) {
        this.conventions = conventions;
        this.filters = filters;
        adjust = add("adjust_block", new AdjustBlock(adjustMode, id, pChannels, filters, conventions));
        this.pChannels = adjust.outChannels(pChannels);
        String convName = kind + "_conv_1_" + id;
        conv = add(convName, KerasConv2D.pointwise(convName, ipChannels, filters, conventions));
        bn = add(kind + "_bn_1_" + id, new KerasBatchNorm(kind + "_bn_1_" + id, filters, conventions));
    }

    protected final <B extends Block> B add(String name, B block) {
        children.add(name, block);
        return block;
    }

    /** A separable branch, named in the block tree as Keras names its scope. */
    protected final SeparableConvBlock branch(String name, int inChannels, int kernel, int stride) {
        return add(new SeparableConvBlock(name, inChannels, filters, kernel, stride, conventions));
    }

    private SeparableConvBlock add(SeparableConvBlock block) {
        return add("separable_conv_block_" + block.id(), block);
    }

    /** @return {out, ip} */
    final NDArray[] forward(NDArray ip, NDArray p) {
        NDArray adjusted = adjust.forward(p, ip);
        NDArray h = bn.forward(conv.forward(Activation.relu(ip)));
        return new NDArray[] {branches(h, adjusted), ip};
    }

    /** The cell's output from {@code h} and the adjusted {@code p}. */
    protected abstract NDArray branches(NDArray h, NDArray p);

    @Override
    protected final NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                           PairList<String, Object> params) {
        return new NDList(forward(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null));
    }
}
