package org.belladonna.web;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import org.belladonna.testing.StudyFiles;
import org.belladonna.testing.Browser;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reviewer's path in a real browser: upload a ZIP, watch the job, read the statistics, download the CSV. */
class GalleryBrowserTest extends BrowserTest {
    @RegisterExtension
    static final ServerPerClass server = new ServerPerClass();

    @Test
    void importZipThroughThePageThenReadStatsAndDownloadTheCsv(@TempDir Path tmp) throws Exception {
        Path folder = StudyFiles.plainFolder(tmp.resolve("Monet study"), 5);
        StudyFiles.scores(folder, 5);
        Path zip = StudyFiles.zip(folder, tmp.resolve("monet.zip"));

        Page page = desktop();
        page.navigate(server.url("/experiments"));
        page.setInputFiles("input[name=archive]", zip);
        page.fill("input[name=concept]", "Monet");
        page.click("button:has-text('Import')");
        page.waitForSelector("#import-status .job-done", new Page.WaitForSelectorOptions().setTimeout(60_000));
        assertTrue(page.locator("#import-status").innerText().contains("30 added"), page.locator("#import-status").innerText());

        page.click("#import-status a:has-text('Open')");
        page.waitForURL("**/experiments/*");
        assertEquals(3, page.locator(".prompt-row").count());
        page.click("a:has-text('Statistics')");
        page.waitForURL("**/stats");
        assertTrue(page.locator("main").innerText().contains("Scores by nima (v1)"));
        assertEquals(3, page.locator("#prompt-table tbody tr").count());
        assertTrue(page.locator("#prompt-table").innerText().contains("Water Lilies"));
        assertEquals(1, page.locator("figure.plot svg#forest").count(), "forest plot inline");
        assertTrue(page.locator("svg#forest title").textContent().length() > 20);
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("stats-1920x1080")).setFullPage(true));

        Download download = page.waitForDownload(() -> page.click("a:has-text('Download CSV')"));
        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertEquals(4, lines.size(), csv);
        assertTrue(lines.get(0).startsWith("prompt_id,prompt_text,group,scoring_model,n_before,n_after,mean_before,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1,Water Lilies,related,nima (v1),5,5,"), lines.get(1));
        assertTrue(lines.get(3).startsWith("3,headphones,control,nima (v1),5,5,"), lines.get(3));
        assertTrue(csv.endsWith("\r\n"));

        // Issue 14 on a 390 px phone: plot labels at least 11 px as drawn, and "% change" on screen beside the prompt.
        Page phone = page(390, 844);
        phone.navigate(page.url());
        Object smallest = phone.evaluate("""
                () => { let min = 1e9;
                  for (const svg of document.querySelectorAll('figure.plot svg')) {
                    const vb = svg.viewBox.baseVal; const scale = svg.getBoundingClientRect().width / (vb && vb.width ? vb.width : svg.width.baseVal.value);
                    for (const t of svg.querySelectorAll('text')) {
                      if (!t.textContent.trim()) continue;
                      min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale); } }
                  return min; }""");
        double px = ((Number) smallest).doubleValue();
        System.out.println("smallest plot label at 390 px: " + px + " px");
        assertTrue(px >= 11 - 1e-6, "smallest plot label at 390 px: " + px + " px");
        Object right = phone.evaluate("() => document.querySelector('#prompt-table thead th:nth-child(2)').getBoundingClientRect().right");
        assertTrue(((Number) right).doubleValue() <= 390, "% change column on screen at 390 px: right edge " + right);
        assertTrue(phone.locator("#prompt-table thead th:nth-child(2)").innerText().startsWith("% change"));
        phone.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("stats-390x844")).setFullPage(true));
    }
}
