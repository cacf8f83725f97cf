package org.belladonna.web;

import io.javalin.http.Context;
import org.belladonna.app.Studio;
import org.belladonna.models.ModelRegistry;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which models are installed, the background install of the defaults, and how to install the rest. */
final class ModelPages {
    private final Studio studio;
    private final Views views;
    private final boolean offline;

    ModelPages(Studio studio, Views views, boolean offline) {
        this.studio = studio;
        this.views = views;
        this.offline = offline;
    }

    void list(Context ctx) throws IOException {
        views.render(ctx, "models", model());
    }

    /** The home page's status fragment, polled while an install runs. */
    void status(Context ctx) throws IOException {
        views.render(ctx, "model-status", model());
    }

    void install(Context ctx) throws IOException {
        if (offline) {
            throw new IllegalArgumentException("This server was started with --offline; install models with 'belladonna models pull'.");
        }
        studio.installDefaultModelsInBackground();
        status(ctx);
    }

    private Map<String, Object> model() throws IOException {
        return model(studio, offline);
    }

    /** What the model-status fragment needs; the home page shows it too. */
    static Map<String, Object> model(Studio studio, boolean offline) throws IOException {
        List<ModelRegistry.Entry> entries = studio.models().list();
        Map<String, Object> model = new HashMap<>();
        model.put("entries", entries);
        model.put("install", studio.modelInstall().snapshot());
        model.put("offline", offline);
        model.put("defaultsMissing", entries.stream()
                .anyMatch(e -> e.model().isDefault() && e.status() != ModelRegistry.Status.INSTALLED));
        return model;
    }
}
