package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A loaded NIMA network behind {@link Scorer}: preprocess a batch into NCHW floats, run it in a
 * sub-manager of the network's (so every intermediate is freed per batch), read 10 probabilities each.
 */
final class NetworkScorer implements Scorer {
    private final ScorerKind kind;
    private final int batchSize;
    private final int inputSize;
    private final NDManager manager;
    private final Function<NDArray, NDArray> forward;
    private final Function<List<BufferedImage>, float[]> preprocess;
    private final AutoCloseable network;

    NetworkScorer(ScorerKind kind, int batchSize, int inputSize, NDManager manager, Function<NDArray, NDArray> forward,
                  Function<List<BufferedImage>, float[]> preprocess, AutoCloseable network) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.kind = kind;
        this.batchSize = batchSize;
        this.inputSize = inputSize;
        this.manager = manager;
        this.forward = forward;
        this.preprocess = preprocess;
        this.network = network;
    }

    @Override
    public String id() {
        return kind.id();
    }

    @Override
    public String displayName() {
        return kind.displayName();
    }

    @Override
    public String preprocessing() {
        return kind.preprocessing();
    }

    @Override
    public List<NimaScore> score(List<BufferedImage> images) {
        List<NimaScore> scores = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += batchSize) {
            List<BufferedImage> batch = images.subList(from, Math.min(images.size(), from + batchSize));
            float[] input = preprocess.apply(batch);
            float[] probabilities;
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(input, new Shape(batch.size(), 3, inputSize, inputSize));
                probabilities = forward.apply(x).toFloatArray();
            }
            for (int n = 0; n < batch.size(); n++) {
                double[] p = new double[Nima.BUCKETS];
                for (int i = 0; i < Nima.BUCKETS; i++) {
                    p[i] = probabilities[n * Nima.BUCKETS + i];
                }
                scores.add(NimaScore.of(p));
            }
        }
        return scores;
    }

    @Override
    public void close() {
        try {
            network.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing " + kind.id() + " failed", e);
        }
    }
}
