package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import org.belladonna.app.Studio;
import org.belladonna.images.BadImageException;
import org.belladonna.models.ModelMissingException;
import org.belladonna.artworks.ProtectionService;
import org.belladonna.protect.ProtectionSettings;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Records.Protection;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Protecting artwork: the upload form with the queue, each image's result page, and the downloads. */
final class ProtectPages {
    private static final int QUEUE_LENGTH = 20;

    private final Studio studio;
    private final Views views;

    ProtectPages(Studio studio, Views views) {
        this.studio = studio;
        this.views = views;
    }

    /** One line of the queue: the protection, its job and what the job fragment needs. */
    record QueueItem(Protection protection, Job job, String concept) {
    }

    void form(Context ctx) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("concepts", studio.concepts().all());
        model.put("families", studio.protection().familyChoices(ProtectionSettings.defaults()));
        model.put("secondsPerUnit", studio.protection().secondsPerFamily().orElse(null));
        model.put("queue", studio.protection().recent(QUEUE_LENGTH).stream().map(this::queueItem).toList());
        model.put("missing", studio.protection().missingModels().orElse(null));
        views.render(ctx, "protect", model);
    }

    void submit(Context ctx) throws IOException, BadImageException {
        ProtectionService.Submission submission;
        try (Uploads.ImageForm upload = Uploads.images(ctx, UploadRoute.PROTECT, "images")) {
            submission = studio.protection().submit(upload.uploads(), ProtectionForm.conceptId(upload.form()),
                    ProtectionForm.settings(upload.form()));
        } catch (ModelMissingException e) {
            throw new ServiceUnavailableResponse("Protection needs a model that is not installed here: "
                    + e.getMessage() + ". Nothing was stored.");
        }
        Redirects.afterForm(ctx, "/protect/" + submission.protectionIds().get(0));
    }

    void show(Context ctx) {
        Protection p = find(ctx);
        QueueItem item = queueItem(p);
        Map<String, Object> model = new HashMap<>();
        model.put("p", p);
        model.put("job", item.job());
        model.put("concept", item.concept());
        model.put("settings", ProtectionService.settings(p));
        model.put("report", studio.protection().report(p).orElse(null));
        model.put("seen", studio.protection().seen(p));
        List<Protection> batch = p.batch().isEmpty() ? List.of() : studio.protection().batch(p.batch());
        model.put("batch", batch);
        model.put("batchDone", batch.stream().filter(Protection::protectedYet).count());
        model.put("downloadName", downloadName(p));
        views.render(ctx, "protect-result", model);
    }

    void report(Context ctx) {
        Protection p = find(ctx);
        ctx.header("Content-Disposition", "attachment; filename=\"" + stem(p) + "-report.json\"");
        ctx.contentType("application/json").result(studio.protection().exportJson(p));
    }

    /** The protected image: always the lossless PNG the engine delivered, at the artwork's size. */
    void download(Context ctx) throws IOException {
        Protection p = find(ctx);
        if (p.outputHash() == null) {
            throw new NotFoundResponse("This image is not protected yet.");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + downloadName(p) + "\"");
        ctx.contentType("image/png");
        ctx.result(studio.store().files().read(p.outputHash()));
    }

    /** Every protected image of a batch in one ZIP (PNGs are already compressed: stored, not deflated). */
    void zip(Context ctx) throws IOException {
        String batch = ctx.pathParam("batch");
        if (!ProtectionService.isBatchId(batch)) {
            throw new NotFoundResponse("There is no batch at this address.");
        }
        List<Protection> all = studio.protection().batch(batch);
        if (all.isEmpty()) {
            throw new NotFoundResponse("There is no batch at this address.");
        }
        List<Protection> done = all.stream().filter(Protection::protectedYet).toList();
        if (done.size() < all.size()) {
            // A ZIP of part of a batch would pass for the whole one: offered only once every image is protected.
            throw new io.javalin.http.ConflictResponse("The batch is not done: " + done.size() + " of " + all.size()
                    + " images are protected. Download each from its page, or wait until every image is done.");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"belladonna-" + batch + ".zip\"");
        ctx.contentType("application/zip");
        OutputStream out = ctx.outputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            Set<String> names = new HashSet<>();
            for (Protection p : done) {
                String name = downloadName(p);
                for (int n = 2; !names.add(name); n++) {
                    name = stem(p) + "-protected-" + n + ".png";
                }
                zip.putNextEntry(new ZipEntry(name));
                zip.write(studio.store().files().read(p.outputHash()));
                zip.closeEntry();
            }
        }
    }

    private QueueItem queueItem(Protection p) {
        Job job = studio.jobs().find(p.jobId()).orElseThrow();
        String concept = p.conceptId() == null ? "(deleted concept)"
                : studio.concepts().find(p.conceptId()).map(e -> e.concept().name()).orElse("(deleted concept)");
        return new QueueItem(p, job, concept);
    }

    private Protection find(Context ctx) {
        long id = HttpErrors.idParam(ctx, "id");
        return studio.protection().find(id).orElseThrow(() -> new NotFoundResponse("There is no protection " + id + "."));
    }

    static String downloadName(Protection p) {
        return stem(p) + "-protected.png";
    }

    /** The upload's name without its extension, reduced to characters safe in a header and any file system. */
    private static String stem(Protection p) {
        String name = p.sourceName();
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]+", "_");
        stem = stem.length() > 80 ? stem.substring(0, 80) : stem;
        return stem.isEmpty() || stem.equals("_") ? "artwork-" + p.id() : stem;
    }
}
