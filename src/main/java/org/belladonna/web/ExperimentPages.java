package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.belladonna.app.Studio;
import org.belladonna.store.Records.Experiment;
import org.belladonna.store.Scores;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The experiments list and each experiment's page (one row per prompt, before beside after). */
final class ExperimentPages {
    private static final int THUMBS_PER_VARIANT = 4;

    private final Studio studio;
    private final Views views;

    ExperimentPages(Studio studio, Views views) {
        this.studio = studio;
        this.views = views;
    }

    void list(Context ctx) {
        views.render(ctx, "experiments", Map.of("experiments", studio.gallery().experiments()));
    }

    void create(Context ctx) {
        String name = ctx.formParam("name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An experiment needs a name.");
        }
        if (name.length() > 200) {
            throw new IllegalArgumentException("Keep the experiment's name under 200 characters.");
        }
        long id = studio.gallery().createExperiment(name, valueOr(ctx.formParam("description"), ""),
                valueOr(ctx.formParam("concept"), ""));
        ctx.redirect("/experiments/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    void show(Context ctx) {
        long id = HttpErrors.idParam(ctx, "id");
        Experiment experiment = studio.gallery().experiment(id)
                .orElseThrow(() -> new NotFoundResponse("There is no experiment " + id + "."));
        List<String> models = studio.store().read(h -> Scores.modelsOf(h, id));
        String model = models.isEmpty() ? null : models.get(0);
        var model2 = new HashMap<String, Object>();
        model2.put("experiment", experiment);
        model2.put("rows", studio.gallery().promptRows(id, THUMBS_PER_VARIANT, model));
        model2.put("scoreModel", model);
        views.render(ctx, "experiment", model2);
    }

    void delete(Context ctx) {
        long id = HttpErrors.idParam(ctx, "id");
        if (!studio.gallery().deleteExperiment(id)) {
            throw new NotFoundResponse("There is no experiment " + id + ".");
        }
        if (ctx.header("HX-Request") != null) {
            ctx.header("HX-Redirect", "/experiments");
        } else {
            ctx.redirect("/experiments", io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    private static String valueOr(String value, String fallback) {
        return value == null ? fallback : value.strip();
    }
}
