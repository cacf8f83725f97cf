package org.belladonna.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FilePayload;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.testing.SyntheticNimaInstall;
import org.belladonna.testing.Browser;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scores panel on the experiment page: NIMA scoring as a job, CSV import, and the notice without weights. */
class ScoringBrowserTest extends BrowserTest {
    private static final LocatorAssertions.ContainsTextOptions LONG = new LocatorAssertions.ContainsTextOptions().setTimeout(120_000);

    @TempDir
    static Path data;
    @TempDir
    static Path bareData;
    private static TestServer withWeights;
    private static TestServer withoutWeights;

    @BeforeAll
    static void start() throws Exception {
        withWeights = TestServer.start(data, SyntheticNimaInstall.install(data.resolve("models"), 3), WebServer.Options.defaults());
        withoutWeights = TestServer.start(bareData);
    }

    @AfterAll
    static void stop() {
        withWeights.close();
        withoutWeights.close();
    }

    @Test
    void scoreWithNimaRunsAJobAndTheCountsFollowIt() throws Exception {
        long id = experiment(withWeights, "scored in the browser");
        Page page = desktop();
        List<String> console = consoleProblems(page);
        page.navigate(withWeights.url("/experiments/" + id));
        Locator panel = page.locator("#scoring");
        assertThat(panel).containsText("No scores yet for the 4 images");
        panel.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Score with NIMA")).click();

        assertThat(page.locator("#scoring-status")).containsText("scored 4 of 4", LONG);
        assertThat(page.locator("#scoring-status")).containsText("complete");
        assertThat(page.locator("#scoring-job")).containsText("Done.", LONG);
        assertEquals(4, scoreCount(withWeights, id));
        assertEquals(List.of(), console);
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("scoring-done-1920x1080")).setFullPage(true));
    }

    @Test
    void csvImportShowsBadRowsByLineThenImports() throws Exception {
        long id = experiment(withWeights, "imported in the browser");
        Page page = desktop();
        page.navigate(withWeights.url("/experiments/" + id));
        Locator panel = page.locator("#scoring");
        assertThat(panel).containsText("Import scores");

        upload(page, "bad.csv", "image,model,score\nimg0.png,laion,5\nimg1.png,laion,high\n");
        assertThat(page.locator(".import-problems")).containsText("line 3: the score 'high' is not a finite number");
        assertThat(page.locator(".import-problems")).containsText("Nothing was imported from bad.csv");
        assertEquals(0, scoreCount(withWeights, id));
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("scoring-import-errors")).setFullPage(true));

        upload(page, "good.csv", "img0.png,laion,5\nimg1.png,laion,6\n");
        assertThat(page.locator(".import-result")).containsText("Imported 2 rows from good.csv onto 2 images");
        assertThat(page.locator("#scoring-status")).containsText("scored 2 of 4");
        assertThat(page.locator("#scoring-status")).containsText("incomplete: 2 not scored");
        assertEquals(2, scoreCount(withWeights, id));
    }

    @Test
    void withoutWeightsTheActionIsReplacedByTheInstallCommand() throws Exception {
        long id = experiment(withoutWeights, "no weights");
        Page page = phone();
        page.navigate(withoutWeights.url("/experiments/" + id));
        Locator notice = page.locator("#scoring .notice");
        assertThat(notice).containsText("belladonna models pull nima-mobilenet-aesthetic");
        assertEquals(0, page.getByText("Score with NIMA").count());
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, ((Number) overflow).intValue(), "horizontal overflow on a phone");
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("scoring-no-weights-phone")).setFullPage(true));
    }

    private static void upload(Page page, String name, String csv) {
        page.locator("#scoring input[name=csv]").setInputFiles(new FilePayload(name, "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        page.locator("#scoring").getByText("Import scores", new Locator.GetByTextOptions().setExact(true))
                .and(page.locator("button")).click();
    }

    private static long experiment(TestServer server, String name) throws Exception {
        var gallery = server.studio().gallery();
        long id = gallery.createExperiment(name, "", "");
        List<NewImage> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add(new NewImage(i < 2 ? "Water Lilies" : "headphones", i < 2, i % 2 == 0 ? "before" : "after",
                    (long) i, "img" + i + ".png", "{}", TestImages.png(80, 60, 100 + i + name.length() * 10L)));
        }
        gallery.addImages(id, images);
        return id;
    }

    private static int scoreCount(TestServer server, long experimentId) {
        return server.studio().scoring().coverage(experimentId).stream().mapToInt(c -> c.scored()).sum();
    }
}
