package org.belladonna.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import org.belladonna.app.Studio;
import org.belladonna.scores.ScoreImport;
import org.belladonna.scores.ScorerChoice;
import org.belladonna.scores.ScoringService;
import org.belladonna.store.Records.Experiment;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's scores: how much each model has scored, the "Score with NIMA" action (a background job)
 * and the CSV import. One page, {@code templates/scoring.html}; the experiment page loads its panel with
 * htmx, and every action answers with the page so htmx can swap the panel in place.
 */
final class ScoringPages {
    static final int MODELS_PER_PAGE = 20;

    private final Studio studio;
    private final Views views;

    ScoringPages(Studio studio, Views views) {
        this.studio = studio;
        this.views = views;
    }

    void show(Context ctx) throws IOException {
        render(ctx, experiment(ctx), Map.of());
    }

    void score(Context ctx) throws IOException {
        Experiment experiment = experiment(ctx);
        ScorerChoice scorer;
        try {
            String asked = ctx.formParam("scorer");
            scorer = asked == null || asked.isBlank() ? ScorerChoice.DEFAULT : ScorerChoice.parse(asked);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        ScoringService.Readiness readiness = studio.scoring().readiness(scorer);
        if (!readiness.ready()) {
            throw new BadRequestResponse(readiness.problem() + " Install them with: " + readiness.installCommand());
        }
        studio.scoring().submit(experiment.id(), scorer);
        if (isHtmx(ctx)) {
            render(ctx, experiment, Map.of());
        } else {
            ctx.redirect("/experiments/" + experiment.id() + "/scores", HttpStatus.SEE_OTHER);
        }
    }

    /** The CSV is parsed as it arrives (strict UTF-8, bounded rows); only the first 50 problems are shown. */
    void importCsv(Context ctx) throws IOException {
        Experiment experiment = experiment(ctx);
        String[] name = {null};
        Object[] outcome = {null};
        try (MultipartForm ignored = MultipartForm.read(ctx, UploadRoute.SCORES, (field, fileName, content) -> {
            if (!field.equals("csv") || name[0] != null) {
                throw new BadRequestResponse("Send one CSV file, in the form's \"csv\" field.");
            }
            name[0] = fileName;
            if (fileName.isBlank()) {
                return;
            }
            try {
                outcome[0] = studio.scoreImport().importCsv(experiment.id(), content);
            } catch (ScoreImport.BadRowsException e) {
                outcome[0] = e;
            }
        })) {
            if (name[0] == null || name[0].isBlank()) {
                throw new BadRequestResponse("Choose a CSV file to import.");
            }
        }
        String shown = Uploads.displayName(name[0]);
        if (outcome[0] instanceof ScoreImport.BadRowsException e) {
            // htmx swaps only 2xx answers into the panel; a plain form post gets the honest status.
            ctx.status(isHtmx(ctx) ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT);
            render(ctx, experiment, Map.of("importProblems", e.problems(), "importProblemCount", e.total(),
                    "importedFile", shown));
        } else {
            render(ctx, experiment, Map.of("imported", outcome[0], "importedFile", shown));
        }
    }

    private static boolean isHtmx(Context ctx) {
        return ctx.header("HX-Request") != null;
    }

    private void render(Context ctx, Experiment experiment, Map<String, Object> extra) throws IOException {
        ScoringService scoring = studio.scoring();
        Map<String, Object> model = new HashMap<>(extra);
        model.put("experiment", experiment);
        model.put("readiness", scoring.readiness());
        List<ScorerOption> scorers = new java.util.ArrayList<>();
        for (ScorerChoice c : ScorerChoice.values()) {
            scorers.add(new ScorerOption(c.shortName(), c.kind().displayName(), c.modelId(), c.kind().preprocessing(),
                    scoring.readiness(c)));
        }
        model.put("scorers", scorers);
        model.put("anyReady", scorers.stream().anyMatch(o -> o.readiness().ready()));
        model.put("images", scoring.imageCount(experiment.id()));
        // One line per model, a page of them at a time: the panel stays small whatever was imported.
        int models = scoring.modelCount(experiment.id());
        int pages = Math.max(1, (models + MODELS_PER_PAGE - 1) / MODELS_PER_PAGE);
        int page = Math.min(HttpErrors.pageParam(ctx), pages);
        List<ScoringService.Coverage> coverage = scoring.coverage(experiment.id(), (page - 1) * MODELS_PER_PAGE, MODELS_PER_PAGE);
        model.put("coverage", coverage);
        model.put("modelCount", models);
        model.put("page", page);
        model.put("pages", pages);
        var job = scoring.latestJob(experiment.id());
        model.put("job", job.orElse(null));
        model.put("jobActive", job.isPresent() && !job.get().finished());
        views.render(ctx, "scoring", model);
    }

    private Experiment experiment(Context ctx) {
        long id = HttpErrors.idParam(ctx, "id");
        return studio.gallery().experiment(id).orElseThrow(() -> new NotFoundResponse("There is no experiment " + id + "."));
    }
}
