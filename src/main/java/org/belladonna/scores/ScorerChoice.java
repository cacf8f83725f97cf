package org.belladonna.scores;

import org.belladonna.nima.ScorerKind;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The scorers a user can pick for a run, by short name: {@code mobilenet} (the default), {@code vgg16},
 * {@code nasnet}. The manifest id ({@code nima-vgg16-aesthetic}, ...) is accepted too, so a stored score's
 * model id can be handed back.
 */
public enum ScorerChoice {
    MOBILENET("mobilenet", ScorerKind.MOBILENET_IDEALO),
    VGG16("vgg16", ScorerKind.VGG16_YUNXIAOSHI),
    NASNET("nasnet", ScorerKind.NASNET_TITU1994);

    public static final ScorerChoice DEFAULT = MOBILENET;

    private final String shortName;
    private final ScorerKind kind;

    ScorerChoice(String shortName, ScorerKind kind) {
        this.shortName = shortName;
        this.kind = kind;
    }

    public String shortName() {
        return shortName;
    }

    public ScorerKind kind() {
        return kind;
    }

    /** The manifest id its scores are stored under. */
    public String modelId() {
        return kind.id();
    }

    /** "mobilenet, vgg16, nasnet": for help texts and errors. */
    public static String names() {
        return Arrays.stream(values()).map(ScorerChoice::shortName).collect(Collectors.joining(", "));
    }

    /** @throws IllegalArgumentException naming the choices there are */
    public static ScorerChoice parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (ScorerChoice c : values()) {
            if (c.shortName.equals(n) || c.modelId().equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no scorer '" + name + "'; pick one of " + names()
                + " (scores made elsewhere come in with import-scores)");
    }

    /** The computed scorer a model id stands for, or null (imported scores of a model this studio does not run). */
    public static ScorerKind kindOfModelId(String modelId) {
        return Arrays.stream(ScorerKind.values()).filter(k -> k.id().equals(modelId)).findFirst().orElse(null);
    }

    /**
     * The scorer a study's free-text description names ("NASNet-Mobile NIMA (titu1994)", "vgg16", a manifest id),
     * or null when it names none of ours: the network's name decides, since that is what makes scores incomparable.
     */
    public static ScorerKind kindNamedIn(String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        ScorerKind byId = kindOfModelId(t.strip());
        if (byId != null) {
            return byId;
        }
        boolean nasnet = t.contains("nasnet");
        boolean vgg = t.contains("vgg");
        boolean mobilenet = t.contains("mobilenet") && !nasnet;
        int named = (nasnet ? 1 : 0) + (vgg ? 1 : 0) + (mobilenet ? 1 : 0);
        if (named != 1) {
            return null;
        }
        return nasnet ? ScorerKind.NASNET_TITU1994 : vgg ? ScorerKind.VGG16_YUNXIAOSHI : ScorerKind.MOBILENET_IDEALO;
    }
}
