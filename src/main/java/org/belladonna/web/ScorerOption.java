package org.belladonna.web;

import org.belladonna.scores.ScoringService;

/** One scorer the scoring form offers, with whether its weights are installed (public: templates call it). */
public record ScorerOption(String name, String displayName, String modelId, String preprocessing,
                           ScoringService.Readiness readiness) {
}
