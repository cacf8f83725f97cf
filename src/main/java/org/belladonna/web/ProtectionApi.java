package org.belladonna.web;

import org.belladonna.jobs.JobEstimate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.UnsupportedMediaTypeResponse;
import org.belladonna.accounts.Role;
import org.belladonna.app.Studio;
import org.belladonna.artworks.ProtectionService;
import org.belladonna.images.BadImageException;
import org.belladonna.models.ModelMissingException;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Records.Protection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON API for programs that protect on upload: the same form fields, the same {@link ProtectionService}
 * and the same job queue as the protect page, answered in JSON. Routes and their shapes are described in
 * {@code /api/openapi.json}; errors are {@link Problems}.
 */
final class ProtectionApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DESCRIPTION_RESOURCE = "/api/openapi.json";

    private final Studio studio;

    ProtectionApi(Studio studio) {
        this.studio = studio;
    }

    /** POST /api/protections: one image ("image") and the protect form's settings; 202 with the job to poll. */
    void submit(Context ctx) throws IOException, BadImageException {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new UnsupportedMediaTypeResponse("Send multipart/form-data with the artwork in the \"image\" field "
                    + "and the settings as text fields (see /api/openapi.json).");
        }
        ProtectionService.Submission submission;
        try (Uploads.ImageForm upload = Uploads.images(ctx, UploadRoute.API_PROTECT, "image")) {
            if (upload.uploads().size() != 1) {
                throw new BadRequestResponse("Send exactly one image in the \"image\" field (got " + upload.uploads().size() + ").");
            }
            submission = studio.protection().submit(upload.uploads(), ProtectionForm.conceptId(upload.form()),
                    ProtectionForm.settings(upload.form()));
        } catch (ModelMissingException e) {
            throw new ServiceUnavailableResponse("Protection needs a model that is not installed here: "
                    + e.getMessage() + ". Nothing was stored.");
        }
        Protection p = studio.protection().find(submission.protectionIds().get(0)).orElseThrow();
        ObjectNode body = JSON.createObjectNode();
        body.put("id", p.id());
        body.put("jobId", p.jobId());
        body.put("state", studio.jobs().find(p.jobId()).map(Job::state).orElse("queued"));
        body.set("links", JSON.valueToTree(links(p)));
        ctx.header("Location", "/api/protections/" + p.id());
        ctx.status(HttpStatus.ACCEPTED).json(body);
    }

    /** GET /api/jobs/{id}: state, phase, progress and an estimate of the time left. */
    void job(Context ctx) {
        long id = HttpErrors.idParam(ctx, "id");
        Job job = studio.jobs().find(id).orElseThrow(() -> new NotFoundResponse("There is no job " + id + "."));
        Role needed = JobPages.CANCELLED_BY.get(job.kind());
        if (needed != null && !ApiAuth.user(ctx).role().covers(needed)) {
            throw new ForbiddenResponse("Job " + id + " is " + job.kind() + " work, which needs a " + needed.id() + " account.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", job.id());
        body.put("kind", job.kind());
        body.put("state", job.state());
        body.put("phase", job.message());
        body.put("progress", job.progress());
        body.put("secondsLeft", studio.jobs().estimate(job.id()).map(JobEstimate::secondsLeft)
                .map(Math::round).orElse(null));
        body.put("error", job.error());
        body.put("createdAt", job.createdAt());
        body.put("startedAt", job.startedAt());
        body.put("finishedAt", job.finishedAt());
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", "/api/jobs/" + job.id());
        studio.protection().forJob(job.id()).ifPresent(p -> links.putAll(links(p)));
        body.put("links", links);
        ctx.json(body);
    }

    /** GET /api/protections/{id}: the job's state and, once done, the report with each family's coverage. */
    void result(Context ctx) throws IOException {
        Protection p = find(ctx);
        ObjectNode body = JSON.createObjectNode();
        body.put("id", p.id());
        body.put("state", studio.jobs().find(p.jobId()).map(Job::state).orElse("unknown"));
        body.setAll((ObjectNode) JSON.readTree(studio.protection().exportJson(p)));
        body.remove("protection"); // the export's name for the id above
        body.set("links", JSON.valueToTree(links(p)));
        ctx.json(body);
    }

    /** GET /api/protections/{id}/image: the protected PNG; 409 until the job has made it. */
    void image(Context ctx) throws IOException {
        Protection p = find(ctx);
        if (p.outputHash() == null) {
            throw new ConflictResponse("Protection " + p.id() + " is not done yet; poll /api/jobs/" + p.jobId() + ".");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + ProtectPages.downloadName(p) + "\"");
        ctx.contentType("image/png").result(studio.store().files().read(p.outputHash()));
    }

    /** GET /api/openapi.json: the API's OpenAPI 3 description, a resource written beside this class. */
    void description(Context ctx) {
        try (InputStream in = ProtectionApi.class.getResourceAsStream(DESCRIPTION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + DESCRIPTION_RESOURCE + " is missing from the build");
            }
            ctx.contentType("application/json").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Protection find(Context ctx) {
        long id = HttpErrors.idParam(ctx, "id");
        return studio.protection().find(id).orElseThrow(() -> new NotFoundResponse("There is no protection " + id + "."));
    }

    private static Map<String, String> links(Protection p) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("protection", "/api/protections/" + p.id());
        links.put("job", "/api/jobs/" + p.jobId());
        links.put("image", "/api/protections/" + p.id() + "/image");
        return links;
    }
}
