package org.belladonna.web;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.staticfiles.Location;
import org.belladonna.accounts.LoginLimiter;
import org.belladonna.app.Studio;
import org.belladonna.app.UploadSweeper;
import org.belladonna.kiosk.Kiosk;
import org.belladonna.kiosk.Playlist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The web application. {@link #routes} is the whole route table, top to bottom; handlers live in small
 * page classes that delegate to the domain services at once. In kiosk mode {@link #kioskRoutes} is the
 * whole table instead: a separate, read-only one, so a route added to {@link #routes} later can never
 * leak into an unattended exhibition screen.
 */
public final class WebServer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebServer.class);
    /** Largest request body accepted (a ZIP of generated images for import is the biggest thing we take). */
    public static final long MAX_UPLOAD_MB = 1024;
    private static final Set<HandlerType> READ_ONLY_METHODS =
            Set.of(HandlerType.GET, HandlerType.HEAD);

    private final Studio studio;
    private final Options options;
    private final Views views;
    private final Kiosk kiosk;
    private final RequestAdmission admission;

    /** @param lanes the job lanes this server runs (all by default; workers on other hosts may run the rest) */
    public record Options(boolean kiosk, boolean offline, java.util.Set<org.belladonna.jobs.Lane> lanes) {
        public Options(boolean kiosk, boolean offline) {
            this(kiosk, offline, java.util.EnumSet.allOf(org.belladonna.jobs.Lane.class));
        }

        public static Options defaults() {
            return new Options(false, false);
        }
    }

    /** Every upload asks the jobs' memory budget before its body is read (see {@link RequestAdmission}). */
    public WebServer(Studio studio, Options options) {
        this.studio = studio;
        this.options = options;
        this.views = new Views(options.kiosk(), new JobViews(studio.jobs()));
        this.kiosk = new Kiosk(studio.store());
        this.admission = new MemoryAdmission(studio.jobs().memory());
    }

    /** True when {@code host} is a loopback address: then nobody signs in, and the Host must name this machine. */
    public static boolean isLoopback(String host) {
        return AccessGuard.isLoopback(host);
    }

    /** The app for a loopback bind, not started (e.g. to read its route table). */
    public Javalin create() {
        return create("127.0.0.1", 0);
    }

    /**
     * The app for a bind address: on loopback the Host must name this machine and nobody signs in; on any
     * other address everything but the public pages needs an account (the kiosk's read-only table excepted).
     */
    public Javalin create(String host, int port) {
        AccessGuard access = new AccessGuard(host);
        SignInGate gate = new SignInGate(studio.accounts(), !access.loopback() && !options.kiosk());
        Path spool = studio.store().dataDir().resolve("tmp").resolve("multipart");
        try {
            Files.createDirectories(spool);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + spool, e);
        }
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jetty.defaultHost = host;
            config.jetty.defaultPort = port;
            config.http.maxRequestSize = UploadRoute.FORM_BYTES; // non-multipart bodies (forms, JSON)
            // Multipart bodies are read by MultipartForm alone (BodyLimits refuses them elsewhere). Should Jetty
            // ever parse one, it spools into the data directory (swept at start and by gc), keeps at most
            // 64 KiB of a part in memory, and holds the largest upload's limits.
            config.jetty.multipartConfig.cacheDirectory(spool.toString());
            config.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
            config.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_MB, SizeUnit.MB);
            config.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_MB, SizeUnit.MB);
            // A body trickling in slower than 1 KiB/s (averaged) is stopped with 408: slow uploads cannot
            // hold the server's threads for ever.
            config.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(1024));
            config.appData(RequestAdmission.KEY, admission);
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
        // Header-only walls, in order, before anything can read a body: Host and Origin, the kiosk's
        // read-only rule, the session and its role, the API token and its role, the form token, the declared size.
        app.before(ServerTiming::start);
        app.before(SecurityHeaders::apply);
        app.before(access::check);
        if (options.kiosk()) {
            app.before(WebServer::refuseChanges);
        }
        app.before(gate::check);
        if (!options.kiosk()) {
            app.before(new ApiAuth(studio.accounts())::check); // the kiosk's table has no API
        }
        app.before(Csrf::check);
        app.before(BodyLimits::check);
        app.after(ServerTiming::finish);
        new HttpErrors(views).install(app);
        if (options.kiosk()) {
            kioskRoutes(app);
        } else {
            routes(app, gate.required());
        }
        return app;
    }

    /**
     * Sweeps what a killed server left (partial uploads, spool files), starts the job workers, then the
     * server; the workers stop with it.
     */
    public Javalin start(String host, int port) {
        if (!options.kiosk()) {
            UploadSweeper.Swept swept = studio.sweepUploads(java.time.Duration.ZERO);
            if (swept.files() > 0) {
                LOG.info("removed {} leftover upload file(s), {} bytes", swept.files(), swept.bytes());
            }
        }
        Javalin app = create(host, port);
        app.events(e -> e.serverStopping(() -> {
            try {
                studio.jobs().close();
            } catch (java.io.IOException failed) {
                LOG.warn("stopping the jobs: {}", failed.getMessage());
            }
        }));
        if (!options.kiosk()) {
            studio.jobs().start(options.lanes());
            if (!options.offline()) {
                try {
                    studio.modelInstalls().installMissingDefaults();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot read the models folder", e);
                }
            }
        }
        return app.start();
    }

    private void routes(Javalin app, boolean signInRequired) {
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
        ProtectionApi api = new ProtectionApi(studio);
        LoginPages login = new LoginPages(studio.accounts(), new LoginLimiter(), views, signInRequired);

        app.get("/", home::show);
        app.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.svg"));
        app.get("/health", ctx -> ctx.result("ok"));
        app.get("/login", login::form);
        app.post("/login", login::submit);
        app.post("/logout", login::logout);

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
        app.get("/experiments/{id}/report.html", stats::report);

        app.get("/experiments/{id}/scores", scoring::show);
        app.post("/experiments/{id}/scores/nima", scoring::score);
        app.post("/experiments/{id}/scores/import", scoring::importCsv);

        app.get("/protect", protect::form);
        app.post("/protect", protect::submit);
        app.get("/protect/{id}", protect::show);
        app.get("/protect/{id}/protected.png", protect::download);
        app.get("/protect/{id}/report.json", protect::report);
        app.get("/protect/batch/{batch}/zip", protect::zip);

        app.post("/api/protections", api::submit);
        app.get("/api/protections/{id}", api::result);
        app.get("/api/protections/{id}/image", api::image);
        app.get("/api/jobs/{id}", api::job);
        app.get(ApiAuth.DESCRIPTION, api::description);

        app.get("/concepts", concepts::list);
        app.post("/concepts", concepts::create);

        app.get("/images/{hash}", images::show);
        app.get("/images/{hash}/file", images::file);
        app.get("/images/{hash}/thumb", images::thumbnail);
        app.get("/images/{hash}/seen", images::seen);
        app.post("/images/{hash}/seen", images::requestSeen);

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
