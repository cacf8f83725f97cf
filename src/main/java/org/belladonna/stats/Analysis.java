package org.belladonna.stats;

import java.util.ArrayList;
import java.util.List;

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
        // One family: each prompt's primary p-value (paired t when paired, else Welch), over all prompts of the
        // experiment that could be tested. Secondary tests are not adjusted.
        double[] p = rows.stream().mapToDouble(r -> r.primaryP().isPresent() ? r.primaryP().get() : Double.NaN).toArray();
        double[] adjusted = Holm.adjust(p);
        for (int i = 0; i < rows.size(); i++) {
            PromptResult r = rows.get(i);
            rows.set(i, r.withHolm(r.primaryP().isPresent() ? Value.of(adjusted[i]) : r.primaryP()));
        }
        GroupComparison groups = GroupAnalysis.compare(experiment.prompts(), rows, settings);
        return new Analysis(experiment, settings, rows, groups);
    }

    public static Analysis of(Experiment experiment) {
        return of(experiment, AnalysisSettings.defaults());
    }

    /** Number of prompts analysed with the given design. */
    public long count(Design design) {
        return prompts.stream().filter(r -> r.design() == design).count();
    }
}
