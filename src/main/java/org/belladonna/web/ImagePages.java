package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.belladonna.app.Studio;
import org.belladonna.artworks.SeenImages;
import org.belladonna.images.ImageFormat;
import org.belladonna.store.ImageFiles;
import org.belladonna.store.Images;
import org.belladonna.store.Records.ImageFile;
import org.belladonna.store.Scores;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.belladonna.store.Records.Job;

/** An image's page, its file and its thumbnails. Addresses are content hashes, validated first. */
final class ImagePages {
    /** Scores listed on an image's page; the rest are counted. */
    static final int SCORES_SHOWN = 50;
    private static final java.util.Set<Integer> THUMB_SIZES = java.util.Set.of(160, 320, 640);

    private final Studio studio;
    private final Views views;

    ImagePages(Studio studio, Views views) {
        this.studio = studio;
        this.views = views;
    }

    void show(Context ctx) {
        String hash = HttpErrors.hashParam(ctx);
        ImageFile file = find(hash);
        Map<String, Object> model = seenModel(file);
        model.put("file", file);
        model.put("usages", studio.store().read(h -> Images.usages(h, hash)));
        model.put("scores", studio.store().read(h -> Scores.forHash(h, hash, SCORES_SHOWN)));
        model.put("scoreCount", studio.store().read(h -> Scores.countForHash(h, hash)));
        views.render(ctx, "image", model);
    }

    /** The "what the model sees" panel alone, polled while its job runs. Reading it never queues anything. */
    void seen(Context ctx) {
        views.render(ctx, "seen", seenModel(find(HttpErrors.hashParam(ctx))));
    }

    /**
     * The panel's button: queues the view unless it is cached or already on its way. A POST, so crawlers,
     * prefetchers and a page someone merely opens never start model work.
     */
    void requestSeen(Context ctx) {
        ImageFile file = find(HttpErrors.hashParam(ctx));
        String hash = file.hash();
        if (studio.seen().cached(hash).isEmpty() && studio.seen().available()
                && studio.seen().latestJob(hash).map(Job::finished).orElse(true)) {
            studio.seen().request(hash);
        }
        if (ctx.header("HX-Request") != null) {
            views.render(ctx, "seen", seenModel(file));
        } else {
            ctx.redirect("/images/" + hash, io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    /** The cached view, else the pending job, else the button that asks for it (or why it cannot). */
    private Map<String, Object> seenModel(ImageFile file) {
        String hash = file.hash();
        Map<String, Object> model = new HashMap<>();
        model.put("hash", hash);
        model.put("width", file.width());
        model.put("height", file.height());
        model.put("seen", null);
        model.put("job", null);
        model.put("missing", null);
        model.put("error", null);
        model.put("offer", false);
        model.put("workingSide", SeenImages.MAX_SHORT_SIDE);
        Optional<String> cached = studio.seen().cached(hash);
        if (cached.isPresent()) {
            model.put("seen", cached.get());
        } else if (!studio.seen().available()) {
            model.put("missing", "belladonna models pull");
        } else {
            Optional<Job> latest = studio.seen().latestJob(hash);
            if (latest.isPresent() && !latest.get().finished()) {
                model.put("job", latest.get().id());
            } else {
                if (latest.isPresent() && latest.get().state().equals("failed")) {
                    model.put("error", latest.get().error());
                }
                model.put("offer", true);
            }
        }
        return model;
    }

    void file(Context ctx) throws IOException {
        String hash = HttpErrors.hashParam(ctx);
        ImageFile file = find(hash);
        String name = hash.substring(0, 12) + "." + ImageFormat.extension(file.format());
        if (ctx.queryParam("download") != null) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        }
        byte[] bytes = studio.store().files().read(hash);
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.contentType(ImageFormat.mediaType(file.format()));
        ctx.result(bytes);
    }

    void thumbnail(Context ctx) throws IOException {
        String hash = HttpErrors.hashParam(ctx);
        find(hash);
        int size = ctx.queryParamAsClass("size", Integer.class).check(THUMB_SIZES::contains, "size must be 160, 320 or 640")
                .getOrDefault(320);
        send(ctx, studio.store().files().thumbnail(hash, size), "image/jpeg");
    }

    private ImageFile find(String hash) {
        return studio.store().read(h -> ImageFiles.find(h, hash))
                .filter(f -> studio.store().files().contains(hash))
                .orElseThrow(() -> new NotFoundResponse("No image with that address is stored here."));
    }

    /** Content-addressed files never change, so browsers may cache them for good. */
    private static void send(Context ctx, Path path, String type) throws IOException {
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.contentType(type);
        ctx.header("Content-Length", Long.toString(Files.size(path)));
        InputStream in = Files.newInputStream(path);
        ctx.result(in);
    }
}
