package org.belladonna.web;

import org.belladonna.progress.Progress;
import org.belladonna.archive.Importer;
import org.belladonna.store.Scores;
import org.belladonna.testing.Rows;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestServer;
import org.belladonna.testing.TestDatabase;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbench pages over real HTTP: filters, sorting, paging, pairs, statistics, CSV, export and refusals; on both databases. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class GalleryPagesTest {
    @Parameter
    TestDatabase database;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path data;
    @TempDir
    static Path dir;
    private static TestServer server;
    private static long experimentId;
    private static long liliesId;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) throws Exception {
        server = TestServer.start(data.resolve(database.name()), database);
        StringBuilder manifest = new StringBuilder("file,prompt,variant,seed,group\n");
        StringBuilder scores = new StringBuilder("file,model_id,model_version,mean\n");
        String[][] prompts = {{"Water Lilies", "related", "0.90"}, {"<b>headphones</b>", "control", "1.01"}};
        int k = 0;
        for (String[] p : prompts) {
            for (String variant : List.of("before", "after")) {
                // 70 images before and after for the lilies: two pages of 60 on the prompt page.
                int n = p[0].equals("Water Lilies") ? 70 : 5;
                for (int seed = 0; seed < n; seed++) {
                    String file = "f" + (k++) + ".png";
                    Files.write(dir.resolve(file), TestImages.png(12, 12, k));
                    manifest.append(file).append(',').append(p[0]).append(',').append(variant).append(',').append(seed)
                            .append(',').append(p[1]).append('\n');
                    double mean = 5 * (variant.equals("after") ? Double.parseDouble(p[2]) : 1) + (seed % 5) * 0.1;
                    scores.append(file).append(",nima,v1,").append(mean).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("manifest.csv"), manifest);
        Files.writeString(dir.resolve("scores.csv"), scores);
        experimentId = server.studio().importer().run(dir, Importer.Target.byName("Monet study"), Progress.NONE).experimentId();
        liliesId = server.studio().store().read(h -> h.createQuery("SELECT id FROM prompt WHERE text = 'Water Lilies'").mapTo(Long.class).one());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void experimentPageFiltersAndSorts() throws Exception {
        String all = get("/experiments/" + experimentId).body();
        assertTrue(all.contains("Water Lilies") && all.contains("&lt;b&gt;headphones&lt;/b&gt;"), "escaped prompt text");
        assertTrue(all.contains("n = 70 before, 70 after"));
        assertTrue(all.contains("mean 5.20 → 4.70 (-9.6 %)"), all);
        String related = get("/experiments/" + experimentId + "?group=related").body();
        assertTrue(related.contains("Water Lilies"));
        assertFalse(related.contains("headphones</a>"));
        String rises = get("/experiments/" + experimentId + "?sort=-change").body();
        assertTrue(rises.indexOf("headphones") < rises.indexOf("Water Lilies</a>"), "biggest rise first");
        String drops = get("/experiments/" + experimentId + "?sort=change").body();
        assertTrue(drops.indexOf("Water Lilies</a>") < drops.indexOf("&lt;b&gt;headphones"), "biggest drop first");
        HttpResponse<String> evil = get("/experiments/" + experimentId + "?sort=evil");
        assertEquals(400, evil.statusCode());
        assertTrue(evil.body().contains("sort must be one of order, change, -change."), evil.body());
    }

    @Test
    void promptPageIsPagedAndPairsUseTheSlider() throws Exception {
        String base = "/experiments/" + experimentId + "/prompts/" + liliesId;
        String page1 = get(base).body();
        assertEquals(120, count(page1, "loading=\"lazy\""), "60 per variant on page 1");
        assertTrue(page1.contains("Page 1 of 2"));
        assertTrue(page1.contains("Compare 70 same-seed pairs"));
        assertEquals(20, count(get(base + "?page=2").body(), "loading=\"lazy\""));
        assertEquals(404, get(base + "?page=3").statusCode());
        assertEquals(400, get(base + "?page=-1").statusCode());
        long otherExperiment = server.studio().gallery().createExperiment("other", "", "");
        assertEquals(404, get("/experiments/" + otherExperiment + "/prompts/" + liliesId).statusCode(), "prompt of another experiment");
        String pairs = get(base + "/pairs").body();
        assertEquals(12, count(pairs, "<img-comparison-slider"));
        assertTrue(pairs.contains("<script type=\"module\" src=\"/static/vendor/img-comparison-slider/8.0.7/index.js\">"));
        assertEquals(200, get("/static/vendor/img-comparison-slider/8.0.7/index.js").statusCode());
    }

    @Test
    void statsPageNamesTheModelAndShowsPlotsInline() throws Exception {
        String page = get("/experiments/" + experimentId + "/stats").body();
        assertTrue(page.contains("Scores by <strong>nima (v1)</strong>"), page);
        assertTrue(page.contains("<svg") && page.contains("id='forest-title'"), "inline forest plot");
        assertFalse(page.contains("<b>headphones</b>"), "prompt text escaped in table and SVG");
        assertTrue(page.contains("Methods"));
        // Issue 15: the manifest's seeds make every prompt paired; the page says so, names the family and the scorer.
        assertTrue(page.contains("Paired analysis (primary test: paired t-test) for all 2 prompt(s)"), page);
        assertTrue(page.contains("Holm family") && page.contains("related and control prompts together"), page);
        assertTrue(page.contains("id=\"scorer\"") && page.contains("0 computed here, 150 imported"), page);
        assertTrue(page.contains("id=\"group-permutation\"") && page.contains("exact, all splits enumerated"), page);
        assertTrue(page.contains("/report.html?model=nima"), "the report is linked");
        HttpResponse<String> csv = get("/experiments/" + experimentId + "/stats.csv");
        assertEquals("text/csv; charset=utf-8", csv.headers().firstValue("Content-Type").orElseThrow().toLowerCase());
        assertTrue(csv.body().startsWith("prompt_id,prompt_text,group,scoring_model,n_before,n_after,"));
        assertTrue(csv.body().contains("\r\n1,Water Lilies,related,nima (v1),70,70,"), csv.body());
        assertTrue(csv.body().contains(",primary_p,primary_p_holm,hedges_g,"), csv.body());
        assertTrue(csv.body().contains(",paired by seed,paired t-test,"), csv.body());
        assertEquals(400, get("/experiments/" + experimentId + "/stats?model=nope").statusCode());
    }

    /** Issue 15: each image's score beside it, sortable and filterable by query params, kept across pages. */
    @Test
    void promptAndPairPagesShowSortAndFilterScores() throws Exception {
        String base = "/experiments/" + experimentId + "/prompts/" + liliesId;
        String bySeed = get(base).body();
        assertTrue(bySeed.contains("Scores by nima"), "names the scorer");
        assertEquals(120, count(bySeed, "class=\"score\""), "a score under every image");
        assertTrue(bySeed.indexOf(">5.00<") < bySeed.indexOf(">5.40<"), "seed 0 (5.00) before seed 4 (5.40)");
        String best = get(base + "?sort=score-desc").body();
        int first = best.indexOf("class=\"score\">");
        assertEquals("5.40", best.substring(first + 14, first + 18), "highest score first");
        assertTrue(best.contains("?page=2&amp;sort=score-desc"), "the pager keeps the order");
        String filtered = get(base + "?min=5.3&max=10").body();
        // before scores 5.0..5.4 by seed % 5: 28 of 70 are >= 5.3; after scores are 4.5..4.9
        assertTrue(filtered.contains("Showing 28 before and 0 after within the filter."), filtered);
        assertEquals(28, count(filtered, "class=\"score\""));
        assertEquals(400, get(base + "?sort=evil").statusCode());
        assertEquals(400, get(base + "?min=abc").statusCode());
        assertEquals(400, get(base + "?min=6&max=5").statusCode());
        assertEquals(400, get(base + "?model=nope").statusCode());

        String pairs = get(base + "/pairs?sort=change-asc").body();
        assertTrue(pairs.contains("before 5.00 → after 4.50 (change -0.50)"), pairs);
        assertTrue(get(base + "/pairs?max=-0.4").body().contains("70 pair(s) within the filter."));
        String none = get(base + "/pairs?min=-0.4").body();
        assertTrue(none.contains("0 pair(s) within the filter.") && count(none, "<img-comparison-slider") == 0);
    }

    /** Issue 15: one file with stats, plots, methods and provenance, fetching nothing (inline CSS and SVG). */
    @Test
    void reportIsOneSelfContainedPrintableFile() throws Exception {
        HttpResponse<String> r = get("/experiments/" + experimentId + "/report.html?model=nima");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        String html = r.body();
        for (String external : List.of("<link", "<script", "src=", "href=", "url(", "@import")) {
            assertFalse(html.contains(external), "fetches nothing: found " + external);
        }
        assertTrue(html.contains("<style>") && html.contains("@media print"), "inline, printable styles");
        assertEquals(1 + 2, count(html, "<svg"), "the forest plot and one strip per prompt, inline");
        String manifestSha = org.belladonna.store.ImageStore.sha256(Files.readAllBytes(dir.resolve("manifest.csv")));
        assertTrue(html.contains(manifestSha), "the import's manifest hash");
        assertTrue(html.contains("0 computed here, 150 imported") && html.contains("version v1"), "the scorer and its version");
        assertTrue(html.contains("Paired analysis (primary test: paired t-test)"), "the design");
        assertTrue(html.contains("step-down adjustment over one family"), "the methods text");
        assertTrue(html.contains("exact, all splits enumerated"), "the group permutation test");
        assertFalse(html.contains("<b>headphones</b>"), "prompt text escaped");
        HttpResponse<String> download = get("/experiments/" + experimentId + "/report.html?model=nima&download=1");
        assertTrue(download.headers().firstValue("Content-Disposition").orElseThrow().contains("report.html"));
        assertEquals(400, get("/experiments/" + experimentId + "/report.html?model=nope").statusCode());
    }

    @Test
    void tinyPromptSaysNTooSmall() throws Exception {
        long id = server.studio().gallery().createExperiment("tiny", "", "");
        server.studio().gallery().addImages(id, List.of(
                new org.belladonna.gallery.Gallery.NewImage("p", true, "before", 1L, "a", "{}", TestImages.png(12, 12, 901)),
                new org.belladonna.gallery.Gallery.NewImage("p", true, "after", 1L, "b", "{}", TestImages.png(12, 12, 902))));
        server.studio().store().write(h -> {
            for (long imageId : h.createQuery("SELECT i.id FROM image i JOIN prompt p ON p.id = i.prompt_id WHERE p.experiment_id = ?")
                    .bind(0, id).mapTo(Long.class).list()) {
                Scores.put(h, imageId, "nima", "v1", 5, null, null, false);
            }
            return null;
        });
        String page = get("/experiments/" + id + "/stats").body();
        assertTrue(page.contains("n too small"), page);
    }

    @Test
    void hostileUploadIsRefusedWithA400AndNothingStored() throws Exception {
        int before = Rows.count(server.studio().store(), "image");
        byte[] zip = org.belladonna.testing.TestZips.traversal();
        HttpResponse<String> r = Multipart.post(server, "/experiments/import", "evil.zip", zip);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("points outside the archive"), r.body());
        assertEquals(before, Rows.count(server.studio().store(), "image"));
        try (var files = Files.list(server.dataDir().resolve("incoming"))) {
            assertEquals(0, files.count(), "the refused upload is deleted");
        }
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
