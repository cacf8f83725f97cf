package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import java.util.List;

/**
 * A DJL block that is one weighted Keras layer, named as Keras names it, and reads its own weights
 * from a Keras HDF5 file by that name. Weights are plain arrays converted to PyTorch layouts at load.
 */
abstract class KerasLayer extends AbstractBlock {
    private final String kerasName;

    KerasLayer(String kerasName) {
        this.kerasName = kerasName;
    }

    String kerasName() {
        return kerasName;
    }

    abstract void load(KerasWeights weights, NDManager manager) throws WeightFileException;

    abstract NDArray forward(NDArray x);

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(inputs.singletonOrThrow()));
    }

    /** Every Keras layer in a block tree, depth first in child order. */
    static void collect(Block block, List<KerasLayer> out) {
        if (block instanceof KerasLayer layer) {
            out.add(layer);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), out);
        }
    }
}
