package org.belladonna.nima;

import org.belladonna.models.ModelRegistry;

import java.io.IOException;

/**
 * NIMA loaded from the file the model registry vouches for: installed and matching the manifest's pin.
 * The pin travels with the network so every stored score can name the exact weights that produced it.
 * There is deliberately no way to load scoring weights from any other path.
 *
 * <p>The MobileNet-only form that {@code ScoringService} still uses; {@link InstalledScorer} does the same
 * for any {@link ScorerKind}, including unpinned weights.
 */
public final class InstalledNima implements AutoCloseable {
    /** The manifest id of idealo's MobileNet aesthetic weights. */
    public static final String MODEL_ID = "nima-mobilenet-aesthetic";

    private final Nima nima;
    private final String pin;

    private InstalledNima(Nima nima, String pin) {
        this.nima = nima;
        this.pin = pin;
    }

    /**
     * @throws org.belladonna.models.ModelMissingException when the file is missing or does not match its pin;
     *         the message names the command that installs it
     */
    public static InstalledNima load(ModelRegistry models) throws IOException {
        ModelRegistry.Entry entry = models.status(MODEL_ID);
        Nima nima = Nima.load(models.path(MODEL_ID));
        return new InstalledNima(nima, entry.model().pin().hex());
    }

    public Nima nima() {
        return nima;
    }

    /** The manifest's pin of the weights (a git blob id for idealo's file), stored as each score's model_version. */
    public String pin() {
        return pin;
    }

    @Override
    public void close() {
        nima.close();
    }
}
