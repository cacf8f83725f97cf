package org.belladonna.web;

import com.microsoft.playwright.Page;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.testing.TestModels;
import org.belladonna.store.ImageStore;
import org.belladonna.testing.Browser;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.Rows;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image page's "what the model sees" panel, with the model installed and without it. */
class ModelsEyeBrowserTest extends BrowserTest {
    private static String addImage(TestServer server, byte[] png) throws Exception {
        long id = server.studio().gallery().createExperiment("e", "", "");
        server.studio().gallery().addImages(id, List.of(new NewImage("p", true, "before", 1L, "a.png", "{}", png)));
        return ImageStore.sha256(png);
    }

    @Test
    void showsTheDecodedViewOnceComputedAndCachesIt(@TempDir Path data) throws Exception {
        TestModels.installed(data.resolve("models"), "taef2-encoder", "taef2-decoder");
        try (TestServer server = TestServer.start(data, new WebServer.Options(false, true))) {
            String hash = addImage(server, TestImages.png(72, 56, 7));
            Page page = desktop();
            page.navigate(server.url("/images/" + hash));
            // Opening the page starts nothing; the button asks for the view.
            page.getByText("Show what the model sees").click();
            page.locator("#seen-panel img").waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(120_000));
            page.waitForFunction("() => document.querySelector('#seen-panel img').naturalWidth > 0");
            assertEquals(72, ((Number) page.evaluate("() => document.querySelector('#seen-panel img').naturalWidth")).intValue());
            assertEquals(56, ((Number) page.evaluate("() => document.querySelector('#seen-panel img').naturalHeight")).intValue());
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("image-with-model-view")));
            // Computed once: a second visit renders the cached view straight away, no new job.
            int jobs = Rows.count(server.studio().store(), "job");
            page.navigate(server.url("/images/" + hash));
            assertTrue(page.locator("#seen-panel img").isVisible());
            assertEquals(jobs, Rows.count(server.studio().store(), "job"));
        }
    }

    @Test
    void namesTheInstallCommandWhenTheModelIsMissing(@TempDir Path data) throws Exception {
        try (TestServer server = TestServer.start(data)) {
            String hash = addImage(server, TestImages.png(64, 64, 8));
            Page page = desktop();
            page.navigate(server.url("/images/" + hash));
            String panel = page.locator("#seen-panel").innerText();
            assertTrue(panel.contains("not installed") && panel.contains("belladonna models pull"), panel);
            page.navigate(server.url("/"));
            assertTrue(page.locator("#model-status").innerText().contains("belladonna models pull"));
        }
    }
}
