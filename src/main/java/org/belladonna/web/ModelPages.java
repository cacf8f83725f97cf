package org.belladonna.web;

import io.javalin.http.Context;
import org.belladonna.app.Studio;
import org.belladonna.models.ModelRegistry;
import org.belladonna.store.Records.Job;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        studio.modelInstalls().installMissingDefaults();
        status(ctx);
    }

    private Map<String, Object> model() throws IOException {
        return model(studio, offline);
    }

    /** The latest install job as the status fragment shows it: its state, message and percent (-1: unknown). */
    record Install(String state, String message, int percent) {
        static Install of(Optional<Job> latest) {
            if (latest.isEmpty()) {
                return new Install("IDLE", "", -1);
            }
            Job job = latest.get();
            return switch (job.state()) {
                case "queued", "running" -> new Install("RUNNING", job.message(), (int) Math.round(100 * job.progress()));
                case "failed" -> new Install("FAILED", job.error() == null || job.error().isBlank()
                        ? "no reason was recorded (see the server log)" : job.error(), -1);
                default -> new Install("DONE", job.message(), 100);
            };
        }
    }

    /** What the model-status fragment needs; the home page shows it too. */
    static Map<String, Object> model(Studio studio, boolean offline) throws IOException {
        List<ModelRegistry.Entry> entries = studio.models().list();
        Map<String, Object> model = new HashMap<>();
        model.put("entries", entries);
        // Computed here: Thymeleaf 3.1 refuses to call methods of java.nio Path objects in templates.
        model.put("folder", entries.isEmpty() || entries.get(0).file().getParent() == null ? ""
                : entries.get(0).file().getParent().toString());
        model.put("install", Install.of(studio.modelInstalls().latest()));
        model.put("offline", offline);
        model.put("defaultsMissing", entries.stream()
                .anyMatch(e -> e.model().isDefault() && e.status() != ModelRegistry.Status.INSTALLED));
        return model;
    }
}
