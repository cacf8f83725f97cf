package org.belladonna.testing;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every browser test. One headless Chromium per test class (Playwright's driver unpacks on each
 * create, ~1 s); each test opens fresh pages (own cookies) that are closed after it, whatever happened; the
 * errors and warnings each page's console prints are collected from the moment it opens; and a failed test
 * leaves a screenshot and the console of each page it had open under {@code target/screenshots/failed/}.
 * Servers stay with the test classes: they differ (kiosk or not, weights or not, one per class or per test).
 */
@ExtendWith(BrowserTest.Lifecycle.class)
public abstract class BrowserTest {
    /** Extra Chromium switches for one test class, e.g. to unthrottle animation frames for long runs. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Inherited
    public @interface ChromiumSwitches {
        String[] value();
    }

    private Browser browser;
    private final Map<Page, List<String>> pages = new LinkedHashMap<>();

    /** A fresh 1920x1080 page. */
    protected Page desktop() {
        return open(browser.desktop());
    }

    /** A fresh 390x844 page. */
    protected Page phone() {
        return open(browser.phone());
    }

    /** A fresh page with the given viewport. */
    protected Page page(int width, int height) {
        return open(browser.page(width, height));
    }

    /** The errors and warnings {@code page}'s console printed since it opened (a live list). */
    protected List<String> consoleProblems(Page page) {
        List<String> problems = pages.get(page);
        if (problems == null) {
            throw new IllegalArgumentException("not a page this test opened");
        }
        return problems;
    }

    private Page open(Page page) {
        List<String> problems = new ArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error") || m.type().equals("warning")) {
                problems.add(m.text());
            }
        });
        pages.put(page, problems);
        return page;
    }

    /** Leaves what the failed test's pages showed: a screenshot of each (when it still answers) and its console. */
    private void recordFailure(String test) {
        int n = 0;
        for (var open : pages.entrySet()) {
            Page page = open.getKey();
            String name = test + (pages.size() > 1 ? "-" + ++n : "");
            Path dir = Path.of("target", "screenshots", "failed");
            StringBuilder console = new StringBuilder();
            try {
                Files.createDirectories(dir);
                if (!page.isClosed()) {
                    console.append(page.url()).append('\n');
                    page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true)
                            .setTimeout(10_000));
                }
            } catch (IOException | RuntimeException e) {
                console.append("no screenshot: ").append(e.getMessage()).append('\n');
            }
            open.getValue().forEach(line -> console.append(line).append('\n'));
            System.out.print("[" + name + "] " + console);
            try {
                Files.writeString(dir.resolve(name + ".console.txt"), console);
            } catch (IOException ignored) {
                // the console went to stdout (the surefire report) as well
            }
        }
    }

    private void closePages() {
        for (Page page : pages.keySet()) {
            if (!page.isClosed()) {
                page.context().close();
            }
        }
        pages.clear();
    }

    /** Launches and closes the class's Chromium, hands it to each test, and tidies up after each test. */
    static final class Lifecycle implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
            AfterTestExecutionCallback, AfterEachCallback {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Lifecycle.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            List<String> switches = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ChromiumSwitches.class)
                    .map(s -> List.of(s.value())).orElse(List.of());
            context.getStore(NAMESPACE).put(Browser.class, new Browser(switches));
        }

        @Override
        public void afterAll(ExtensionContext context) {
            Browser browser = context.getStore(NAMESPACE).remove(Browser.class, Browser.class);
            if (browser != null) {
                browser.close();
            }
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            instance(context).browser = context.getStore(NAMESPACE).get(Browser.class, Browser.class);
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            if (context.getExecutionException().isPresent()) {
                instance(context).recordFailure(context.getRequiredTestClass().getSimpleName() + "."
                        + context.getRequiredTestMethod().getName());
            }
        }

        @Override
        public void afterEach(ExtensionContext context) {
            instance(context).closePages();
        }

        private static BrowserTest instance(ExtensionContext context) {
            return (BrowserTest) context.getRequiredTestInstance();
        }
    }
}
