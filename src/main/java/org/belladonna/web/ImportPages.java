package org.belladonna.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import org.belladonna.app.Studio;
import org.belladonna.archive.ImportRefusedException;
import org.belladonna.store.Records.Job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * ZIP uploads: saved, checked at once for anything hostile in its directory (a 400 page, nothing kept),
 * then imported by a job on the "io" lane whose progress the page polls.
 */
final class ImportPages {
    private final Studio studio;
    private final Views views;

    ImportPages(Studio studio, Views views) {
        this.studio = studio;
        this.views = views;
    }

    void upload(Context ctx) throws IOException {
        UploadedFile file = ctx.uploadedFile("archive");
        if (file == null || file.size() == 0) {
            throw new BadRequestResponse("Choose a ZIP file of generated images to import.");
        }
        Long experimentId = optionalId(ctx.formParam("experiment"));
        String name = blankToNull(ctx.formParam("name"));
        String concept = blankToNull(ctx.formParam("concept"));
        if (name != null && name.length() > 200 || concept != null && concept.length() > 200) {
            throw new BadRequestResponse("Keep the name and the concept under 200 characters.");
        }
        if (experimentId != null && studio.gallery().experiment(experimentId).isEmpty()) {
            throw new NotFoundResponse("There is no experiment " + experimentId + ".");
        }
        Path saved = studio.importer().newUpload();
        try {
            try (InputStream in = file.content()) {
                Files.copy(in, saved, StandardCopyOption.REPLACE_EXISTING);
            }
            studio.importer().precheck(saved);
        } catch (ImportRefusedException e) {
            Files.deleteIfExists(saved);
            throw new BadRequestResponse(e.getMessage());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(saved);
            throw e;
        }
        long jobId = studio.importer().submitUpload(saved, Uploads.displayName(file.filename()), experimentId, name, concept);
        if (ctx.header("HX-Request") != null) {
            renderJob(ctx, "job", jobId);
        } else {
            ctx.redirect("/experiments/imports/" + jobId, HttpStatus.SEE_OTHER);
        }
    }

    /** The job's own page, for browsers without JavaScript (it refreshes itself while the job runs). */
    void status(Context ctx) {
        renderJob(ctx, "import", HttpErrors.idParam(ctx, "id"));
    }

    private void renderJob(Context ctx, String template, long jobId) {
        Job job = studio.importer().job(jobId)
                .orElseThrow(() -> new NotFoundResponse("There is no import " + jobId + "."));
        Map<String, Object> model = new HashMap<>();
        model.put("job", job);
        model.put("eta", JobPages.eta(job));
        model.put("outcome", JobPages.outcome(job));
        views.render(ctx, template, model);
    }

    private static Long optionalId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!raw.strip().matches("\\d{1,18}")) {
            throw new BadRequestResponse("The experiment must be given by its number.");
        }
        return Long.parseLong(raw.strip());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
