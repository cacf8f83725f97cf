package org.belladonna.web;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.javalin.router.Endpoint;
import org.belladonna.app.Studio;
import org.belladonna.models.ModelRegistry;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.KioskFixture;
import org.belladonna.testing.StudyFiles;
import org.belladonna.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every GET route of the route table, read from the router (so a route added later is crawled too), is
 * opened in Chromium over a populated data directory (real ids: experiments, prompts, images, a protection
 * in a batch, an import job) and over an empty one (made-up ids). Each must answer 2xx or its documented
 * status below, HTML pages must have a title, and no page may print a console error.
 */
class RouteCrawlBrowserTest extends BrowserTest {
    /**
     * htmx fragments: the page that holds them polls or loads them; opened alone they are a bare snippet
     * with no title. Adding to this list is a decision.
     */
    private static final Set<String> FRAGMENTS = Set.of("/models/status", "/jobs/{id}", "/images/{hash}/seen",
            "/experiments/{id}/prompts/{promptId}/pairs");
    /** On the empty data directory every made-up id is "nothing at this address", except these. */
    private static final Map<String, Integer> EMPTY_DIR_STATUS = Map.of();
    /** The JSON API answers a browser without an API token with 401 (README, "JSON API"); its description is public. */
    private static final String API = "/api/";
    private static final String API_DESCRIPTION = "/api/openapi.json";

    @TempDir
    static Path populatedDir;
    @TempDir
    static Path emptyDir;
    private static KioskFixture fixture;
    private static TestServer populated;
    private static TestServer empty;
    private static long importJob;
    private static long prompt;
    private static String batch;

    @BeforeAll
    static void start() throws Exception {
        fixture = KioskFixture.create(populatedDir);
        fixture.choose(8, org.belladonna.kiosk.KioskSettings.Order.SEQUENTIAL);
        Studio studio = Studio.open(populatedDir, new ModelRegistry(populatedDir.resolve("models")));
        // An import that ran (a small study, through the same job the upload form queues).
        Path study = StudyFiles.plainFolder(Files.createDirectories(populatedDir.resolve("study-src")), 2);
        Path zip = StudyFiles.zip(study, populatedDir.resolve("study.zip"));
        Path upload = studio.importer().newUpload();
        Files.copy(zip, upload, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        importJob = studio.importer().submitUpload(upload, "study.zip", null, "Crawled study", "Monet");
        batch = "0123456789abcdef";
        studio.store().write(h -> h.execute("UPDATE protection SET batch = ? WHERE id = ?", batch, fixture.artwork()));
        prompt = studio.store().read(h -> h.createQuery("SELECT id FROM prompt WHERE experiment_id = ? ORDER BY id LIMIT 1")
                .bind(0, fixture.shownExperiment()).mapTo(Long.class).one());
        populated = TestServer.start(populatedDir);
        empty = TestServer.start(emptyDir);
        org.belladonna.testing.ProtectionFixture.waitFor(populated.studio(), importJob, j -> j.finished());
    }

    @AfterAll
    static void stop() {
        if (populated != null) {
            populated.close();
        }
        if (empty != null) {
            empty.close();
        }
    }

    @Test
    void everyGetRouteRendersOverAPopulatedDataDirectory() {
        List<String> problems = crawl(populated, this::fillPopulated, route -> tokenless(route, 200));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyGetRouteRendersOverAnEmptyDataDirectory() {
        List<String> problems = crawl(empty, RouteCrawlBrowserTest::fillEmpty,
                route -> tokenless(route, route.contains("{") ? EMPTY_DIR_STATUS.getOrDefault(route, 404) : 200));
        assertEquals(List.of(), problems);
    }

    private List<String> crawl(TestServer server, java.util.function.UnaryOperator<String> fill,
                               java.util.function.ToIntFunction<String> expected) {
        List<String> problems = new ArrayList<>();
        List<String> crawled = new ArrayList<>();
        Page page = desktop();
        for (Endpoint e : server.endpoints()) {
            if (!e.getMethod().name().equals("GET")) {
                continue;
            }
            String route = e.getPath();
            String path = fill.apply(route);
            crawled.add(route);
            int want = expected.applyAsInt(route);
            // Asked first without rendering: downloads (ZIP, PNG, CSV, JSON) are checked by status and type only.
            APIResponse head = page.request().get(server.url(path),
                    com.microsoft.playwright.options.RequestOptions.create().setMaxRedirects(5));
            String type = head.headers().getOrDefault("content-type", "");
            if (!statusMatches(head.status(), want)) {
                problems.add(path + " -> " + head.status() + " (expected " + want + ")");
                continue;
            }
            if (!type.startsWith("text/html")) {
                continue;
            }
            List<String> console = consoleProblems(page);
            int before = console.size();
            Response response = page.navigate(server.url(path));
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE,
                    new Page.WaitForLoadStateOptions().setTimeout(30_000));
            if (!statusMatches(response.status(), want)) {
                problems.add(path + " in the browser -> " + response.status());
            }
            if (!FRAGMENTS.contains(route) && page.title().isBlank()) {
                problems.add(path + " has no title");
            }
            for (String line : new ArrayList<>(console.subList(before, console.size()))) {
                // The browser reports the document's own documented error status; anything else is a problem.
                if (!(want >= 400 && line.contains("status of " + want))) {
                    problems.add(path + " console: " + line);
                }
            }
        }
        assertTrue(crawled.containsAll(List.of("/", "/models", "/experiments/{id}", "/protect/{id}", "/concepts",
                "/kiosk/settings")), crawled.toString());
        return problems;
    }

    private static int tokenless(String route, int otherwise) {
        return route.startsWith(API) && !route.equals(API_DESCRIPTION) ? 401 : otherwise;
    }

    private static boolean statusMatches(int status, int want) {
        return want == 200 ? status >= 200 && status < 300 : status == want;
    }

    private String fillPopulated(String route) {
        String path = route.replace("{hash}", fixture.pairedBeforeHash()).replace("{promptId}", Long.toString(prompt))
                .replace("{batch}", batch);
        if (path.startsWith("/protect/")) {
            return path.replace("{id}", Long.toString(fixture.artwork()));
        }
        if (path.startsWith("/jobs/") || path.startsWith("/experiments/imports/")) {
            return path.replace("{id}", Long.toString(importJob));
        }
        return path.replace("{id}", Long.toString(fixture.shownExperiment()));
    }

    private static String fillEmpty(String route) {
        return route.replace("{hash}", "0".repeat(64)).replace("{promptId}", "1").replace("{batch}", "0123456789abcdef")
                .replace("{id}", "1");
    }
}
