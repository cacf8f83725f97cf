package org.belladonna.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.belladonna.app.Studio;
import org.belladonna.store.Records.Experiment;
import org.belladonna.gallery.Gallery.PromptRow;

import java.util.ArrayList;
import java.util.Comparator;
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
        Redirects.afterForm(ctx, "/experiments/" + id);
    }

    /** One row per prompt; {@code ?group=related|control} filters, {@code ?sort=change|-change} orders by % change. */
    void show(Context ctx) {
        long id = HttpErrors.idParam(ctx, "id");
        Experiment experiment = studio.gallery().experiment(id)
                .orElseThrow(() -> new NotFoundResponse("There is no experiment " + id + "."));
        String group = choice(ctx, "group", List.of("all", "related", "control"));
        String sort = choice(ctx, "sort", List.of("order", "change", "-change"));
        List<String> models = studio.stats().models(id, 1);
        String model = models.isEmpty() ? null : models.get(0);
        List<PromptRow> rows = new ArrayList<>(studio.gallery().promptRows(id, THUMBS_PER_VARIANT, model));
        int total = rows.size();
        if (!group.equals("all")) {
            rows.removeIf(r -> r.prompt().related() != group.equals("related"));
        }
        if (!sort.equals("order")) {
            // Biggest drop first for "change", biggest rise first for "-change"; prompts without a mean go last.
            Comparator<Double> byChange = sort.equals("change") ? Comparator.naturalOrder() : Comparator.reverseOrder();
            rows.sort(Comparator.comparing(PromptRow::changePercent, Comparator.nullsLast(byChange)));
        }
        var model2 = new HashMap<String, Object>();
        model2.put("experiment", experiment);
        model2.put("rows", rows);
        model2.put("promptCount", total);
        model2.put("group", group);
        model2.put("sort", sort);
        model2.put("scoreModel", model);
        views.render(ctx, "experiment", model2);
    }

    /** The whole experiment as a ZIP that imports back into the same tables. */
    void export(Context ctx) throws java.io.IOException {
        long id = HttpErrors.idParam(ctx, "id");
        Experiment experiment = studio.gallery().experiment(id)
                .orElseThrow(() -> new NotFoundResponse("There is no experiment " + id + "."));
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"experiment-" + id + ".zip\"");
        studio.export().write(experiment, ctx.outputStream());
    }

    /** A query parameter from a fixed set; missing means the first, anything else is a 400. */
    static String choice(Context ctx, String name, List<String> allowed) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return allowed.get(0);
        }
        if (!allowed.contains(value)) {
            throw new BadRequestResponse(name + " must be one of " + String.join(", ", allowed) + ".");
        }
        return value;
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
