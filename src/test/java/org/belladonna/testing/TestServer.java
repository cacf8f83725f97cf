package org.belladonna.testing;

import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import org.belladonna.app.Studio;
import org.belladonna.models.ModelRegistry;
import org.belladonna.web.WebServer;

import java.nio.file.Path;
import java.util.List;

/** A real Belladonna server on a random loopback port over a data directory the test owns (a {@code @TempDir}). */
public final class TestServer implements AutoCloseable {
    private final Studio studio;
    private final Javalin app;
    private final Path dataDir;
    private final String connectHost;

    private TestServer(Path dataDir, Studio studio, Javalin app) {
        this(dataDir, studio, app, "127.0.0.1");
    }

    private TestServer(Path dataDir, Studio studio, Javalin app, String connectHost) {
        this.dataDir = dataDir;
        this.studio = studio;
        this.app = app;
        this.connectHost = connectHost;
    }

    /**
     * Starts bound to {@code host} (e.g. "0.0.0.0" or this machine's own network address), where sign-in
     * rules follow the bind address; {@link #url} then connects to that address (127.0.0.1 for 0.0.0.0).
     */
    public static TestServer startOn(String host, Path dataDir, WebServer.Options options) {
        Studio studio = Studio.open(dataDir, new ModelRegistry(dataDir.resolve("models")));
        Javalin app = new WebServer(studio, options).start(host, 0);
        String connect = host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return new TestServer(dataDir, studio, app, connect);
    }

    /**
     * Offline (tests never reach for the network; models come from ../shared through the mirror API), over
     * {@code dataDir}: a JUnit {@code @TempDir}, so the data is deleted after the test.
     */
    public static TestServer start(Path dataDir) {
        return start(dataDir, new WebServer.Options(false, true));
    }

    /** Offline, over {@code dataDir} with the tables in {@code database} (see {@link TestDatabase}). */
    public static TestServer start(Path dataDir, TestDatabase database) {
        Studio studio = Studio.open(dataDir, new ModelRegistry(dataDir.resolve("models")), null, database.url(dataDir));
        return new TestServer(dataDir, studio, new WebServer(studio, new WebServer.Options(false, true)).start("127.0.0.1", 0));
    }

    /** Starts on an existing data directory (e.g. to restart a server over the same data). */
    public static TestServer start(Path dataDir, WebServer.Options options) {
        return start(dataDir, new ModelRegistry(dataDir.resolve("models")), options, 0);
    }

    /** Starts over a given model registry (e.g. one whose test manifest pins synthetic weights). */
    public static TestServer start(Path dataDir, ModelRegistry models, WebServer.Options options) {
        return start(dataDir, models, options, 0);
    }

    /** Starts on an existing data directory and a given port: a restart that open pages can reconnect to. */
    public static TestServer start(Path dataDir, WebServer.Options options, int port) {
        return start(dataDir, new ModelRegistry(dataDir.resolve("models")), options, port);
    }

    private static TestServer start(Path dataDir, ModelRegistry models, WebServer.Options options, int port) {
        Studio studio = Studio.open(dataDir, models);
        Javalin app = new WebServer(studio, options).start("127.0.0.1", port);
        return new TestServer(dataDir, studio, app);
    }

    /** Every HTTP endpoint the app registered (method and path pattern; before/after handlers left out). */
    public static List<Endpoint> endpoints(Javalin app) {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream().map(ParsedEndpoint::getEndpoint)
                .filter(e -> e.getMethod().isHttpMethod()).toList();
    }

    public List<Endpoint> endpoints() {
        return endpoints(app);
    }

    public String url(String path) {
        return "http://" + connectHost + ":" + app.port() + path;
    }

    /** The address {@link #url} connects to. */
    public String host() {
        return connectHost;
    }

    /** The running app (e.g. to attach a byte meter to its connector). */
    public Javalin javalin() {
        return app;
    }

    public int port() {
        return app.port();
    }

    public Studio studio() {
        return studio;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        app.stop();
    }
}
