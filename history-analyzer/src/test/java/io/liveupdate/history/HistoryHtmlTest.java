package io.liveupdate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.testing.Chromium;
import io.liveupdate.testing.GitHistory;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code history --html}: the page of a generated history, whose shares are known, opened in a real headless
 * Chromium (Debian's {@code chromium}; CI installs it and the test fails there without it) and checked through the
 * DOM it builds: charts with one mark per period, one row per commit, sorting and filtering through the view in the
 * URL fragment, no script errors. Screenshots at 1280 px and at phone width go to {@code target/} for review.
 */
class HistoryHtmlTest {
    @TempDir
    Path tmp;

    private static final String A1 = "package p;\npublic class A { public int f() { return 1; } }\n";

    /** Root, then 3 body changes (HOTSWAP), 1 added method (ENHANCED), a breaking commit and its fix, over 3 months. */
    private HistoryAnalyzer.Report report() throws Exception {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("root", Map.of("src/main/java/p/A.java", A1));
            for (int i = 2; i <= 4; i++) {
                git.commit("body " + i, Map.of("src/main/java/p/A.java", A1.replace("return 1", "return " + i)));
            }
            git.commit(
                    "method <added> & \"quoted\" </script>",
                    Map.of(
                            "src/main/java/p/A.java",
                            "package p;\npublic class A { public int f() { return 4; } int g() { return 0; } }\n"));
            git.commit("broken", Map.of("src/main/java/p/B.java", "package p;\nclass B { int x = y; }\n"));
            git.commit("fixed", Map.of("src/main/java/p/B.java", "package p;\nclass B { int x = 1; }\n"));
        }
        return HistoryAnalyzer.analyze(
                repo,
                RevisionCompiler.Options.defaults(),
                new HistoryAnalyzer.Request(null, null, 0, Profile.HOTSWAP, 1));
    }

    @Test
    void theReportOfAKnownHistoryInARealBrowser() throws Exception {
        HistoryAnalyzer.Report report = report();
        HistorySummary s = report.summary();
        assertEquals(4, s.analyzed());
        assertEquals(3, s.levels().get(UpdateLevel.HOTSWAP));
        assertEquals(1, s.levels().get(UpdateLevel.ENHANCED));
        String html = HistoryHtml.render(report);
        assertTrue(
                html.contains("75.0 % of the code-changing commits of repo could have been applied with standard"
                        + " HotSwap, 25.0 % more with enhanced redefinition; coverage 57.1 % (4 of 7 analyzed)"),
                "the headline, as the text summary says it");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing fetched from the network");
        assertFalse(html.contains("</script> &"), "a subject cannot end the data element");

        Path page = Path.of("target", "history-report", "history.html").toAbsolutePath();
        Files.createDirectories(page.getParent());
        Files.writeString(page, html, StandardCharsets.UTF_8);
        Chromium chromium = Chromium.in(tmp);
        String url = page.toUri().toString();

        Chromium.Page all = chromium.render(url);
        int periods = HistoryHtml.periods(report.commits()).size();
        assertEquals(1, periods, "one month: the generated commits share a date");
        assertEquals(periods, count(all.dom(), "<g class=\"period\""), "one bar per period");
        assertEquals(2 * periods, count(all.dom(), "<circle class=\"mark\""), "one mark per period and series");
        assertEquals(report.commits().size(), count(all.dom(), "<tr class=\"commit\""), "a row per commit");
        assertTrue(all.dom()
                .contains(report.commits().size() + " of " + report.commits().size() + " commits"));
        assertEquals(report.commits().get(0).sha(), shas(all.dom()).get(0), "sorted by date, oldest first by default");

        Chromium.Page newest = chromium.render(url + "#sort=date&dir=desc");
        List<String> reversed = shas(newest.dom());
        assertEquals(report.commits().get(report.commits().size() - 1).sha(), reversed.get(0), "sorted newest first");

        Chromium.Page analyzed = chromium.render(url + "#status=ANALYZED");
        assertEquals(4, count(analyzed.dom(), "<tr class=\"commit\""), "filtered by status");
        Chromium.Page enhanced = chromium.render(url + "#level=ENHANCED");
        assertEquals(1, count(enhanced.dom(), "<tr class=\"commit\""), "filtered by level");
        assertTrue(enhanced.dom().contains("method &lt;added&gt;"), "the subject, escaped");
        Chromium.Page search = chromium.render(url + "#q=broken");
        assertEquals(1, count(search.dom(), "<tr class=\"commit\""), "filtered by text");

        for (Chromium.Page b : List.of(all, newest, analyzed, enhanced, search)) {
            assertEquals(List.of(), b.console(), "no script error, no console message");
        }
        // For review (the screenshots): at desktop and at phone width.
        chromium.screenshot(url, 1280, 1600, page.resolveSibling("history-report-1280.png"));
        chromium.screenshot(url, 390, 2400, page.resolveSibling("history-report-phone.png"));
    }

    @Test
    void anEmptyHistoryAndOneThatNeverCompilesSayWhyThereIsNothingToChart() throws Exception {
        HistoryAnalyzer.Report empty =
                new HistoryAnalyzer.Report("repo", null, Profile.HOTSWAP, "17", List.of(), 0, List.of());
        String html = HistoryHtml.render(empty);
        assertTrue(html.contains("id=\"empty\""), html);
        assertTrue(html.contains("The walk found no commits. Nothing to chart."));
        assertFalse(html.contains("<svg"), "no empty charts");

        Path repo = tmp.resolve("broken");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("root", Map.of("src/main/java/p/A.java", "package p;\nclass A { int x = y; }\n"));
            git.commit("still broken", Map.of("src/main/java/p/A.java", "package p;\nclass A { int x = z; }\n"));
        }
        HistoryAnalyzer.Report broken = HistoryAnalyzer.analyze(
                repo,
                RevisionCompiler.Options.defaults(),
                new HistoryAnalyzer.Request(null, null, 0, Profile.HOTSWAP, 1));
        String page = HistoryHtml.render(broken);
        assertTrue(
                page.contains("None of the 2 code-changing commits could be analyzed (1 uncompilable, 1 skipped)."
                        + " Nothing to chart."),
                page);
        assertFalse(page.contains("<svg"));
        StringWriter w = new StringWriter();
        HistoryHtml.html(broken, w);
        assertEquals(page, w.toString());
    }

    @Test
    void aLongHistoryChartsByQuarterOrYearAndStaysSmall() {
        List<CommitRecord> commits = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int year = 2000 + i / 500;
            int month = 1 + (i / 40) % 12;
            commits.add(new CommitRecord(
                    String.format("%040x", i),
                    String.format("%040x", i + 1),
                    String.format("%d-%02d-01T00:00:00Z", year, month),
                    "commit number " + i,
                    CommitStatus.ANALYZED,
                    i % 3 == 0 ? UpdateLevel.ENHANCED : UpdateLevel.HOTSWAP,
                    i % 3 == 0 ? "UNSUPPORTED_REDEFINITION_METHOD_ADDED" : null,
                    List.of(),
                    2,
                    null,
                    i % 3 == 0 ? List.of("org.example.Service") : List.of()));
        }
        HistoryAnalyzer.Report r =
                new HistoryAnalyzer.Report("big", null, Profile.HOTSWAP, "17", commits, 0, List.of());
        List<HistoryHtml.Period> periods = HistoryHtml.periods(commits);
        assertEquals("year", periods.get(0).unit(), "240 months and 80 quarters are too many bars");
        assertEquals(20, periods.size());
        String html = HistoryHtml.render(r);
        assertEquals(20, count(html, "<g class=\"period\""));
        assertTrue(html.length() < 3_000_000, "a few MB at most: " + html.length());
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> shas(String dom) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<tr class=\"commit\" data-sha=\"([0-9a-f]{40})\"")
                .matcher(dom);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
