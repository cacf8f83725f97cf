package org.belladonna.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.belladonna.app.Studio;
import org.belladonna.gallery.Gallery;
import org.belladonna.store.ScoredImages;
import org.belladonna.store.Records.Experiment;
import org.belladonna.store.Records.Prompt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A prompt's images: both variants in two aligned grids (same order: seed, then import order), paged; and
 * the before/after comparison of pairs with the same seed, one slider per pair.
 */
final class PromptPages {
    static final int PAGE_SIZE = 60;
    static final int PAIRS_PER_PAGE = 12;

    private final Studio studio;
    private final Views views;

    PromptPages(Studio studio, Views views) {
        this.studio = studio;
        this.views = views;
    }

    void show(Context ctx) {
        Map<String, Object> model = base(ctx);
        Prompt prompt = (Prompt) model.get("prompt");
        Experiment experiment = (Experiment) model.get("experiment");
        int page = HttpErrors.pageParam(ctx);
        ScoreView view = scoreView(ctx, experiment.id(), 0, 10, "score");
        Gallery.ScoredPage images = studio.gallery().scoredPage(prompt.id(), view.model(), view.order(), view.min(),
                view.max(), page - 1, PAGE_SIZE);
        int pages = Math.max(1, (Math.max(images.shownBefore(), images.shownAfter()) + PAGE_SIZE - 1) / PAGE_SIZE);
        if (page > pages) {
            throw new NotFoundResponse("This prompt has " + pages + " page(s) of images.");
        }
        model.put("view", view);
        model.put("images", images);
        model.put("page", page);
        model.put("pages", pages);
        views.render(ctx, "prompt", model);
    }

    void pairs(Context ctx) {
        Map<String, Object> model = base(ctx);
        Prompt prompt = (Prompt) model.get("prompt");
        Experiment experiment = (Experiment) model.get("experiment");
        int page = HttpErrors.pageParam(ctx);
        ScoreView view = scoreView(ctx, experiment.id(), -10, 10, "change");
        int count = studio.gallery().scoredPairCount(prompt.id(), view.model(), view.min(), view.max());
        int pages = Math.max(1, (count + PAIRS_PER_PAGE - 1) / PAIRS_PER_PAGE);
        if (page > pages) {
            throw new NotFoundResponse("This prompt has " + pages + " page(s) of pairs.");
        }
        model.put("view", view);
        model.put("pairs", studio.gallery().scoredPairs(prompt.id(), view.model(), view.order(), view.min(), view.max(),
                page - 1, PAIRS_PER_PAGE));
        model.put("pairCount", count);
        model.put("page", page);
        model.put("pages", pages);
        views.render(ctx, "pairs", model);
    }

    private ScoreView scoreView(Context ctx, long experimentId, double lo, double hi, String what) {
        List<String> models = studio.stats().models(experimentId, StatsPages.MODELS_LISTED);
        String asked = ctx.queryParam("model");
        String model = asked == null || asked.isEmpty() ? (models.isEmpty() ? null : models.get(0)) : asked;
        if (asked != null && !asked.isEmpty() && !models.contains(asked)
                && (asked.length() > 200 || !studio.stats().hasModel(experimentId, asked))) {
            throw new BadRequestResponse("This experiment has no scores by that model.");
        }
        String sort = ctx.queryParam("sort");
        sort = sort == null || sort.isEmpty() ? "seed" : sort;
        ScoredImages.Order order = switch (sort) {
            case "seed" -> ScoredImages.Order.SEED;
            case "score-asc", "change-asc" -> ScoredImages.Order.SCORE_ASC;
            case "score-desc", "change-desc" -> ScoredImages.Order.SCORE_DESC;
            default -> throw new BadRequestResponse("sort must be seed, " + what + "-asc or " + what + "-desc.");
        };
        Double min = bound(ctx, "min", lo, hi);
        Double max = bound(ctx, "max", lo, hi);
        if (min != null && max != null && min > max) {
            throw new BadRequestResponse("min must not be above max.");
        }
        StringBuilder q = new StringBuilder();
        if (model != null && asked != null && !asked.isEmpty()) {
            q.append("&model=").append(java.net.URLEncoder.encode(model, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!sort.equals("seed")) {
            q.append("&sort=").append(sort);
        }
        if (min != null) {
            q.append("&min=").append(ctx.queryParam("min").strip());
        }
        if (max != null) {
            q.append("&max=").append(ctx.queryParam("max").strip());
        }
        return new ScoreView(model, models, order, sort, min, max, what, q.toString());
    }

    private static Double bound(Context ctx, String name, double lo, double hi) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String t = raw.strip();
        if (!t.matches("-?\\d{1,2}(\\.\\d{1,4})?")) {
            throw new BadRequestResponse(name + " must be a number from " + lo + " to " + hi + ".");
        }
        double v = Double.parseDouble(t);
        if (v < lo || v > hi) {
            throw new BadRequestResponse(name + " must be a number from " + lo + " to " + hi + ".");
        }
        return v;
    }

    private Map<String, Object> base(Context ctx) {
        long id = HttpErrors.idParam(ctx, "id");
        long promptId = HttpErrors.idParam(ctx, "promptId");
        Experiment experiment = studio.gallery().experiment(id)
                .orElseThrow(() -> new NotFoundResponse("There is no experiment " + id + "."));
        Prompt prompt = studio.gallery().prompt(id, promptId)
                .orElseThrow(() -> new NotFoundResponse("Experiment " + id + " has no prompt " + promptId + "."));
        Map<String, Object> model = new HashMap<>();
        model.put("experiment", experiment);
        model.put("prompt", prompt);
        return model;
    }
}
