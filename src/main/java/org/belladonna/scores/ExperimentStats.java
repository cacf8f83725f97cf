package org.belladonna.scores;

import org.belladonna.stats.Analysis;
import org.belladonna.stats.AnalysisSettings;
import org.belladonna.stats.Experiment;
import org.belladonna.stats.PromptScores;
import org.belladonna.store.Prompts;
import org.belladonna.store.Records.Prompt;
import org.belladonna.store.Scores;
import org.belladonna.store.Store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Feeds one scoring model's scores of a stored experiment to {@code org.belladonna.stats}. Only images with
 * a score by that model count; every prompt is in the table (with "n too small" where it has too few).
 * Prompt ids are the prompt's number in the experiment (1, 2, ...), which an export and re-import keep,
 * so the bootstrap streams and therefore the table come out the same in both instances.
 */
public final class ExperimentStats {
    private final Store store;

    public ExperimentStats(Store store) {
        this.store = store;
    }

    /** The analysis, or null when the model scored nothing in this experiment. */
    public Analysis analyse(long experimentId, String modelId, AnalysisSettings settings) {
        List<Prompt> prompts = store.read(h -> Prompts.list(h, experimentId));
        List<Scores.Scored> scores = store.read(h -> Scores.ofExperiment(h, experimentId, modelId));
        if (scores.isEmpty()) {
            return null;
        }
        Map<Long, List<Double>> before = new HashMap<>();
        Map<Long, List<Double>> after = new HashMap<>();
        TreeSet<String> versions = new TreeSet<>();
        for (Scores.Scored s : scores) {
            (s.variant().equals("before") ? before : after).computeIfAbsent(s.promptId(), k -> new ArrayList<>()).add(s.mean());
            versions.add(s.modelVersion());
        }
        List<PromptScores> rows = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            Prompt p = prompts.get(i);
            rows.add(new PromptScores(Integer.toString(i + 1), p.text(), p.related(),
                    toArray(before.get(p.id())), toArray(after.get(p.id()))));
        }
        versions.remove("");
        String name = modelId + (versions.isEmpty() ? "" : " (" + String.join(", ", versions) + ")");
        return Analysis.of(new Experiment(name, rows), settings);
    }

    public Analysis analyse(long experimentId, String modelId) {
        return analyse(experimentId, modelId, AnalysisSettings.defaults());
    }

    /** Scoring models of the experiment, most used first. */
    public List<String> models(long experimentId) {
        return store.read(h -> Scores.modelsOf(h, experimentId));
    }

    /** The first {@code limit} scoring models of the experiment, most used first. */
    public List<String> models(long experimentId, int limit) {
        return store.read(h -> Scores.modelsOf(h, experimentId, limit));
    }

    public int modelCount(long experimentId) {
        return store.read(h -> Scores.modelCount(h, experimentId));
    }

    /** True when the model scored any image of the experiment. */
    public boolean hasModel(long experimentId, String modelId) {
        return store.read(h -> Scores.hasModel(h, experimentId, modelId));
    }

    private static double[] toArray(List<Double> values) {
        return values == null ? new double[0] : values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
