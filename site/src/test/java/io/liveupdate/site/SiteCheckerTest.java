package io.liveupdate.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staged-site check finds each kind of fault it promises to, in a small site made broken on purpose. */
class SiteCheckerTest {

    @TempDir
    Path tmp;

    @Test
    void eachBrokenThingIsReportedAndNothingElse() throws Exception {
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.createDirectories(site.resolve("img"));
        Files.createDirectories(site.resolve("sub"));
        Files.createDirectories(site.resolve("nosub"));
        Files.write(site.resolve("img/ok.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(site.resolve("sub/index.html"), "<html><body>sub</body></html>");
        Files.writeString(site.resolve("empty.css"), "");
        Files.writeString(
                site.resolve("index.html"),
                "<html><head><link rel=\"stylesheet\" href=\"css/missing.css\">"
                        + "<link rel=\"stylesheet\" href=\"empty.css\"></head><body>"
                        + "<a href=\"good.html#top\">fine</a> <a href=\"https://example.org/\">elsewhere</a>"
                        + " <a href=\"sub/\">a directory with an index</a> <a href=\"good.html#level=ENHANCED\">a view</a>"
                        + " <a href=\"good.html#nowhere\">bad anchor</a> <a href=\"gone.html\">bad link</a>"
                        + " <img src=\"img/ok.png\"> <img src=\"img/missing.png\">"
                        + " <a href=\"../outside.html\">outside</a> <a href=\"nosub/\">a directory without</a>"
                        + " <a href=\"https://liveupdate.invalid/x.html\">unrelativized</a>"
                        + " <a href=\"ftp://example.org/f\">ftp</a> <a href=\"\">empty</a></body></html>");
        Files.writeString(
                site.resolve("good.html"),
                "<html><body><h1 id=\"top\">top</h1><script>document.body.append('x'); noSuchFunction();</script>"
                        + "</body></html>");
        Files.writeString(tmp.resolve("outside.html"), "<html></html>");

        SiteChecker checker = new SiteChecker(site, Chromium.in(tmp));
        List<String> problems = checker.problems();
        assertEquals(11, problems.size(), problems.toString());
        assertTrue(
                problems.get(0).startsWith("good.html: console: ")
                        && problems.get(0).contains("noSuchFunction"),
                "a script error is a console message: " + problems.get(0));
        assertEquals(
                List.of(
                        "index.html: <link href=\"css/missing.css\">: no such file",
                        "index.html: <link href=\"empty.css\">: empty file",
                        "index.html: <a href=\"good.html#nowhere\">: no anchor #nowhere in good.html",
                        "index.html: <a href=\"gone.html\">: no such file",
                        "index.html: <img src=\"img/missing.png\">: no such file",
                        "index.html: <a href=\"../outside.html\">: outside the site",
                        "index.html: <a href=\"nosub/\">: no such file",
                        "index.html: <a href=\"https://liveupdate.invalid/x.html\">: the placeholder site URL: a link the"
                                + " site plugin could not make relative",
                        "index.html: <a href=\"ftp://example.org/f\">: scheme ftp",
                        "index.html: <a href=\"\">: empty"),
                problems.subList(1, problems.size()));
        assertEquals(15, checker.references());
    }
}
