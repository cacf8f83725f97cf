package org.belladonna.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import org.belladonna.app.Studio;
import org.belladonna.archive.ImportRefusedException;
import org.belladonna.store.Records.Job;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * The ZIP is streamed straight into data/incoming as it arrives (one copy, never spooled by Jetty);
     * whatever fails afterwards deletes it again.
     */
    void upload(Context ctx) throws IOException {
        Path[] saved = {null};
        String[] submittedName = {null};
        try (MultipartForm form = MultipartForm.read(ctx, UploadRoute.IMPORT, (field, fileName, content) -> {
            if (!field.equals("archive") || saved[0] != null) {
                throw new BadRequestResponse("Send one ZIP file, in the form's \"archive\" field.");
            }
            saved[0] = studio.importer().newUpload();
            submittedName[0] = fileName;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(saved[0]), 64 << 10)) {
                content.transferTo(out);
            }
        })) {
            if (saved[0] == null || Files.size(saved[0]) == 0) {
                throw new BadRequestResponse("Choose a ZIP file of generated images to import.");
            }
            Long experimentId = optionalId(form.field("experiment"));
            String name = blankToNull(form.field("name"));
            String concept = blankToNull(form.field("concept"));
            if (name != null && name.length() > 200 || concept != null && concept.length() > 200) {
                throw new BadRequestResponse("Keep the name and the concept under 200 characters.");
            }
            if (experimentId != null && studio.gallery().experiment(experimentId).isEmpty()) {
                throw new NotFoundResponse("There is no experiment " + experimentId + ".");
            }
            try {
                studio.importer().precheck(saved[0]);
            } catch (ImportRefusedException e) {
                if (ctx.header("HX-Request") != null) {
                    refused(ctx, e);
                    return;
                }
                throw new BadRequestResponse(e.getMessage());
            }
            long jobId = studio.importer().submitUpload(saved[0], Uploads.displayName(submittedName[0]), experimentId, name, concept);
            saved[0] = null; // the job owns it now
            if (ctx.header("HX-Request") != null) {
                renderJob(ctx, "job", jobId);
            } else {
                ctx.redirect("/experiments/imports/" + jobId, HttpStatus.SEE_OTHER);
            }
        } finally {
            if (saved[0] != null) {
                Files.deleteIfExists(saved[0]);
            }
        }
    }

    /** A refusal shown on the form: every reason on its own line (the 400 page has them in one sentence). */
    private static void refused(Context ctx, ImportRefusedException e) {
        StringBuilder html = new StringBuilder("<div class=\"error import-refused\" role=\"alert\"><p><strong>Nothing was imported.</strong> ")
                .append(e.reasons().size() == 1 ? "The reason:" : "The reasons:").append("</p><ul>");
        for (String reason : e.reasons()) {
            html.append("<li>").append(HttpErrors.escape(reason)).append("</li>");
        }
        html.append("</ul><p class=\"muted\">Fix the ZIP and choose it again; the form kept what you typed.</p></div>");
        HttpErrors.markRendered(ctx);
        ctx.status(400).html(html.toString());
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
