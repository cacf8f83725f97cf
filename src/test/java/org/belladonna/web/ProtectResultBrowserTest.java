package org.belladonna.web;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import org.belladonna.artworks.ProtectionService;
import org.belladonna.images.Upload;
import org.belladonna.store.Records.Protection;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.ProtectionFixture;
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
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The result page an artist reads: every figure with its unit, meaning and good value; a slider that says
 * which side is which; the batch ZIP only once it holds every image; a cancelled job promises nothing.
 */
class ProtectResultBrowserTest extends BrowserTest {
    @TempDir
    static Path data;
    private static TestServer server;
    private static Protection done;
    private static Protection other;

    @BeforeAll
    static void start() throws Exception {
        server = ProtectionFixture.serverWithWeights(data);
        var studio = server.studio();
        ProtectionService.Submission batch = studio.protection().submit(List.of(
                new Upload("first.png", TestImages.png(64, 64, 31)), new Upload("second.png", TestImages.png(64, 64, 32))),
                ProtectionFixture.cubism(studio), ProtectionFixture.tiny(2));
        done = studio.protection().find(batch.protectionIds().get(0)).orElseThrow();
        other = studio.protection().find(batch.protectionIds().get(1)).orElseThrow();
        ProtectionFixture.waitFor(studio, done.jobId(), j -> j.state().equals("done"));
        ProtectionFixture.waitFor(studio, other.jobId(), j -> j.state().equals("done"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void setOther(String state, boolean protectedYet) {
        Protection finished = server.studio().protection().find(done.id()).orElseThrow();
        server.studio().store().write(h -> {
            h.execute("UPDATE protection SET output_hash = ?, report = ? WHERE id = ?", protectedYet ? finished.outputHash() : null,
                    protectedYet ? finished.report() : null, other.id());
            h.execute("UPDATE job SET state = ? WHERE id = ?", state, other.jobId());
            return null;
        });
    }

    @Test
    void everyFigureHasItsUnitMeaningAndGoodValueAndTheSliderSaysWhichSideIsWhich() {
        setOther("done", true);
        Page page = desktop();
        page.navigate(server.url("/protect/" + done.id()));
        String report = page.locator("dl.report").innerText();
        for (String unit : List.of("%", "latent units", "dB", "(0 to 1)", "of 255")) {
            assertTrue(report.contains(unit), unit + " in " + report);
        }
        int figures = page.locator("dl.report dd:has(.muted)").count();
        assertEquals(6, figures, report);
        assertEquals(figures, page.locator("dl.report dd .good").count(), "a good value for every figure: " + report);
        String robustness = page.locator("#report-heading ~ p.muted").first().innerText();
        assertTrue(robustness.contains("Good: half (50 %) or more"), robustness);
        String labels = page.locator(".compare-labels").innerText();
        assertTrue(labels.contains("Original (left)") && labels.contains("Protected (right)"), labels);
        assertEquals("Original on the left, protected copy on the right", page.locator("img-comparison-slider").getAttribute("aria-label"));
        page.screenshot(new Page.ScreenshotOptions().setPath(org.belladonna.testing.Browser.screenshot("protect-result-1920x1080"))
                .setFullPage(true));
    }

    @Test
    void aTooSmallImageIsRefusedOnTheProtectFormWhichKeepsItsSettings() {
        Page page = desktop();
        page.navigate(server.url("/protect"));
        page.locator("#images").setInputFiles(new com.microsoft.playwright.options.FilePayload("tiny.png", "image/png",
                TestImages.png(32, 32, 33)));
        page.locator("details.panel summary").click();
        page.getByLabel("Steps", new Page.GetByLabelOptions().setExact(true)).fill("7");
        page.getByLabel("High").check();
        page.locator("form.protect-form button[type=submit]").click();
        page.waitForSelector("form.protect-form .form-errors .error", new Page.WaitForSelectorOptions().setTimeout(60_000));
        String error = page.locator("form.protect-form .form-errors").innerText();
        assertTrue(error.contains("64"), error);
        assertTrue(page.url().endsWith("/protect"), page.url());
        assertEquals("7", page.getByLabel("Steps", new Page.GetByLabelOptions().setExact(true)).inputValue());
        assertTrue(page.getByLabel("High").isChecked());
    }

    @Test
    void theBatchZipIsOfferedOnlyWhenItHoldsEveryImage() throws Exception {
        setOther("running", false);
        Page page = desktop();
        page.navigate(server.url("/protect/" + done.id()));
        assertEquals(0, page.locator("#download-batch").count());
        assertTrue(page.locator("#batch-pending").innerText().contains("1 of 2 images are protected"));
        HttpResponse<byte[]> partial = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url("/protect/batch/" + done.batch() + "/zip"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(409, partial.statusCode());

        setOther("done", true);
        page.navigate(server.url("/protect/" + done.id()));
        Download zip = page.waitForDownload(() -> page.click("#download-batch"));
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(java.nio.file.Files.newInputStream(zip.path()))) {
            while (in.getNextEntry() != null) {
                entries++;
            }
        }
        assertEquals(2, entries);
    }

    @Test
    void aCancelledJobsPageSaysSoAndPromisesNoResult() {
        setOther("cancelled", false);
        Page page = desktop();
        page.navigate(server.url("/protect/" + other.id()));
        String main = page.locator("main").innerText();
        assertTrue(main.contains("This protection was cancelled"), main);
        assertTrue(!main.contains("shows the result"), main);
        assertEquals(0, page.locator("[data-reload-when-done]").count());
        assertEquals(0, page.locator("#download-png").count());
    }
}
