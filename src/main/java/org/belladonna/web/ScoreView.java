package org.belladonna.web;

import org.belladonna.store.ScoredImages;

import java.util.List;

/**
 * The score view a prompt or pairs page was asked for (query params model, sort, min, max): which model's
 * scores (default: the experiment's most used), the order (seed, or by score / change up or down) and the
 * filter's bounds, with the query string that keeps them across pages. Public: templates call it.
 *
 * @param model  the model whose scores are shown, or null when the experiment has none
 * @param models the models offered (the most used first)
 * @param what   "score" (prompt page: each image's score) or "change" (pairs page: after − before, points)
 * @param query  "&sort=...&min=..." to append to a page link
 */
public record ScoreView(String model, List<String> models, ScoredImages.Order order, String sort, Double min, Double max,
                        String what, String query) {
    public boolean filtered() {
        return min != null || max != null;
    }
}
