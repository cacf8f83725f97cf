package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Scores images with a loaded {@link Nima}, a batch at a time, exactly as idealo's evaluation does. */
public final class NimaScorer {
    public static final int DEFAULT_BATCH_SIZE = 16;

    private final Nima nima;
    private final int batchSize;

    public NimaScorer(Nima nima) {
        this(nima, DEFAULT_BATCH_SIZE);
    }

    public NimaScorer(Nima nima, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.nima = nima;
        this.batchSize = batchSize;
    }

    public NimaScore score(BufferedImage image) {
        return score(List.of(image)).get(0);
    }

    /** One score per image, in order. */
    public List<NimaScore> score(List<BufferedImage> images) {
        List<NimaScore> scores = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += batchSize) {
            List<BufferedImage> batch = images.subList(from, Math.min(images.size(), from + batchSize));
            float[] input = NimaPreprocessor.toInput(batch, Nima.INPUT_SIZE);
            scores.addAll(forward(input, batch.size(), Nima.INPUT_SIZE));
        }
        return scores;
    }

    /** Runs preprocessed NCHW input through the net; every intermediate lives in a per-batch sub-manager. */
    List<NimaScore> forward(float[] nchw, int count, int size) {
        try (NDManager batch = nima.manager().newSubManager()) {
            NDArray x = batch.create(nchw, new Shape(count, 3, size, size));
            float[] probabilities = nima.forward(x).toFloatArray();
            List<NimaScore> scores = new ArrayList<>(count);
            for (int n = 0; n < count; n++) {
                double[] p = new double[Nima.BUCKETS];
                for (int i = 0; i < Nima.BUCKETS; i++) {
                    p[i] = probabilities[n * Nima.BUCKETS + i];
                }
                scores.add(NimaScore.of(p));
            }
            return scores;
        }
    }
}
