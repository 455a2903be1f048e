package io.liveupdate.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        Files.write(site.resolve("img/ok.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(
                site.resolve("index.html"),
                "<html><head><link rel=\"stylesheet\" href=\"css/missing.css\"></head><body>"
                        + "<a href=\"good.html#top\">fine</a> <a href=\"https://example.org/\">elsewhere</a>"
                        + " <a href=\"good.html#nowhere\">bad anchor</a> <a href=\"gone.html\">bad link</a>"
                        + " <img src=\"img/ok.png\"> <img src=\"img/missing.png\">"
                        + " <a href=\"../outside.html\">outside</a></body></html>");
        Files.writeString(
                site.resolve("good.html"),
                "<html><body><h1 id=\"top\">top</h1><script>document.body.append('x'); noSuchFunction();</script>"
                        + "</body></html>");
        Files.writeString(tmp.resolve("outside.html"), "<html></html>");

        SiteChecker checker = new SiteChecker(site, Chromium.in(tmp));
        List<String> problems = checker.problems();
        assertEquals(
                List.of(
                        "good.html: console: \"Uncaught ReferenceError: noSuchFunction is not defined\", source: "
                                + site.resolve("good.html").toUri() + " (1)",
                        "index.html: <link href=\"css/missing.css\">: no such file",
                        "index.html: <a href=\"good.html#nowhere\">: no anchor #nowhere in good.html",
                        "index.html: <a href=\"gone.html\">: no such file",
                        "index.html: <img src=\"img/missing.png\">: no such file",
                        "index.html: <a href=\"../outside.html\">: outside the site"),
                problems);
        assertEquals(8, checker.references());
    }
}
