package org.belladonna.kiosk;

import org.belladonna.testing.KioskFixture;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import org.belladonna.app.Studio;
import org.belladonna.store.Store;
import org.belladonna.testing.Rows;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestServer;
import org.belladonna.web.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kiosk mode cannot change anything or show anything beyond the show. The crawl takes its list of routes
 * from the full (non-kiosk) server's router, so every route added later is checked too.
 */
class KioskLockdownTest {
    /** The kiosk's whole surface. Adding to it is a decision, so this list is written out. */
    private static final Set<String> KIOSK_ROUTES = Set.of("GET /", "GET /favicon.ico", "GET /health",
            "GET /show/playlist.json", "GET /show/images/{hash}");
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD);
    private static final String NO_ROUTE = "There is nothing at this address.";

    @TempDir
    static Path data;
    private static KioskFixture fixture;
    private static TestServer kiosk;
    private static List<Endpoint> fullServerRoutes;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String csrf;

    @BeforeAll
    static void start() throws Exception {
        fixture = KioskFixture.create(data);
        fixture.choose(8, KioskSettings.Order.SEQUENTIAL);
        kiosk = TestServer.start(fixture.dataDir(), new WebServer.Options(true, false));
        // The full server's route table, read from its router (created, never started: no job workers).
        Studio studio = Studio.open(fixture.dataDir(), fixture.dataDir().resolve("models"));
        fullServerRoutes = TestServer.endpoints(new WebServer(studio, WebServer.Options.defaults()).create());
        // A valid CSRF pair, so a refusal below is the kiosk's doing and not the CSRF check's.
        HttpResponse<String> home = get("/");
        csrf = home.headers().firstValue("Set-Cookie").orElseThrow().replaceAll("^belladonna_csrf=([^;]+);.*$", "$1");
    }

    @AfterAll
    static void stop() {
        kiosk.close();
    }

    @Test
    void kioskRouteTableHoldsOnlyTheShowAndReadsOnly() {
        Set<String> routes = kiosk.endpoints().stream().map(KioskLockdownTest::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(KIOSK_ROUTES), routes);
        assertTrue(kiosk.endpoints().stream().allMatch(e -> READS.contains(e.getMethod())));
    }

    @Test
    void everyWriteRouteAndAdminPageOfTheFullServerIsRefused() throws Exception {
        List<String> refused = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Endpoint route : fullServerRoutes) {
            if (KIOSK_ROUTES.contains(name(route))) {
                continue;
            }
            String path = fill(route.getPath());
            HttpResponse<String> response = send(route.getMethod().name(), path, "name=x&_csrf=" + csrf,
                    "application/x-www-form-urlencoded");
            // 404 from the router (not a handler's "no such thing"), or 405 from the read-only wall.
            boolean routerRefusal = (response.statusCode() == 404 && response.body().contains(NO_ROUTE))
                    || response.statusCode() == 405;
            if (!routerRefusal) {
                problems.add(route.getMethod() + " " + path + " -> " + response.statusCode());
            }
            refused.add(name(route));
        }
        assertEquals(List.of(), problems);
        // The crawl really covered the admin side (these exist on the full server today).
        assertTrue(refused.containsAll(List.of("POST /experiments", "POST /experiments/{id}/delete", "GET /experiments",
                "GET /images/{hash}/file", "POST /jobs/{id}/cancel", "GET /kiosk/settings", "POST /kiosk/settings")), refused.toString());
        assertTrue(fullServerRoutes.stream().filter(r -> !READS.contains(r.getMethod())).allMatch(r -> refused.contains(name(r))));
    }

    @Test
    void uploadsAndOtherMethodsAreRefusedEverywhereAndChangeNothing() throws Exception {
        Store store = kiosk.studio().store();
        int filesBefore = Rows.count(store, "image_file");
        String settingsBefore = settings(store);
        String boundary = "----belladonna" + System.nanoTime();
        byte[] multipart = multipart(boundary, TestImages.png(64, 64, 1));
        for (String path : List.of("/", "/upload", "/uploads", "/protect", "/protect/upload", "/experiments",
                "/experiments/" + fixture.shownExperiment() + "/import", "/import", "/images", "/api/upload", "/models",
                "/models/pull", "/kiosk/settings", "/show/playlist.json", "/show/images/" + fixture.pairedBeforeHash(),
                "/static/js/kiosk.js", "/jobs/1/cancel")) {
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                HttpResponse<String> r = HTTP.send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .method(method, BodyPublishers.ofByteArray(multipart)).build(), BodyHandlers.ofString());
                assertTrue(r.statusCode() == 404 || r.statusCode() == 405, method + " " + path + " -> " + r.statusCode());
            }
        }
        assertEquals(filesBefore, Rows.count(store, "image_file"));
        assertEquals(settingsBefore, settings(store));
    }

    @Test
    void onlyImagesInTheShowAreServed() throws Exception {
        HttpResponse<String> paired = get("/show/images/" + fixture.pairedBeforeHash());
        assertEquals(200, paired.statusCode());
        assertEquals("image/png", paired.headers().firstValue("Content-Type").orElse(""));
        // Stored, but not in the show: the same 404 as an unknown hash.
        assertEquals(404, get("/show/images/" + fixture.hiddenHash()).statusCode());
        assertEquals(404, get("/show/images/" + "0".repeat(64)).statusCode());
        assertEquals(400, get("/show/images/..%2F..%2Fbelladonna.db").statusCode());
        // Before/after images of the same experiment that the show does not use are not served either.
        String unusedSeed = kiosk.studio().store().read(h -> h.createQuery(
                "SELECT i.hash FROM image i JOIN prompt p ON p.id = i.prompt_id WHERE p.experiment_id = ? AND i.seed = 0")
                .bind(0, fixture.shownExperiment()).mapTo(String.class).one());
        assertEquals(404, get("/show/images/" + unusedSeed).statusCode());
        for (String path : List.of("/images/" + fixture.hiddenHash(), "/images/" + fixture.pairedBeforeHash() + "/file",
                "/images/" + fixture.pairedBeforeHash() + "/thumb", "/webjars/htmx.org/2.0.10/dist/htmx.min.js")) {
            assertEquals(404, get(path).statusCode(), path);
        }

        HttpResponse<String> playlist = get("/show/playlist.json");
        assertEquals(200, playlist.statusCode());
        assertTrue(playlist.body().contains("\"title\":\"Water lilies on a pond, by Monet\""), playlist.body());
        assertTrue(!playlist.body().contains("\"hash\""), "hashes travel only inside image addresses");
        assertEquals("no-store", playlist.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(200, get("/static/js/kiosk.js").statusCode());
        assertEquals(200, get("/health").statusCode());
        HttpResponse<String> show = get("/");
        assertTrue(show.body().contains("id=\"show\"") && show.body().contains("/static/js/kiosk.js"));
        assertTrue(!show.body().contains("<script>") && !show.body().contains("onclick"), "no inline scripts under the CSP");
    }

    private static String name(Endpoint e) {
        return e.getMethod().name() + " " + e.getPath();
    }

    /** Fills path parameters with real values, so a refusal is never just "no such id". */
    private static String fill(String pattern) {
        return pattern.replaceAll("[{<]hash[}>]", fixture.hiddenHash())
                .replaceAll("[{<]id[}>]", Long.toString(fixture.shownExperiment()))
                .replaceAll("[{<][^}>]+[}>]", "1")
                .replace("*", "x");
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(kiosk.url(path)))
                .header("Cookie", "belladonna_csrf=" + (csrf == null ? "" : csrf))
                .header("X-CSRF-Token", csrf == null ? "" : csrf);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String body, String type) throws Exception {
        var publisher = method.equals("GET") || method.equals("HEAD") ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
        return HTTP.send(request(path).header("Content-Type", type).method(method, publisher).build(), BodyHandlers.ofString());
    }

    private static byte[] multipart(String boundary, byte[] png) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + png.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(png, 0, all, h.length, png.length);
        System.arraycopy(t, 0, all, h.length + png.length, t.length);
        return all;
    }

    private static String settings(Store store) {
        return store.read(h -> h.createQuery("""
                SELECT dwell_seconds || play_order || (SELECT group_concat(experiment_id) FROM kiosk_experiment)
                  || (SELECT group_concat(protection_id) FROM kiosk_artwork) FROM kiosk_settings""").mapTo(String.class).one());
    }

}
