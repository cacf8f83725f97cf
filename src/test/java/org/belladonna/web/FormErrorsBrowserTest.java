package org.belladonna.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.RawZip;
import org.belladonna.testing.StudyFiles;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A refused form shows why where the person acted, and keeps what they typed: htmx swaps the server's
 * 4xx fragment into the form's error area instead of dropping it (or leaving for a dead-end error page).
 */
class FormErrorsBrowserTest extends BrowserTest {
    private static final Page.WaitForSelectorOptions BOUNDED = new Page.WaitForSelectorOptions().setTimeout(60_000);

    @RegisterExtension
    static final ServerPerClass server = new ServerPerClass();

    @Test
    void aRefusedImportShowsItsReasonsOnTheForm() {
        byte[] zip = RawZip.write(List.of(RawZip.Entry.file("Haystacks/sideways/seed-2.png", TestImages.png(24, 24, 2)),
                RawZip.Entry.file("Water lilies/during/seed-1.png", TestImages.png(24, 24, 1))));
        Page page = desktop();
        page.navigate(server.url("/experiments"));
        page.setInputFiles("input[name=archive]", new FilePayload("study.zip", "application/zip", zip));
        page.fill("#import-heading ~ form input[name=name]", "My study");
        page.click("button:has-text('Import')");
        page.waitForSelector("#import-status .import-refused", BOUNDED);
        String shown = page.locator("#import-status").innerText();
        assertTrue(shown.contains("Nothing was imported"), shown);
        assertTrue(shown.contains("'Haystacks/sideways/seed-2.png' is not in the layout"), shown);
        assertTrue(shown.contains("'Water lilies/during/seed-1.png' is not in the layout"), shown);
        assertEquals(2, page.locator("#import-status .import-refused li").count(), shown);
        assertTrue(page.url().endsWith("/experiments"), "still on the form: " + page.url());
        assertEquals("My study", page.inputValue("#import-heading ~ form input[name=name]"));
    }

    @Test
    void aGoodImportAppearsInTheListWithoutAReload(@TempDir Path tmp) {
        Path zip = StudyFiles.zip(StudyFiles.plainFolder(tmp.resolve("Listed study"), 1), tmp.resolve("listed.zip"));
        Page page = desktop();
        page.navigate(server.url("/experiments"));
        page.setInputFiles("input[name=archive]", zip);
        page.fill("#import-heading ~ form input[name=name]", "Listed without reload");
        page.click("button:has-text('Import')");
        page.waitForSelector("#import-status .job-done", BOUNDED);
        page.waitForSelector("#experiment-list a:has-text('Listed without reload')", BOUNDED);
        assertEquals(0, page.locator("#experiment-list .empty").count());
    }

    @Test
    void aTakenConceptNameIsRefusedOnTheFormAndWhatWasTypedStays() {
        Page page = desktop();
        page.navigate(server.url("/concepts"));
        page.fill("input[name=name]", "Cubism"); // the built-in concept's name
        page.setInputFiles("input[name=anchors]", new FilePayload("anchor.png", "image/png", TestImages.png(96, 96, 3)));
        page.click("button:has-text('Create concept')");
        page.waitForSelector("#new-concept ~ form .form-errors .error", BOUNDED);
        assertTrue(page.locator(".form-errors").innerText().contains("There is already a concept called \"Cubism\""),
                page.locator(".form-errors").innerText());
        assertTrue(page.url().endsWith("/concepts"), page.url());
        assertEquals("Cubism", page.inputValue("input[name=name]"));
        assertEquals(1, ((Number) page.evalOnSelector("input[name=anchors]", "e => e.files.length")).intValue());
    }

    @Test
    void aTooSmallAnchorIsRefusedOnTheFormAndAGoodOneLeadsToTheConcept() {
        Page page = desktop();
        page.navigate(server.url("/concepts"));
        page.fill("input[name=name]", "Tiny things");
        page.setInputFiles("input[name=anchors]", new FilePayload("tiny.png", "image/png", TestImages.png(20, 20, 4)));
        page.click("button:has-text('Create concept')");
        page.waitForSelector("#new-concept ~ form .form-errors .error", BOUNDED);
        String error = page.locator(".form-errors").innerText();
        assertTrue(error.contains("64"), error);
        assertEquals("Tiny things", page.inputValue("input[name=name]"));

        page.setInputFiles("input[name=anchors]", new FilePayload("big.png", "image/png", TestImages.png(96, 96, 5)));
        page.click("button:has-text('Create concept')");
        page.waitForURL("**/concepts?created=*", new Page.WaitForURLOptions().setTimeout(60_000));
        page.waitForSelector("h2:has-text('Tiny things')", BOUNDED);
    }
}
