package org.belladonna.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The whole analysis of one experiment: the per-prompt table, the group comparison and the settings used.
 * Pure and deterministic: the same experiment and settings give equal results.
 */
public record Analysis(Experiment experiment, AnalysisSettings settings, List<PromptResult> prompts,
                       GroupComparison groups) {

    public Analysis {
        prompts = List.copyOf(prompts);
    }

    public static Analysis of(Experiment experiment, AnalysisSettings settings) {
        List<PromptResult> rows = new ArrayList<>();
        for (PromptScores p : experiment.prompts()) {
            rows.add(PromptAnalysis.analyze(p, settings));
        }
        // Two families, each adjusted separately: the Welch tests and the Mann–Whitney tests across prompts.
        List<Value> welch = holm(rows, PromptResult::welchP);
        List<Value> mw = holm(rows, PromptResult::mannWhitneyP);
        for (int i = 0; i < rows.size(); i++) {
            rows.set(i, rows.get(i).withHolm(welch.get(i), mw.get(i)));
        }
        GroupComparison groups = GroupAnalysis.compare(experiment.prompts(), rows, settings);
        return new Analysis(experiment, settings, rows, groups);
    }

    public static Analysis of(Experiment experiment) {
        return of(experiment, AnalysisSettings.defaults());
    }

    private static List<Value> holm(List<PromptResult> rows, Function<PromptResult, Value> raw) {
        double[] p = rows.stream().map(raw).mapToDouble(v -> v.isPresent() ? v.get() : Double.NaN).toArray();
        double[] adj = Holm.adjust(p);
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < adj.length; i++) {
            Value v = raw.apply(rows.get(i));
            out.add(v.isPresent() ? Value.of(adj[i]) : v);
        }
        return out;
    }
}
