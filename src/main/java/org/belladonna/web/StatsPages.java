package org.belladonna.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.belladonna.app.Studio;
import org.belladonna.stats.Analysis;
import org.belladonna.stats.ForestPlot;
import org.belladonna.scores.StatsReport;
import org.belladonna.stats.PromptTableCsv;
import org.belladonna.stats.StripPlot;
import org.belladonna.store.Records.Experiment;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's statistics for one scoring model: the per-prompt table, the group summary, the methods
 * and the plots as inline SVG rendered here (readable without JavaScript); and the table as CSV.
 */
final class StatsPages {
    /** Models offered in the page's choice (the most used first). */
    static final int MODELS_LISTED = 20;

    private final Studio studio;
    private final Views views;

    StatsPages(Studio studio, Views views) {
        this.studio = studio;
        this.views = views;
    }

    void show(Context ctx) {
        Experiment experiment = experiment(ctx);
        // The choice lists the most used models only; any other is reached with ?model=NAME.
        List<String> models = studio.stats().models(experiment.id(), MODELS_LISTED);
        Map<String, Object> model = new HashMap<>();
        model.put("experiment", experiment);
        model.put("models", models);
        model.put("unlisted", models.size() < MODELS_LISTED ? 0 : studio.stats().modelCount(experiment.id()) - models.size());
        model.put("fmt", new StatsCells());
        if (models.isEmpty()) {
            views.render(ctx, "stats", model);
            return;
        }
        String chosen = chosenModel(ctx, experiment.id(), models);
        StatsReport report = studio.stats().report(experiment.id(), chosen);
        Analysis analysis = report.analysis();
        model.put("model", chosen);
        model.put("analysis", analysis);
        model.put("report", report);
        model.put("scorer", report.scorer());
        model.put("methods", report.methods());
        model.put("forest", ForestPlot.svg(analysis, "forest"));
        model.put("strips", StripPlot.svgs(analysis, "strip"));
        views.render(ctx, "stats", model);
    }

    /**
     * One self-contained HTML file (inline CSS and SVG, nothing fetched) with the stats, plots, methods and
     * provenance of one scorer's scores; a download, so it can be mailed or archived beside a paper.
     */
    void report(Context ctx) {
        Experiment experiment = experiment(ctx);
        List<String> models = studio.stats().models(experiment.id(), MODELS_LISTED);
        if (models.isEmpty()) {
            throw new NotFoundResponse("Experiment " + experiment.id() + " has no scores yet, so there is no report.");
        }
        String chosen = chosenModel(ctx, experiment.id(), models);
        StatsReport report = studio.stats().report(experiment.id(), chosen);
        Map<String, Object> model = new HashMap<>();
        model.put("experiment", experiment);
        model.put("report", report);
        model.put("analysis", report.analysis());
        model.put("scorer", report.scorer());
        model.put("imports", report.imports());
        model.put("methods", report.methods());
        model.put("fmt", new StatsCells());
        model.put("forest", ForestPlot.svg(report.analysis(), "forest"));
        model.put("strips", StripPlot.svgs(report.analysis(), "strip"));
        if (ctx.queryParam("download") != null) {
            ctx.header("Content-Disposition", "attachment; filename=\"experiment-" + experiment.id() + "-"
                    + chosen.replaceAll("[^A-Za-z0-9._-]", "_") + "-report.html\"");
        }
        views.render(ctx, "report", model);
    }

    void csv(Context ctx) {
        Experiment experiment = experiment(ctx);
        List<String> models = studio.stats().models(experiment.id(), MODELS_LISTED);
        if (models.isEmpty()) {
            throw new NotFoundResponse("Experiment " + experiment.id() + " has no scores yet, so there is no table.");
        }
        String chosen = chosenModel(ctx, experiment.id(), models);
        StatsReport report = studio.stats().report(experiment.id(), chosen);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"experiment-" + experiment.id() + "-"
                + chosen.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv\"");
        ctx.result(PromptTableCsv.write(report.analysis(), report.scorer().description()).getBytes(StandardCharsets.UTF_8));
    }

    private Experiment experiment(Context ctx) {
        long id = HttpErrors.idParam(ctx, "id");
        return studio.gallery().experiment(id).orElseThrow(() -> new NotFoundResponse("There is no experiment " + id + "."));
    }

    private String chosenModel(Context ctx, long experimentId, List<String> listed) {
        String asked = ctx.queryParam("model");
        if (asked == null || asked.isEmpty()) {
            return listed.get(0);
        }
        if (!listed.contains(asked) && (asked.length() > 200 || !studio.stats().hasModel(experimentId, asked))) {
            throw new BadRequestResponse("This experiment has no scores by that model; it has " + String.join(", ", listed)
                    + (listed.size() == MODELS_LISTED ? " and others" : "") + ".");
        }
        return asked;
    }
}
