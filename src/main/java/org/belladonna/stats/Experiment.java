package org.belladonna.stats;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The scores of one poisoning experiment: every prompt, in the order they are reported.
 *
 * @param scoringModel name of the model that produced the scores (e.g. "NIMA (AVA)"), named in the methods text
 * @param prompts      related prompts and controls; ids must be unique
 */
public record Experiment(String scoringModel, List<PromptScores> prompts) {

    public Experiment {
        Objects.requireNonNull(scoringModel, "scoringModel");
        prompts = List.copyOf(prompts);
        var ids = new HashSet<String>();
        for (PromptScores p : prompts) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("duplicate prompt id: " + p.id());
            }
        }
    }
}
