package org.belladonna.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.belladonna.app.Studio;
import org.belladonna.gallery.Gallery;
import org.belladonna.store.Records.Experiment;
import org.belladonna.store.Records.Prompt;

import java.util.HashMap;
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
        int page = page(ctx);
        Gallery.PromptPage images = studio.gallery().promptPage(prompt.id(), page - 1, PAGE_SIZE);
        int pages = Math.max(1, (Math.max(images.nBefore(), images.nAfter()) + PAGE_SIZE - 1) / PAGE_SIZE);
        if (page > pages) {
            throw new NotFoundResponse("This prompt has " + pages + " page(s) of images.");
        }
        model.put("images", images);
        model.put("page", page);
        model.put("pages", pages);
        views.render(ctx, "prompt", model);
    }

    void pairs(Context ctx) {
        Map<String, Object> model = base(ctx);
        Prompt prompt = (Prompt) model.get("prompt");
        int page = page(ctx);
        int count = studio.gallery().promptPage(prompt.id(), 0, 0).pairs();
        int pages = Math.max(1, (count + PAIRS_PER_PAGE - 1) / PAIRS_PER_PAGE);
        if (page > pages) {
            throw new NotFoundResponse("This prompt has " + pages + " page(s) of pairs.");
        }
        model.put("pairs", studio.gallery().pairs(prompt.id(), page - 1, PAIRS_PER_PAGE));
        model.put("pairCount", count);
        model.put("page", page);
        model.put("pages", pages);
        views.render(ctx, "pairs", model);
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

    private static int page(Context ctx) {
        String raw = ctx.queryParam("page");
        if (raw == null || raw.isEmpty()) {
            return 1;
        }
        if (!raw.matches("[1-9]\\d{0,5}")) {
            throw new BadRequestResponse("page must be a number from 1.");
        }
        return Integer.parseInt(raw);
    }
}
