package org.belladonna.nima;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** The scorers this studio computes, each named by its weights' manifest id. */
public enum ScorerKind {
    /** idealo/image-quality-assessment, MobileNet v1, Keras (tf.keras 'same' stride-2 padding). */
    MOBILENET_IDEALO("nima-mobilenet-aesthetic", "NIMA MobileNet v1 (idealo, Keras)", NimaPreprocessor.DESCRIPTION),
    /** yunxiaoshi/Neural-IMage-Assessment, VGG16, PyTorch (the reference's centre crop for upstream's random crop). */
    VGG16_YUNXIAOSHI("nima-vgg16-aesthetic", "NIMA VGG16 (yunxiaoshi, PyTorch)", Vgg16Preprocessor.DESCRIPTION),
    /** titu1994/neural-image-assessment, NASNet-Mobile, Keras ({@code evaluate_nasnet.py}). */
    NASNET_TITU1994("nima-nasnet-mobile-aesthetic", "NIMA NASNet-Mobile (titu1994, Keras)", NimaPreprocessor.DESCRIPTION);

    private final String id;
    private final String displayName;
    private final String preprocessing;

    ScorerKind(String id, String displayName, String preprocessing) {
        this.id = id;
        this.displayName = displayName;
        this.preprocessing = preprocessing;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String preprocessing() {
        return preprocessing;
    }

    /** @throws IllegalArgumentException naming the ids there are */
    public static ScorerKind byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scorer '" + id + "'; scorers: "
                        + String.join(", ", Arrays.stream(values()).map(ScorerKind::id).toList())));
    }

    /** Loads the network from its weights file; see {@link InstalledScorer} for the verified way. */
    public Scorer load(Path weights, int batchSize) throws IOException {
        return switch (this) {
            case MOBILENET_IDEALO -> {
                Nima nima = Nima.load(weights);
                yield new NetworkScorer(this, batchSize, Nima.INPUT_SIZE, nima.manager(), nima::forward,
                        batch -> NimaPreprocessor.toInput(batch, Nima.INPUT_SIZE), nima);
            }
            case VGG16_YUNXIAOSHI -> {
                Vgg16Nima nima = Vgg16Nima.load(weights);
                yield new NetworkScorer(this, batchSize, Vgg16Nima.INPUT_SIZE, nima.manager(), nima::forward,
                        Vgg16Preprocessor::toInput, nima);
            }
            case NASNET_TITU1994 -> {
                NasNetNima nima = NasNetNima.load(weights);
                yield new NetworkScorer(this, batchSize, NasNetNima.INPUT_SIZE, nima.manager(), nima::forward,
                        batch -> NimaPreprocessor.toInput(batch, NasNetNima.INPUT_SIZE), nima);
            }
        };
    }
}
