package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.belladonna.kiosk.Kiosk;

import java.io.IOException;
import java.util.Map;

/**
 * The exhibition show: the full-screen page (all behaviour in static/js/kiosk.js), its playlist, and the
 * image files in that playlist. Everything here only reads.
 */
final class ShowPages {
    private final Kiosk kiosk;
    private final ImagePages images;
    private final Views views;

    ShowPages(Kiosk kiosk, ImagePages images, Views views) {
        this.kiosk = kiosk;
        this.images = images;
        this.views = views;
    }

    void show(Context ctx) {
        views.render(ctx, "kiosk", Map.of());
    }

    void playlist(Context ctx) {
        // Always fresh: the page polls it to pick up admin changes.
        ctx.header("Cache-Control", "no-store");
        ctx.json(kiosk.playlist());
    }

    /** Only files the show plays: the kiosk must not become a window onto the whole store. */
    void image(Context ctx) throws IOException {
        String hash = HttpErrors.hashParam(ctx);
        if (!kiosk.playlist().hashes().contains(hash)) {
            throw new NotFoundResponse("That image is not in the show.");
        }
        images.file(ctx);
    }
}
