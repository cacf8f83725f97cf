package org.belladonna.web;

import io.javalin.router.Endpoint;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.testing.TestModels;
import org.belladonna.store.ImageFiles;
import org.belladonna.store.ImageStore;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Records.Protection;
import org.belladonna.testing.ProtectionFixture;
import org.belladonna.testing.Rows;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crawl of every GET route (with real ids, and the model installed so "what the model sees" could run)
 * queues no job; the image page offers a button, whose POST queues the view once; the view is computed at
 * the working size (short side 512) whatever the image's size.
 */
class NoSideEffectsOnGetTest {
    private static final String TOKEN = "g".repeat(43);
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static TestServer server;
    private static String bigHash;
    private static long experiment;
    private static long prompt;
    private static Protection protection;

    @TempDir
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        TestModels.installed(data.resolve("models"), "taef2-encoder", "taef2-decoder");
        server = TestServer.start(data, new WebServer.Options(false, true));
        var gallery = server.studio().gallery();
        experiment = gallery.createExperiment("crawled", "", "");
        byte[] big = TestImages.png(1024, 640, 51);
        bigHash = ImageStore.sha256(big);
        gallery.addImages(experiment, List.of(new NewImage("p", true, "before", 1L, "big.png", "{}", big),
                new NewImage("p", true, "after", 1L, "small.png", "{}", TestImages.png(64, 64, 52))));
        prompt = server.studio().store().read(h -> h.createQuery("SELECT id FROM prompt WHERE experiment_id = ?")
                .bind(0, experiment).mapTo(Long.class).one());
        protection = ProtectionFixture.submitOne(server.studio(), 64, 64, 53, 2);
        waitFor(protection.jobId());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Polls a job until it ends, at most 10 minutes (a shared 2-core machine); the caller asserts the state. */
    private static Job waitFor(long jobId) throws InterruptedException {
        Job job = server.studio().jobs().find(jobId).orElseThrow();
        for (int i = 0; i < 6000 && !job.finished(); i++) {
            Thread.sleep(100);
            job = server.studio().jobs().find(jobId).orElseThrow();
        }
        return job;
    }

    private static int jobs() {
        return Rows.count(server.studio().store(), "job");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> requestSeen() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/images/" + bigHash + "/seen")))
                .header("Cookie", Csrf.COOKIE + "=" + TOKEN).header("X-CSRF-Token", TOKEN).header("HX-Request", "true")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String fill(String pattern) {
        String path = pattern.replace("{hash}", bigHash).replace("{promptId}", Long.toString(prompt))
                .replace("{batch}", protection.batch());
        if (path.startsWith("/protect/")) {
            return path.replace("{id}", Long.toString(protection.id()));
        }
        if (path.startsWith("/jobs/") || path.startsWith("/experiments/imports/")) {
            return path.replace("{id}", Long.toString(protection.jobId()));
        }
        return path.replace("{id}", Long.toString(experiment));
    }

    @Test
    void crawlingEveryGetRouteQueuesNothing() throws Exception {
        int before = jobs();
        List<String> crawled = new ArrayList<>();
        for (Endpoint e : server.endpoints()) {
            if (!e.getMethod().name().equals("GET")) {
                continue;
            }
            String path = fill(e.getPath());
            for (int visit = 0; visit < 2; visit++) {
                HttpResponse<String> r = get(path);
                if (r.statusCode() >= 500) {
                    System.out.println("crawl: " + path + " -> " + r.statusCode()); // a page bug, not a side effect
                }
            }
            crawled.add(path);
        }
        assertTrue(crawled.contains("/images/" + bigHash) && crawled.contains("/images/" + bigHash + "/seen"), crawled.toString());
        assertEquals(before, jobs(), "jobs queued by GETs of " + crawled);
        String page = get("/images/" + bigHash).body();
        assertTrue(page.contains("Show what the model sees") && page.contains("short side 512 px at most"), page);
    }

    @Test
    void theButtonQueuesTheViewOnceAndItIsComputedAtTheWorkingSize() throws Exception {
        int before = jobs();
        HttpResponse<String> first = requestSeen();
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("Computing what the model sees"), first.body());
        assertEquals(before + 1, jobs());
        requestSeen();
        assertEquals(before + 1, jobs(), "a view on its way is not queued twice");

        Job job = waitFor(server.studio().seen().latestJob(bigHash).orElseThrow().id());
        assertEquals("done", job.state(), job.error());
        String view = server.studio().seen().cached(bigHash).orElseThrow();
        var file = server.studio().store().read(h -> ImageFiles.find(h, view)).orElseThrow();
        System.out.printf("model's view of a 1024x640 image: %dx%d%n", file.width(), file.height());
        assertEquals(512, Math.min(file.width(), file.height()), file.width() + "x" + file.height());
        assertTrue(file.width() <= 824, "aspect kept: " + file.width());

        requestSeen();
        assertEquals(before + 1, jobs(), "a cached view is never computed again");
        assertTrue(get("/images/" + bigHash).body().contains("/images/" + view + "/file"));
    }
}
