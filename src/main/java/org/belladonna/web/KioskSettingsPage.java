package org.belladonna.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.belladonna.app.Studio;
import org.belladonna.kiosk.Kiosk;
import org.belladonna.kiosk.KioskSettings;

import java.util.HashMap;
import java.util.List;

/** Admin page (never served in kiosk mode): what the exhibition show plays, how long and in which order. */
final class KioskSettingsPage {
    private final Studio studio;
    private final Kiosk kiosk;
    private final Views views;

    KioskSettingsPage(Studio studio, Kiosk kiosk, Views views) {
        this.studio = studio;
        this.kiosk = kiosk;
        this.views = views;
    }

    void show(Context ctx) {
        var model = new HashMap<String, Object>();
        model.put("settings", kiosk.settings());
        model.put("experiments", studio.gallery().experiments());
        model.put("artworks", kiosk.artworks());
        model.put("slides", kiosk.playlist().slides().size());
        model.put("saved", ctx.queryParam("saved") != null);
        model.put("minDwell", KioskSettings.MIN_DWELL_SECONDS);
        model.put("maxDwell", KioskSettings.MAX_DWELL_SECONDS);
        views.render(ctx, "kiosk-settings", model);
    }

    void save(Context ctx) {
        String dwell = ctx.formParam("dwell");
        if (dwell == null || !dwell.strip().matches("\\d{1,4}")) {
            throw new IllegalArgumentException("How long each image stays must be a whole number of seconds.");
        }
        kiosk.save(new KioskSettings(Integer.parseInt(dwell.strip()), KioskSettings.Order.parse(ctx.formParam("order")),
                ids(ctx.formParams("experiment")), ids(ctx.formParams("artwork"))));
        ctx.redirect("/kiosk/settings?saved", HttpStatus.SEE_OTHER);
    }

    private static List<Long> ids(List<String> values) {
        return values.stream().map(v -> {
            if (!v.matches("\\d{1,18}")) {
                throw new IllegalArgumentException("That selection was not understood. Reload the page and try again.");
            }
            return Long.parseLong(v);
        }).distinct().toList();
    }
}
