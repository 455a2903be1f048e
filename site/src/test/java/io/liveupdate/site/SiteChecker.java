package io.liveupdate.site;

import io.liveupdate.testing.Chromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Checks a built site as a browser shows it: every HTML page under the root is rendered in headless Chromium, and the
 * rendered DOM must have no internal link to a missing page or anchor (looked up in the target page's HTML), no missing
 * (or empty) image, style sheet or script, and the console must stay silent (no script error). Links to other sites are
 * not followed (no network), except that a link to the placeholder site URL ({@code *.invalid}, what the site plugin
 * writes when it cannot make a link relative) is broken.
 */
final class SiteChecker {
    private final Path root;
    private final Chromium chromium;
    private final Map<Path, Document> parsed = new HashMap<>();
    private int references;

    SiteChecker(Path root, Chromium chromium) {
        this.root = root.toAbsolutePath().normalize();
        this.chromium = chromium;
    }

    /** The HTML pages of the site, by path relative to its root. */
    List<Path> pages() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        }
    }

    /** Every problem of every page, one line each ({@code page: what}); empty when the site is sound. */
    List<String> problems() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path page : pages()) {
            String name = root.relativize(page).toString();
            Chromium.Page rendered = chromium.render(page.toUri().toString());
            rendered.console().forEach(m -> problems.add(name + ": console: " + m));
            Document dom = Jsoup.parse(rendered.dom(), page.toUri().toString());
            for (Element e : dom.select("a[href], link[href], img[src], script[src], iframe[src], source[src]")) {
                String attr = e.hasAttr("href") ? "href" : "src";
                references++;
                String problem = check(page, e.attr(attr), e.tagName().equals("a"));
                if (problem != null) {
                    problems.add(name + ": <" + e.tagName() + " " + attr + "=\"" + e.attr(attr) + "\">: " + problem);
                }
            }
        }
        return problems;
    }

    /** How many links, images, style sheets and scripts {@link #problems()} checked. */
    int references() {
        return references;
    }

    /** Why {@code ref} on {@code page} is broken, or null. */
    private String check(Path page, String ref, boolean link) throws IOException {
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
        if (!"file".equals(scheme)) {
            if (uri.getHost() != null && uri.getHost().endsWith(".invalid")) {
                return "the placeholder site URL: a link the site plugin could not make relative";
            }
            return List.of("http", "https", "mailto", "javascript").contains(scheme) ? null : "scheme " + scheme;
        }
        Path target = Path.of(uri.getPath()).normalize();
        if (!target.startsWith(root)) {
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
        // A fragment with '=' is a view of an interactive page (history.html#level=ENHANCED), not an anchor.
        if (link
                && fragment != null
                && !fragment.isEmpty()
                && !fragment.contains("=")
                && target.toString().endsWith(".html")) {
            Document doc = parsed.computeIfAbsent(target, SiteChecker::parse);
            if (doc.getElementById(fragment) == null
                    && doc.getElementsByAttributeValue("name", fragment).isEmpty()) {
                return "no anchor #" + fragment + " in " + root.relativize(target);
            }
        }
        return null;
    }

    private static Document parse(Path file) {
        try {
            return Jsoup.parse(file.toFile(), "UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
