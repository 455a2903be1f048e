package io.liveupdate.maven;

import io.liveupdate.history.CommitRecord;
import io.liveupdate.history.HistoryAnalyzer;
import io.liveupdate.history.HistoryHtml;
import io.liveupdate.history.HistoryReports;
import io.liveupdate.history.HistorySummary;
import io.liveupdate.revision.RevisionException;
import java.io.File;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;
import org.eclipse.aether.RepositorySystem;

/**
 * The {@code history-report} of {@code mvn site}: the headline of {@code update:history}, its two charts over time
 * (SVG images beside the page), the counts per level, the reasons and classes that block HotSwap, and the newest
 * commits, as Doxia sink events; the full interactive report ({@code history.html}) is linked beside it. Run once, for
 * the top-level project. The repository's build is not trusted by default ({@code update.trustBuild}).
 */
@Mojo(name = "history-report", aggregator = true, threadSafe = true)
public class HistoryReport extends AbstractMavenReport {
    /** How many of the newest commits the page's table lists (the linked report has them all). */
    static final int TABLE_ROWS = 200;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** Only the newest N first-parent commits (0: all). */
    @Parameter(property = "update.maxCommits", defaultValue = "0")
    int maxCommits;

    /** Only the commits after this revision. */
    @Parameter(property = "update.from")
    String from;

    /** The newest commit (default: HEAD). */
    @Parameter(property = "update.to")
    String to;

    /** Ranges of the history analysed at once (default: the number of cores). */
    @Parameter(property = "update.threads", defaultValue = "0")
    int threads;

    /** Let a commit that only its own build reproduces run that build. */
    @Parameter(property = "update.trustBuild", defaultValue = "false")
    boolean trustBuild;

    /** hotswap or hotswap-add-delete. */
    @Parameter(property = "update.profile", defaultValue = "hotswap")
    String profile;

    /** A commit that takes longer is SKIPPED TIMEOUT (seconds; 0: no limit). */
    @Parameter(property = "update.commitTimeout", defaultValue = "300")
    long commitTimeout;

    /** Skip the report. */
    @Parameter(property = "update.skip", defaultValue = "false")
    boolean skip;

    private final RepositorySystem repositorySystem;

    @Inject
    public HistoryReport(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public String getOutputName() {
        return "history-report";
    }

    @Override
    public String getName(Locale locale) {
        return "Live update history";
    }

    @Override
    public String getDescription(Locale locale) {
        return "What fraction of the repository's commits could have been applied to a running JVM, per mechanism.";
    }

    @Override
    public boolean canGenerateReport() {
        return !skip;
    }

    @Override
    protected void executeReport(Locale locale) throws MavenReportException {
        HistoryAnalyzer.Report report;
        try {
            report = new HistoryRun(maxCommits, from, to, threads, trustBuild, profile, commitTimeout)
                    .walk(HistoryRun.root(session, project.getBasedir()), session, repositorySystem, getLog());
        } catch (MojoFailureException | RevisionException e) {
            throw new MavenReportException(e.getMessage(), e);
        }
        File dir = getReportOutputDirectory();
        Map<String, String> charts = HistoryHtml.charts(report);
        charts.forEach((name, svg) -> HistoryRun.write(new File(dir, name), svg));
        StringWriter full = new StringWriter();
        HistoryHtml.html(report, full);
        HistoryRun.write(new File(dir, "history.html"), full.toString());

        HistorySummary s = report.summary();
        Sink sink = getSink();
        sink.head();
        sink.title();
        sink.text(getName(locale));
        sink.title_();
        sink.head_();
        sink.body();
        sink.section1();
        sink.sectionTitle1();
        sink.text(getName(locale) + ": " + report.repository());
        sink.sectionTitle1_();
        paragraph(sink, HistoryHtml.headline(report));
        paragraph(sink, HistoryReports.counts(s) + ".");
        sink.paragraph();
        sink.link("history.html");
        sink.text("The full report: every commit, sortable and filterable");
        sink.link_();
        sink.paragraph_();
        if (charts.isEmpty()) {
            paragraph(sink, "No commit could be analyzed: nothing to chart.");
        } else {
            section(sink, "Share per level over time");
            figure(sink, "history-share.svg", "Share per level over time");
            paragraph(sink, "One bar per period with analyzed commits. " + HistoryHtml.shareLegend() + ".");
            sink.section2_();
            section(sink, "Cumulative share");
            figure(sink, "history-cumulative.svg", "Cumulative share: at most HOTSWAP, at most ENHANCED");
            paragraph(sink, HistoryHtml.cumulativeLegend() + ".");
            sink.section2_();
        }
        section(sink, "Levels");
        table(
                sink,
                List.of("Level", "Commits", "Share"),
                s.levels().entrySet().stream()
                        .map(e -> List.of(
                                e.getKey().name(),
                                Integer.toString(e.getValue()),
                                s.analyzed() == 0
                                        ? "-"
                                        : String.format(Locale.ROOT, "%.1f %%", 100.0 * e.getValue() / s.analyzed())))
                        .toList());
        sink.section2_();
        counts(sink, "First failing checks", "Check", s.reasons());
        Map<String, Integer> hazards = new java.util.LinkedHashMap<>();
        s.hazards().forEach((h, n) -> hazards.put(h.name(), n));
        counts(sink, "Hazards", "Hazard", hazards);
        counts(sink, "Classes that blocked HotSwap most often", "Class", s.classes());
        section(sink, "Newest commits");
        List<CommitRecord> commits = report.commits();
        List<CommitRecord> newest =
                new java.util.ArrayList<>(commits.subList(Math.max(0, commits.size() - TABLE_ROWS), commits.size()));
        java.util.Collections.reverse(newest);
        table(
                sink,
                List.of("Date", "Commit", "Status", "Level", "Reason", "Subject"),
                newest.stream()
                        .map(r -> List.of(
                                r.date().substring(0, 10),
                                r.sha().substring(0, 10),
                                r.status().name(),
                                r.level() == null ? "" : r.level().name(),
                                r.reason() == null ? "" : r.reason(),
                                r.subject() == null ? "" : r.subject()))
                        .toList());
        sink.section2_();
        sink.section1_();
        sink.body_();
        sink.flush();
        sink.close();
    }

    private static void paragraph(Sink sink, String text) {
        sink.paragraph();
        sink.text(text);
        sink.paragraph_();
    }

    private static void section(Sink sink, String title) {
        sink.section2();
        sink.sectionTitle2();
        sink.text(title);
        sink.sectionTitle2_();
    }

    private static void figure(Sink sink, String src, String caption) {
        sink.figure();
        sink.figureGraphics(src);
        sink.figureCaption();
        sink.text(caption);
        sink.figureCaption_();
        sink.figure_();
    }

    private static void counts(Sink sink, String title, String what, Map<String, Integer> counts) {
        section(sink, title);
        if (counts.isEmpty()) {
            paragraph(sink, "None.");
        } else {
            table(
                    sink,
                    List.of(what, "Commits"),
                    counts.entrySet().stream()
                            .map(e -> List.of(e.getKey(), Integer.toString(e.getValue())))
                            .toList());
        }
        sink.section2_();
    }

    private static void table(Sink sink, List<String> header, List<List<String>> rows) {
        sink.table();
        sink.tableRows();
        sink.tableRow();
        for (String h : header) {
            sink.tableHeaderCell();
            sink.text(h);
            sink.tableHeaderCell_();
        }
        sink.tableRow_();
        for (List<String> row : rows) {
            sink.tableRow();
            for (String cell : row) {
                sink.tableCell();
                sink.text(cell);
                sink.tableCell_();
            }
            sink.tableRow_();
        }
        sink.tableRows_();
        sink.table_();
    }
}
