package org.belladonna.scores;

import org.belladonna.stats.Analysis;
import org.belladonna.stats.Design;
import org.belladonna.stats.MethodsText;
import org.belladonna.store.ExperimentImports.Import;

import java.util.List;

/**
 * One scorer's analysis of an experiment with everything a reader needs beside the numbers: which scorer
 * made the scores and the experiment's imports (manifest hashes, the study's named scorer).
 */
public record StatsReport(Analysis analysis, ScorerProvenance scorer, List<Import> imports) {

    public StatsReport {
        imports = List.copyOf(imports);
    }

    /** The methods paragraphs with this scorer's description filled in. */
    public List<String> methods() {
        return MethodsText.paragraphs(analysis, scorer.description());
    }

    /** How many p-values Holm's adjustment runs over: every prompt's primary p that could be computed. */
    public long holmFamilySize() {
        return analysis.prompts().stream().filter(r -> r.primaryP().isPresent()).count();
    }

    /** Which design applies and why, in one sentence for the top of the page. */
    public String designSentence() {
        long paired = analysis.count(Design.PAIRED);
        long independent = analysis.count(Design.INDEPENDENT);
        int min = analysis.settings().minNInference();
        if (independent == 0) {
            return "Paired analysis (primary test: paired t-test) for all " + paired + " prompt(s): their before and"
                    + " after images share generation seeds, so each pair differs only by the poisoning.";
        }
        if (paired == 0) {
            return "Independent-samples analysis (primary test: Welch's t-test) for all " + independent + " prompt(s):"
                    + " fewer than " + min + " before and after images share a seed, so there are no pairs to use.";
        }
        return "Mixed: " + paired + " prompt(s) are paired by seed (primary test: paired t-test) and " + independent
                + " have fewer than " + min + " seed pairs, so they are independent samples (primary test: Welch's t-test).";
    }
}
