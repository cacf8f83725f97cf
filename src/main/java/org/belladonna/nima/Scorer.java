package org.belladonna.nima;

import org.belladonna.images.BadImageException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An aesthetic scorer the user picks per run: one NIMA variant with its weights and its own input
 * pipeline. Scores of different scorers are not comparable (different networks, training runs and
 * preprocessing), so every stored score names the scorer's manifest id and weights version.
 */
public interface Scorer extends AutoCloseable {
    /** The manifest id of its weights, e.g. "nima-mobilenet-aesthetic". */
    String id();

    /** A name for people, e.g. "NIMA MobileNet v1 (idealo, Keras)". */
    String displayName();

    /** How images are prepared, in one line the stats page can print. */
    String preprocessing();

    /**
     * One score per image, in order. Images must be decoded with {@link ScorerInput} (the file's raw
     * samples, as the upstream Python pipelines saw them).
     */
    List<NimaScore> score(List<BufferedImage> images);

    /** Decodes the files as scorer input ({@link ScorerInput}: raw samples, ICC ignored) and scores them. */
    default List<NimaScore> scoreFiles(List<Path> files) throws IOException, BadImageException {
        List<BufferedImage> images = new ArrayList<>(files.size());
        for (Path file : files) {
            images.add(ScorerInput.decode(file));
        }
        return score(images);
    }

    @Override
    void close();
}
