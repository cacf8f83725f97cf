package org.belladonna.nima;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.belladonna.models.Compute;
import org.belladonna.models.weights.StateDict;
import org.belladonna.models.weights.StateDictLoader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * NIMA (Talebi and Milanfar 2018) as yunxiaoshi/Neural-IMage-Assessment trains it in PyTorch
 * ({@code model/model.py}): torchvision's {@code vgg16().features} (13 3x3 convs with bias and ReLU, five
 * 2x2 max pools, no batch norm, no {@code avgpool}), the 512x7x7 map flattened in C, H, W order to 25088,
 * then {@code classifier = Sequential(Dropout(0.75), Linear(25088, 10), Softmax())}. Dropout is the
 * identity at inference. The block tree mirrors the module tree, so the {@code torch.save} state dict
 * ({@code features.0.weight} ... {@code classifier.1.bias}) loads by name. The Linear fixes the input to
 * 224x224. Weights live on {@link Compute}'s device until {@link #close()}.
 */
public final class Vgg16Nima implements AutoCloseable {
    public static final int INPUT_SIZE = 224;
    /** 512 channels x 7 x 7 after five 2x2 pools of 224. */
    static final int FEATURES = 512 * 7 * 7;
    /** torchvision's configuration "D": output channels, "M" = 2x2 max pool. */
    private static final int[] CONFIG_D = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};

    private final NDManager manager;
    private final Block network;
    private final ParameterStore store;

    private Vgg16Nima(NDManager manager, Block network) {
        this.manager = manager;
        this.network = network;
        this.store = new ParameterStore(manager, false);
    }

    /**
     * Loads upstream's {@code torch.save(model.state_dict())} file. A checkpoint written with
     * {@code main.py --multi_gpu} has {@code features} wrapped in DataParallel ({@code features.module.N.*});
     * that layout is accepted too.
     */
    public static Vgg16Nima load(Path pth) throws IOException {
        StateDict weights = StateDict.read(pth);
        boolean dataParallel = weights.names().stream().anyMatch(k -> k.startsWith("features.module."));
        Block network = new Network(dataParallel);
        NDManager manager = NDManager.newBaseManager(Compute.get().device());
        try {
            StateDictLoader.load(network, weights, manager);
            return new Vgg16Nima(manager, network);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** {@code NIMA}: children {@code features} and {@code classifier}, as in upstream's module. */
    static final class Network extends AbstractBlock {
        private final Block features;
        private final Block classifier;

        Network(boolean dataParallel) {
            Block vgg = features();
            features = dataParallel ? new DataParallel(vgg) : vgg;
            classifier = Sequential.of(dropout(), new TorchLinear(FEATURES, Nima.BUCKETS), softmax());
            // children.add keeps the names as given (addChildBlock would prefix "01"): they are the state-dict keys
            children.add("features", features);
            children.add("classifier", classifier);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = features.forward(store, inputs, training, params).singletonOrThrow();
            NDArray flat = x.reshape(x.getShape().get(0), -1); // out.view(N, -1): C, H, W order
            return classifier.forward(store, new NDList(flat), training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), Nima.BUCKETS)};
        }
    }

    /** torchvision {@code vgg16().features}: Sequential indices 0..30 as in its state dict. */
    static Sequential features() {
        java.util.List<Block> layers = new java.util.ArrayList<>();
        int channels = 3;
        for (int out : CONFIG_D) {
            if (out == 0) {
                layers.add(maxPool());
            } else {
                layers.add(new TorchConv(channels, out));
                layers.add(relu());
                channels = out;
            }
        }
        return Sequential.of(layers.toArray(Block[]::new));
    }

    private static LambdaBlock relu() {
        return LambdaBlock.singleton(Activation::relu, "relu");
    }

    private static LambdaBlock maxPool() {
        return LambdaBlock.singleton(x -> Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false),
                "maxpool");
    }

    /** Identity at inference ({@code model.eval()}). */
    private static LambdaBlock dropout() {
        return LambdaBlock.singleton(x -> x, "dropout");
    }

    /** {@code nn.Softmax()} without {@code dim}: PyTorch picks dim 1 for a 2-D input. */
    private static LambdaBlock softmax() {
        return LambdaBlock.singleton(x -> x.softmax(1), "softmax");
    }

    /** {@code torch.nn.DataParallel}: the wrapped module under the key {@code module}. */
    private static final class DataParallel extends AbstractBlock {
        private final Block module;

        DataParallel(Block module) {
            this.module = module;
            children.add("module", module);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            return module.forward(store, inputs, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return module.getOutputShapes(inputShapes);
        }
    }

    /** (N, 3, 224, 224) normalised as {@link Vgg16Preprocessor} does -> (N, 10) probabilities, in the input's manager. */
    public NDArray forward(NDArray input) {
        Shape s = input.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != INPUT_SIZE || s.get(3) != INPUT_SIZE) {
            throw new IllegalArgumentException("VGG16 NIMA needs N x 3 x 224 x 224 input (its Linear is 25088 wide), got " + s);
        }
        return network.forward(store, new NDList(input), false).singletonOrThrow();
    }

    /** Where inputs must live: create them in a sub-manager of this (closed after each batch). */
    public NDManager manager() {
        return manager;
    }

    public Device device() {
        return manager.getDevice();
    }

    @Override
    public void close() {
        manager.close();
    }
}
