package io.liveupdate.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staged site as a reader's browser shows it ({@link SiteChecker}): every page of {@code target/staging}, no
 * broken internal link or anchor, no missing image, no script error. Screenshots of the home page and the history
 * report go to {@code site/target/site-screenshots/} for review.
 *
 * <p>Run after the site is built ({@code .ci/run} does): {@code ./mvnw install && ./mvnw site site:stage}, then
 * {@code ./mvnw -pl site test-compile surefire:test@staged-site}. The default build excludes it: there is no site yet
 * when the tests run. {@link SiteCheckerTest} shows, on every build, that the checker finds each kind of fault.
 */
class StagedSiteTest {

    private static final Path STAGING = Markdown.root().resolve("target/staging");

    @TempDir
    Path tmp;

    @Test
    void everyPageRendersWithNoBrokenLinkNoMissingImageAndNoScriptError() throws Exception {
        assertTrue(
                Files.isRegularFile(STAGING.resolve("index.html")),
                "no staged site in " + STAGING + ": run ./mvnw install && ./mvnw site site:stage first");
        Chromium chromium = Chromium.in(tmp);
        SiteChecker checker = new SiteChecker(STAGING, chromium);
        Set<String> have = new TreeSet<>();
        checker.pages().forEach(p -> have.add(STAGING.relativize(p).toString()));
        Set<String> missing = new TreeSet<>(Set.of(
                "index.html",
                "quick-start.html",
                "concepts.html",
                "ladder.html",
                "update-unit.html",
                "security.html",
                "history-analysis.html",
                "revision-compiler.html",
                "cli.html",
                "maven-plugin.html",
                "benchmarks.html",
                "history-report.html",
                "history.html",
                "maven-plugin/plugin-info.html",
                "maven-plugin/package-mojo.html"));
        missing.removeAll(have);
        assertEquals(Set.of(), missing, "pages the menus promise");

        assertEquals(List.of(), checker.problems());
        // Each menu item leads to a page of the site (with the same navigation), from the root and from the plugin's.
        for (String from : List.of("index.html", "maven-plugin/plugin-info.html")) {
            Path page = STAGING.resolve(from);
            List<Element> items = Jsoup.parse(page.toFile(), "UTF-8").select("#leftColumn nav a[href]");
            assertTrue(items.size() >= 12, from + ": the menu's items (did the skin's markup change?): " + items);
            for (Element item : items) {
                Path target = page.resolveSibling(item.attr("href")).normalize();
                assertTrue(
                        target.startsWith(STAGING) && Files.isRegularFile(target),
                        from + ": menu item " + item.text() + " leads nowhere: " + item.attr("href"));
                assertTrue(
                        !Jsoup.parse(target.toFile(), "UTF-8")
                                .select("#leftColumn")
                                .isEmpty(),
                        from + ": menu item " + item.text() + " leads to " + STAGING.relativize(target)
                                + ", which is not a page of the site");
            }
        }
        assertTrue(checker.references() > 300, "links checked: " + checker.references());

        Path shots = Markdown.root().resolve("site/target/site-screenshots");
        for (String page : List.of("index.html", "quick-start.html", "history-report.html", "history.html")) {
            chromium.screenshot(
                    STAGING.resolve(page).toUri().toString(), 1280, 2000, shots.resolve(page.replace(".html", ".png")));
        }
    }
}
