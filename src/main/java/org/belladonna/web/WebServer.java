package org.belladonna.web;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import org.belladonna.app.Studio;

/**
 * The web application. {@link #routes} is the whole route table, top to bottom; handlers live in small
 * page classes that delegate to the domain services at once.
 */
public final class WebServer {
    /** Largest request body accepted (a ZIP of generated images for import is the biggest thing we take). */
    public static final long MAX_UPLOAD_MB = 1024;

    private final Studio studio;
    private final Options options;
    private final Views views;

    public record Options(boolean kiosk, boolean offline) {
        public static Options defaults() {
            return new Options(false, false);
        }
    }

    public WebServer(Studio studio, Options options) {
        this.studio = studio;
        this.options = options;
        this.views = new Views(options.kiosk());
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
                files.headers = java.util.Map.of("Cache-Control", "max-age=3600");
            });
            config.staticFiles.enableWebjars();
        });
        app.before(SecurityHeaders::apply);
        app.before(Csrf::check);
        new HttpErrors(views).install(app);
        routes(app);
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
        }
        return app.start(host, port);
    }

    private void routes(Javalin app) {
        HomePage home = new HomePage(studio, views);
        ExperimentPages experiments = new ExperimentPages(studio, views);
        ImagePages images = new ImagePages(studio, views);
        JobPages jobs = new JobPages(studio, views);
        ProtectPages protect = new ProtectPages(studio, views);
        ConceptPages concepts = new ConceptPages(studio, views);

        app.get("/", home::show);
        app.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.svg"));
        app.get("/health", ctx -> ctx.result("ok"));

        app.get("/experiments", experiments::list);
        app.post("/experiments", experiments::create);
        app.get("/experiments/{id}", experiments::show);
        app.post("/experiments/{id}/delete", experiments::delete);

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

        app.get("/jobs/{id}", jobs::progress);
        app.post("/jobs/{id}/cancel", jobs::cancel);
    }
}
