package org.belladonna.scores;

import org.belladonna.stats.Analysis;
import org.belladonna.stats.AnalysisSettings;
import org.belladonna.stats.Experiment;
import org.belladonna.stats.PromptScores;
import org.belladonna.store.ExperimentImports;
import org.belladonna.store.ExperimentImports.Import;
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
        StatsReport report = report(experimentId, modelId, settings);
        return report == null ? null : report.analysis();
    }

    /**
     * The analysis with its scorer's provenance and the experiment's imports, or null when the model scored
     * nothing here. Seeds go to the analysis whenever every image of a variant has one: before and after
     * images that share a seed are then analysed as pairs (see {@link org.belladonna.stats.Design}). The
     * random streams of the bootstrap and the permutation test are seeded by {@code settings.seed()}, a
     * constant by default, so the same scores always give the same page.
     */
    public StatsReport report(long experimentId, String modelId, AnalysisSettings settings) {
        List<Prompt> prompts = store.read(h -> Prompts.list(h, experimentId));
        List<Scores.Scored> scores = store.read(h -> Scores.ofExperiment(h, experimentId, modelId));
        if (scores.isEmpty()) {
            return null;
        }
        List<Import> imports = store.read(h -> ExperimentImports.of(h, experimentId));
        Map<String, Variant> variants = new HashMap<>();
        TreeSet<String> versions = new TreeSet<>();
        int imported = 0;
        for (Scores.Scored s : scores) {
            variants.computeIfAbsent(s.promptId() + "/" + s.variant(), k -> new Variant()).add(s);
            versions.add(s.modelVersion());
            imported += s.imported() ? 1 : 0;
        }
        List<PromptScores> rows = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            Prompt p = prompts.get(i);
            Variant b = variants.getOrDefault(p.id() + "/before", new Variant());
            Variant a = variants.getOrDefault(p.id() + "/after", new Variant());
            // Seeds only when both variants have one on every image; otherwise the prompt is two independent samples.
            boolean seeded = b.seeded() && a.seeded();
            rows.add(new PromptScores(Integer.toString(i + 1), p.text(), p.related(), b.scores(), a.scores(),
                    seeded ? b.seeds() : new long[0], seeded ? a.seeds() : new long[0]));
        }
        ScorerProvenance scorer = ScorerProvenance.of(modelId, versions, scores.size() - imported, imported, imports);
        TreeSet<String> named = new TreeSet<>(versions);
        named.remove("");
        String name = modelId + (named.isEmpty() ? "" : " (" + String.join(", ", named) + ")");
        return new StatsReport(Analysis.of(new Experiment(name, rows), settings), scorer, imports);
    }

    public StatsReport report(long experimentId, String modelId) {
        return report(experimentId, modelId, AnalysisSettings.defaults());
    }

    /** One variant's scores and seeds, in the store's content order. */
    private static final class Variant {
        private final List<Double> scores = new ArrayList<>();
        private final List<Long> seeds = new ArrayList<>();
        private boolean allSeeded = true;

        void add(Scores.Scored s) {
            scores.add(s.mean());
            if (s.seed() == null) {
                allSeeded = false;
            } else {
                seeds.add(s.seed());
            }
        }

        /** Every image has a seed and no seed repeats (a repeat cannot be a pair). */
        boolean seeded() {
            return allSeeded && !seeds.isEmpty() && new java.util.HashSet<>(seeds).size() == seeds.size();
        }

        double[] scores() {
            return toArray(scores);
        }

        long[] seeds() {
            return seeds.stream().mapToLong(Long::longValue).toArray();
        }
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
