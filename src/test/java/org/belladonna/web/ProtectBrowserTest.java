package org.belladonna.web;

import org.belladonna.images.Upload;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import org.belladonna.images.ImageDecoder;
import org.belladonna.testing.ProtectionFixture;
import org.belladonna.testing.Browser;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestServer;
import org.belladonna.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protecting an image in a real browser, against the real TAEF2 weights on a tiny image. */
class ProtectBrowserTest extends BrowserTest {
    /** Long enough for a CPU shared with other builds; the tests assert states, never durations. */
    private static final double PATIENCE_MS = Waits.JOB.toMillis();

    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ProtectionFixture.serverWithWeights(data);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Upload -> live progress -> result page with slider and metrics -> a download of the input's exact size. */
    @Test
    void uploadShowsProgressThenTheResultWithAWorkingDownload() throws Exception {
        Page page = desktop();
        List<String> console = consoleProblems(page);
        page.navigate(server.url("/protect"));
        page.locator("#images").setInputFiles(new FilePayload("painting.png", "image/png", TestImages.png(96, 88, 7)));
        page.getByLabel("Fast").check();
        page.locator("details.panel summary").click();
        page.getByLabel("Steps", new Page.GetByLabelOptions().setExact(true)).fill("30");
        page.getByLabel("Working size (short side, px)").fill("64");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Protect")).click();
        page.waitForURL("**/protect/*");

        // The job fragment reports engine steps while it runs.
        page.locator(".job-running .job-status:has-text('optimising ')").waitFor(
                new Locator.WaitForOptions().setTimeout(PATIENCE_MS));
        // protect.js reloads the page when the job is done; then the slider and the report are there.
        Locator slider = page.locator("img-comparison-slider");
        slider.waitFor(new Locator.WaitForOptions().setTimeout(PATIENCE_MS));
        page.waitForFunction("() => customElements.get('img-comparison-slider') !== undefined");
        page.waitForFunction("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)");
        String report = page.locator("dl.report").innerText();
        for (String metric : List.of("Distance to target", "Moved toward target", "PSNR", "SSIM", "Largest change",
                "Steps", "Wall time", "Device")) {
            assertTrue(report.contains(metric), metric + " in " + report);
        }
        assertTrue(report.contains("96×88"), report);
        assertEquals(4, page.locator("table.robustness tbody tr").count());
        assertEquals(3, page.locator(".seen figure img").count());

        // Keyboard: the slider takes focus and moves with the arrow keys.
        slider.focus();
        // The component slides while an arrow key is held (one animation frame per move).
        page.keyboard().down("ArrowLeft");
        page.waitForFunction("() => document.querySelector('img-comparison-slider').value < 50");
        page.keyboard().up("ArrowLeft");
        double value = ((Number) slider.evaluate("s => s.value")).doubleValue();
        assertTrue(value < 50, "slider moved left, now " + value);

        Download download = page.waitForDownload(() -> page.locator("#download-png").click());
        assertEquals("painting-protected.png", download.suggestedFilename());
        var png = new ImageDecoder().decode(Files.readAllBytes(download.path()));
        assertEquals("png", png.format());
        assertEquals(96, png.width());
        assertEquals(88, png.height());
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("protect-result-1920x1080")).setFullPage(true));
        assertEquals(List.of(), console);

        Page phone = phone();
        for (String path : List.of(page.url().replace(server.url(""), ""), "/protect", "/concepts")) {
            phone.navigate(server.url(path));
            Object overflow = phone.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, ((Number) overflow).intValue(), "horizontal overflow on " + path);
        }
        phone.navigate(page.url());
        phone.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("protect-result-phone")).setFullPage(true));
    }

    @Test
    void filesDroppedOnTheDropZoneGoIntoTheForm() {
        Page page = desktop();
        page.navigate(server.url("/protect"));
        String png = Base64.getEncoder().encodeToString(TestImages.png(64, 64, 8));
        page.evaluate("""
                b64 => {
                  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                  const dt = new DataTransfer();
                  dt.items.add(new File([bytes], 'dropped.png', {type: 'image/png'}));
                  dt.items.add(new File([bytes], 'second.png', {type: 'image/png'}));
                  document.querySelector('.drop-zone').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
                }""", png);
        assertEquals(2, ((Number) page.evaluate("() => document.querySelector('#images').files.length")).intValue());
        assertTrue(page.locator(".drop-files").innerText().contains("dropped.png"));
    }

    @Test
    void theCancelButtonStopsAProtection() {
        Page page = desktop();
        page.navigate(server.url("/protect"));
        page.locator("#images").setInputFiles(new FilePayload("slow.png", "image/png", TestImages.png(64, 64, 9)));
        page.locator("details.panel summary").click();
        page.getByLabel("Steps", new Page.GetByLabelOptions().setExact(true)).fill("10000");
        page.getByLabel("Working size (short side, px)").fill("64");
        page.locator("form.protect-form button[type=submit]").click();
        page.waitForURL("**/protect/*");
        long id = Long.parseLong(page.url().substring(page.url().lastIndexOf('/') + 1));
        page.locator(".job button:has-text('Cancel')").click();
        page.locator(".job-cancelled").waitFor(new Locator.WaitForOptions().setTimeout(PATIENCE_MS));
        var protection = server.studio().protection().find(id).orElseThrow();
        // A running job stops at its next check; wait for the worker to record it, then nothing is stored.
        await("the worker records the cancel").atMost(Waits.JOB).pollInterval(Waits.POLL)
                .until(() -> server.studio().jobs().find(protection.jobId()).orElseThrow().finished());
        assertEquals("cancelled", server.studio().jobs().find(protection.jobId()).orElseThrow().state());
        assertNull(server.studio().protection().find(id).orElseThrow().outputHash());
    }

    @Test
    void aConceptMadeFromUploadedAnchorsIsListedWithThem() {
        Page page = desktop();
        page.navigate(server.url("/concepts"));
        assertTrue(page.locator(".concept:has-text('Cubism') img").count() == 3, "built-in anchors shown");
        page.getByLabel("Name").fill("Blue period");
        page.locator("input[name=anchors]").setInputFiles(new FilePayload[]{
                new FilePayload("a.png", "image/png", TestImages.png(80, 80, 10)),
                new FilePayload("b.jpg", "image/jpeg", TestImages.jpeg(90, 70, 11))});
        page.locator("form button[type=submit]").click();
        page.waitForURL("**/concepts?created=*#concept-*"); // a new address, so the htmx form loads it
        Locator concept = page.locator(".concept:has-text('Blue period')");
        assertEquals(2, concept.locator("img").count());
        page.waitForFunction("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)");
        page.navigate(server.url("/protect"));
        assertNotNull(page.locator("select[name=concept] option:has-text('Blue period')").getAttribute("value"));
    }
}
