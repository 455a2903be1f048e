package io.liveupdate.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.Chromium;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staged site as a reader's browser shows it: every page of {@code target/staging} is rendered in headless
 * Chromium, and the rendered DOM must have no internal link to a missing page or anchor, no missing image, style sheet
 * or script, and the console must stay silent (no script error). Screenshots of the home page and the history report
 * go to {@code site/target/site-screenshots/} for review.
 *
 * <p>Run after the site is built ({@code .ci/run} does): {@code ./mvnw install && ./mvnw site site:stage}, then
 * {@code ./mvnw -pl site test-compile surefire:test@staged-site}. The default build excludes it: there is no site yet when the
 * tests run.
 */
class StagedSiteTest {

    private static final Path STAGING = Markdown.root().resolve("target/staging");

    @TempDir
    Path tmp;

    private final Map<Path, Document> parsed = new HashMap<>();

    @Test
    void everyPageRendersWithNoBrokenLinkNoMissingImageAndNoScriptError() throws IOException {
        assertTrue(
                Files.isRegularFile(STAGING.resolve("index.html")),
                "no staged site in " + STAGING + ": run ./mvnw install && ./mvnw site site:stage first");
        List<Path> pages;
        try (Stream<Path> s = Files.walk(STAGING)) {
            pages = s.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        }
        Set<String> expected = Set.of(
                "index.html",
                "quick-start.html",
                "concepts.html",
                "ladder.html",
                "update-unit.html",
                "security.html",
                "history-analysis.html",
                "cli.html",
                "maven-plugin.html",
                "benchmarks.html",
                "history-report.html",
                "history.html",
                "maven-plugin/plugin-info.html",
                "maven-plugin/package-mojo.html");
        Set<String> have = new TreeSet<>();
        pages.forEach(p -> have.add(STAGING.relativize(p).toString()));
        assertTrue(have.containsAll(expected), "pages missing: " + difference(expected, have));

        Chromium chromium = Chromium.in(tmp);
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (Path page : pages) {
            Chromium.Page rendered = chromium.render(page.toUri().toString());
            String name = STAGING.relativize(page).toString();
            rendered.console().forEach(m -> problems.add(name + ": console: " + m));
            Document dom = Jsoup.parse(rendered.dom(), page.toUri().toString());
            for (Element e : dom.select("a[href], link[href], img[src], script[src], iframe[src], source[src]")) {
                String attr = e.hasAttr("href") ? "href" : "src";
                String problem = check(page, e.attr(attr), e.tagName().equals("a"));
                links++;
                if (problem != null) {
                    problems.add(name + ": <" + e.tagName() + " " + attr + "=\"" + e.attr(attr) + "\">: " + problem);
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(links > 300, "links checked: " + links);

        Path shots = Markdown.root().resolve("site/target/site-screenshots");
        chromium.screenshot(STAGING.resolve("index.html").toUri().toString(), 1280, 1400, shots.resolve("home.png"));
        chromium.screenshot(
                STAGING.resolve("history-report.html").toUri().toString(),
                1280,
                2400,
                shots.resolve("history-report.png"));
        chromium.screenshot(
                STAGING.resolve("history.html").toUri().toString(), 1280, 1600, shots.resolve("history.png"));
    }

    /** Why {@code ref} on {@code page} is broken, or null; links to other sites are not followed (no network). */
    private String check(Path page, String ref, boolean anchorAllowed) throws IOException {
        if (ref.isEmpty()) {
            return "empty";
        }
        URI uri;
        try {
            uri = page.toUri().resolve(ref.replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
            return "not a URI";
        }
        String scheme = uri.getScheme();
        if (scheme == null || !scheme.equals("file")) {
            return scheme != null && (scheme.equals("http") || scheme.equals("https") || scheme.equals("mailto"))
                    ? null
                    : scheme != null && scheme.equals("javascript") ? null : "scheme " + scheme;
        }
        Path target = Path.of(uri.getPath());
        if (!target.normalize().startsWith(STAGING)) {
            return "outside the site";
        }
        if (Files.isDirectory(target)) {
            target = target.resolve("index.html");
        }
        if (!Files.isRegularFile(target)) {
            return "no such file";
        }
        if (Files.size(target) == 0) {
            return "empty file";
        }
        String fragment = uri.getFragment();
        if (fragment != null
                && !fragment.isEmpty()
                && anchorAllowed
                && target.toString().endsWith(".html")
                && !fragment.contains("=")) {
            Document doc = parsed.computeIfAbsent(target, StagedSiteTest::parse);
            if (doc.getElementById(fragment) == null
                    && doc.select("a[name=" + fragment + "]").isEmpty()) {
                return "no anchor #" + fragment + " in " + STAGING.relativize(target);
            }
        }
        return null;
    }

    private static Document parse(Path file) {
        try {
            return Jsoup.parse(file.toFile(), "UTF-8");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
