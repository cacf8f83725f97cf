package org.belladonna.scores;

import org.belladonna.nima.ScorerKind;
import org.belladonna.store.ExperimentImports.Import;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;

/**
 * Which scorer produced the scores an analysis uses, as the stats page, the CSV and the report print it:
 * the model, each weights version (a pin, or "unpinned" with the SHA-256 recorded at install), the image
 * preprocessing, how many scores were computed here or imported, and whether that agrees with the scorer
 * the imported study names in its metadata.
 *
 * @param modelId       the model id the scores are stored under
 * @param kind          the scorer this studio computes under that id, or null (scores imported from elsewhere)
 * @param versions      distinct model_version values of the scores ('' = none recorded)
 * @param computed      scores computed here
 * @param imported      scores imported with a scores.csv
 * @param studyScorers  distinct scorers named by the experiment's imports (experiment.json "scorer")
 */
public record ScorerProvenance(String modelId, ScorerKind kind, SortedSet<String> versions, int computed, int imported,
                               List<String> studyScorers) {
    static final String UNPINNED_PREFIX = "unpinned sha256:";

    public ScorerProvenance {
        Objects.requireNonNull(modelId);
        versions = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(versions));
        studyScorers = List.copyOf(studyScorers);
    }

    static ScorerProvenance of(String modelId, SortedSet<String> versions, int computed, int imported,
                               List<Import> imports) {
        List<String> named = imports.stream().map(Import::studyScorer).filter(s -> !s.isBlank()).distinct().toList();
        return new ScorerProvenance(modelId, ScorerChoice.kindOfModelId(modelId), versions, computed, imported, named);
    }

    /** "NIMA VGG16 (yunxiaoshi, PyTorch)", or the model id of imported scores. */
    public String displayName() {
        return kind != null ? kind.displayName() : modelId;
    }

    /** The preprocessing in one line, or what is known of it for imported scores. */
    public String preprocessing() {
        return kind != null ? kind.preprocessing()
                : "not known here (scores imported under the model id '" + modelId + "')";
    }

    /** One entry per weights version: "pin 1a2b…", "unpinned (SHA-256 …)", or "no version recorded". */
    public List<String> weights() {
        List<String> out = new ArrayList<>();
        for (String v : versions) {
            out.add(v.isEmpty() ? "no version recorded"
                    : v.startsWith(UNPINNED_PREFIX) ? "unpinned (SHA-256 " + v.substring(UNPINNED_PREFIX.length()) + ")"
                    : (imported > 0 && computed == 0 ? "version " : "pin ") + v);
        }
        return out;
    }

    /** True when any score comes from weights without a pin. */
    public boolean unpinned() {
        return versions.stream().anyMatch(v -> v.startsWith(UNPINNED_PREFIX));
    }

    /** A warning when a study scorer is named and it is not this one, else null. */
    public String mismatchWarning() {
        List<String> differing = new ArrayList<>();
        ScorerKind ours = kind != null ? kind : ScorerChoice.kindNamedIn(modelId);
        for (String named : studyScorers) {
            ScorerKind theirs = ScorerChoice.kindNamedIn(named);
            boolean same = theirs != null ? theirs == ours : named.strip().equalsIgnoreCase(modelId);
            if (!same) {
                differing.add(named);
            }
        }
        if (differing.isEmpty()) {
            return null;
        }
        return "The imported study names its scorer as '" + String.join("', '", differing) + "', but these scores are by "
                + displayName() + ". Scores from different NIMA models are not comparable: compare like with like.";
    }

    /** One sentence for the methods text: model, weights, preprocessing, where the scores came from. */
    public String description() {
        return displayName() + " (model id " + modelId + "); weights: " + String.join("; ", weights())
                + "; preprocessing: " + preprocessing() + "; " + computed + " score(s) computed here, " + imported
                + " imported";
    }
}
