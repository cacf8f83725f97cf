package org.belladonna.web;

import io.javalin.http.Context;
import org.belladonna.app.Studio;

import java.util.Map;

/** The landing page: what Belladonna does, and where each kind of user starts. */
final class HomePage {
    private final Studio studio;
    private final Views views;
    private final boolean offline;

    HomePage(Studio studio, Views views, boolean offline) {
        this.studio = studio;
        this.views = views;
        this.offline = offline;
    }

    void show(Context ctx) throws java.io.IOException {
        var experiments = studio.gallery().experiments();
        Map<String, Object> model = ModelPages.model(studio, offline);
        model.put("experiments", experiments.stream().limit(5).toList());
        model.put("experimentCount", experiments.size());
        views.render(ctx, "home", model);
    }
}
