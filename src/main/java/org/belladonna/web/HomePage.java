package org.belladonna.web;

import io.javalin.http.Context;
import org.belladonna.app.Studio;

import java.util.Map;

/** The landing page: what Belladonna does, and where each kind of user starts. */
final class HomePage {
    private final Studio studio;
    private final Views views;

    HomePage(Studio studio, Views views) {
        this.studio = studio;
        this.views = views;
    }

    void show(Context ctx) {
        var experiments = studio.gallery().experiments();
        views.render(ctx, "home", Map.of("experiments", experiments.stream().limit(5).toList(),
                "experimentCount", experiments.size()));
    }
}
