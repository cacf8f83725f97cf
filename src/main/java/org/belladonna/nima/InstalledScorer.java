package org.belladonna.nima;

import org.belladonna.models.ModelRegistry;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A scorer loaded from the file the model registry vouches for: installed, and matching the manifest's
 * pin (or, for an unpinned entry, the SHA-256 recorded when it was installed). The weights' version
 * travels with it, so every stored score names the exact file that produced it; scores from an unpinned
 * file carry "unpinned sha256:..." until the manifest gets a pin. There is deliberately no way to score
 * with weights from any other path.
 */
public final class InstalledScorer implements Scorer {
    private final Scorer scorer;
    private final String modelVersion;
    private final boolean unpinned;

    private InstalledScorer(Scorer scorer, String modelVersion, boolean unpinned) {
        this.scorer = scorer;
        this.modelVersion = modelVersion;
        this.unpinned = unpinned;
    }

    /**
     * @throws org.belladonna.models.ModelMissingException when the file is missing or fails verification; the
     *         message names the command that installs it
     * @throws IllegalArgumentException for an id that is no scorer
     */
    public static InstalledScorer load(ModelRegistry models, String modelId) throws IOException {
        return load(models, modelId, NimaScorer.DEFAULT_BATCH_SIZE);
    }

    public static InstalledScorer load(ModelRegistry models, String modelId, int batchSize) throws IOException {
        ScorerKind kind = ScorerKind.byId(modelId);
        Path weights = models.path(modelId);
        ModelRegistry.Entry entry = models.status(modelId);
        return new InstalledScorer(kind.load(weights, batchSize), entry.version(), entry.unpinned());
    }

    /** What a score is stored under as its model_version: the pin's digest, or "unpinned sha256:HEX". */
    public String modelVersion() {
        return modelVersion;
    }

    /** True while the manifest has no pin for these weights: scores must be shown as unpinned. */
    public boolean unpinned() {
        return unpinned;
    }

    @Override
    public String id() {
        return scorer.id();
    }

    @Override
    public String displayName() {
        return scorer.displayName();
    }

    @Override
    public String preprocessing() {
        return scorer.preprocessing();
    }

    @Override
    public List<NimaScore> score(List<BufferedImage> images) {
        return scorer.score(images);
    }

    @Override
    public void close() {
        scorer.close();
    }
}
