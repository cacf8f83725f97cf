package org.belladonna.web;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.staticfiles.Location;
import org.belladonna.app.Studio;
import org.belladonna.kiosk.Kiosk;
import org.belladonna.kiosk.Playlist;

import java.util.Map;
import java.util.Set;

/**
 * The web application. {@link #routes} is the whole route table, top to bottom; handlers live in small
 * page classes that delegate to the domain services at once. In kiosk mode {@link #kioskRoutes} is the
 * whole table instead: a separate, read-only one, so a route added to {@link #routes} later can never
 * leak into an unattended exhibition screen.
 */
public final class WebServer {
    /** Largest request body accepted (a ZIP of generated images for import is the biggest thing we take). */
    public static final long MAX_UPLOAD_MB = 1024;
    private static final Set<HandlerType> READ_ONLY_METHODS =
            Set.of(HandlerType.GET, HandlerType.HEAD);

    private final Studio studio;
    private final Options options;
    private final Views views;
    private final Kiosk kiosk;

    public record Options(boolean kiosk, boolean offline) {
        public static Options defaults() {
            return new Options(false, false);
        }
    }

    public WebServer(Studio studio, Options options) {
        this.studio = studio;
        this.options = options;
        this.views = new Views(options.kiosk());
        this.kiosk = new Kiosk(studio.store());
    }

    public Javalin create() {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 1024 * 1024; // non-multipart bodies (forms, JSON)
            config.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_MB, SizeUnit.MB);
            config.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_MB, SizeUnit.MB);
            config.jetty.multipartConfig.maxInMemoryFileSize(8, SizeUnit.MB);
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "max-age=3600");
            });
            if (!options.kiosk()) {
                config.staticFiles.enableWebjars(); // htmx: the show does not use it
            }
        });
        app.before(ServerTiming::start);
        app.before(SecurityHeaders::apply);
        if (options.kiosk()) {
            app.before(WebServer::refuseChanges);
        }
        app.before(Csrf::check);
        app.after(ServerTiming::finish);
        new HttpErrors(views).install(app);
        if (options.kiosk()) {
            kioskRoutes(app);
        } else {
            routes(app);
        }
        return app;
    }

    /** Starts the job workers, then the server; the workers stop with it. */
    public Javalin start(String host, int port) {
        Javalin app = create();
        app.events(e -> e.serverStopping(() -> {
            try {
                studio.jobs().close();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        if (!options.kiosk()) {
            studio.jobs().start();
            if (!options.offline()) {
                try {
                    studio.modelInstalls().installMissingDefaults();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot read the models folder", e);
                }
            }
        }
        return app.start(host, port);
    }

    private void routes(Javalin app) {
        HomePage home = new HomePage(studio, views, options.offline());
        ExperimentPages experiments = new ExperimentPages(studio, views);
        ImagePages images = new ImagePages(studio, views);
        JobPages jobs = new JobPages(studio, views);
        ModelPages models = new ModelPages(studio, views, options.offline());
        ScoringPages scoring = new ScoringPages(studio, views);
        PromptPages prompts = new PromptPages(studio, views);
        StatsPages stats = new StatsPages(studio, views);
        ImportPages imports = new ImportPages(studio, views);
        KioskSettingsPage kioskSettings = new KioskSettingsPage(studio, kiosk, views);
        ShowPages show = new ShowPages(kiosk, images, views);
        ProtectPages protect = new ProtectPages(studio, views);
        ConceptPages concepts = new ConceptPages(studio, views);

        app.get("/", home::show);
        app.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.svg"));
        app.get("/health", ctx -> ctx.result("ok"));

        app.get("/experiments", experiments::list);
        app.post("/experiments", experiments::create);
        app.get("/experiments/{id}", experiments::show);
        app.post("/experiments/{id}/delete", experiments::delete);
        app.get("/experiments/{id}/export.zip", experiments::export);
        app.post("/experiments/import", imports::upload);
        app.get("/experiments/imports/{id}", imports::status);
        app.get("/experiments/{id}/prompts/{promptId}", prompts::show);
        app.get("/experiments/{id}/prompts/{promptId}/pairs", prompts::pairs);
        app.get("/experiments/{id}/stats", stats::show);
        app.get("/experiments/{id}/stats.csv", stats::csv);

        app.get("/experiments/{id}/scores", scoring::show);
        app.post("/experiments/{id}/scores/nima", scoring::score);
        app.post("/experiments/{id}/scores/import", scoring::importCsv);

        app.get("/protect", protect::form);
        app.post("/protect", protect::submit);
        app.get("/protect/{id}", protect::show);
        app.get("/protect/{id}/protected.png", protect::download);
        app.get("/protect/{id}/report.json", protect::report);
        app.get("/protect/batch/{batch}/zip", protect::zip);

        app.get("/concepts", concepts::list);
        app.post("/concepts", concepts::create);

        app.get("/images/{hash}", images::show);
        app.get("/images/{hash}/file", images::file);
        app.get("/images/{hash}/thumb", images::thumbnail);
        app.get("/images/{hash}/seen", images::seen);

        app.get("/models", models::list);
        app.get("/models/status", models::status);
        app.post("/models/install", models::install);

        app.get("/jobs/{id}", jobs::progress);
        app.post("/jobs/{id}/cancel", jobs::cancel);

        app.get("/kiosk/settings", kioskSettings::show);
        app.post("/kiosk/settings", kioskSettings::save);
        app.get("/show", show::show); // preview of the exhibition show
        app.get("/show/playlist.json", show::playlist);
        app.get(Playlist.IMAGE_PATH + "{hash}", show::image);
    }

    /** Kiosk mode's whole route table: the show and what it reads, nothing that writes or administers. */
    private void kioskRoutes(Javalin app) {
        ShowPages show = new ShowPages(kiosk, new ImagePages(studio, views), views);

        app.get("/", show::show);
        app.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.svg"));
        app.get("/health", ctx -> ctx.result("ok"));
        app.get("/show/playlist.json", show::playlist);
        app.get(Playlist.IMAGE_PATH + "{hash}", show::image);
    }

    /**
     * Kiosk mode refuses every unsafe method before routing, even where a path exists, as a second wall
     * behind the read-only route table.
     */
    private static void refuseChanges(Context ctx) {
        if (!READ_ONLY_METHODS.contains(ctx.method())) {
            throw new MethodNotAllowedResponse("This exhibition screen is read-only.", Map.of());
        }
    }
}
