package org.belladonna.vae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.belladonna.models.Compute;
import org.belladonna.models.weights.StateDict;
import org.belladonna.models.weights.StateDictLoader;

import java.io.IOException;
import java.nio.file.Path;

/** A block with its weights on the compute device; owns the weights' memory. */
final class Network implements AutoCloseable {
    private final Block block;
    private final NDManager manager;
    private final ParameterStore store;
    private final Device device;

    private Network(Block block, NDManager manager) {
        this.block = block;
        this.manager = manager;
        this.device = manager.getDevice();
        this.store = new ParameterStore(manager, false);
    }

    /** Loads a state dict into {@code block}; the file must fit it exactly (see {@link StateDictLoader}). */
    static Network load(Block block, Path weights) throws IOException {
        NDManager manager = NDManager.newBaseManager(Compute.get().device());
        try {
            StateDictLoader.load(block, StateDict.read(weights), manager);
            return new Network(block, manager);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A block whose parameters are already initialised in {@code parameters}, which this then owns. */
    static Network of(Block block, NDManager parameters) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the block's parameters must be initialised first");
        }
        return new Network(block, parameters);
    }

    /** Runs the block; the result belongs to {@code x}'s manager and keeps its autograd history. */
    NDArray forward(NDArray x) {
        NDArray onDevice = x.toDevice(device, false);
        NDArray y = block.forward(store, new NDList(onDevice), false).singletonOrThrow();
        if (onDevice != x) {
            onDevice.close();
        }
        return y;
    }

    @Override
    public void close() {
        manager.close();
    }
}
