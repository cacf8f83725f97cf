package org.belladonna.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import org.belladonna.app.Studio;
import org.belladonna.scores.ScoreImport;
import org.belladonna.scores.ScoringService;
import org.belladonna.store.Records.Experiment;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's scores: how much each model has scored, the "Score with NIMA" action (a background job)
 * and the CSV import. One page, {@code templates/scoring.html}; the experiment page loads its panel with
 * htmx, and every action answers with the page so htmx can swap the panel in place.
 */
final class ScoringPages {
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
        ScoringService.Readiness readiness = studio.scoring().readiness();
        if (!readiness.ready()) {
            throw new BadRequestResponse(readiness.problem() + " Install them with: " + readiness.installCommand());
        }
        studio.scoring().submit(experiment.id());
        if (isHtmx(ctx)) {
            render(ctx, experiment, Map.of());
        } else {
            ctx.redirect("/experiments/" + experiment.id() + "/scores", HttpStatus.SEE_OTHER);
        }
    }

    void importCsv(Context ctx) throws IOException {
        Experiment experiment = experiment(ctx);
        UploadedFile file = ctx.uploadedFile("csv");
        if (file == null || file.filename().isBlank()) {
            throw new BadRequestResponse("Choose a CSV file to import.");
        }
        try (Reader csv = new InputStreamReader(file.content(), StandardCharsets.UTF_8)) {
            ScoreImport.Result result = studio.scoreImport().importCsv(experiment.id(), file.filename(), csv);
            render(ctx, experiment, Map.of("imported", result, "importedFile", file.filename()));
        } catch (ScoreImport.BadRowsException e) {
            // htmx swaps only 2xx answers into the panel; a plain form post gets the honest status.
            ctx.status(isHtmx(ctx) ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT);
            render(ctx, experiment, Map.of("importProblems", e.problems(), "importedFile", file.filename()));
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
        model.put("images", scoring.imageCount(experiment.id()));
        List<ScoringService.Coverage> coverage = scoring.coverage(experiment.id());
        model.put("coverage", coverage);
        var job = scoring.latestJob(experiment.id());
        model.put("job", job.orElse(null));
        model.put("jobActive", job.isPresent() && !job.get().finished());
        model.put("eta", job.map(JobPages::eta).orElse(null));
        views.render(ctx, "scoring", model);
    }

    private Experiment experiment(Context ctx) {
        long id = HttpErrors.idParam(ctx, "id");
        return studio.gallery().experiment(id).orElseThrow(() -> new NotFoundResponse("There is no experiment " + id + "."));
    }
}
