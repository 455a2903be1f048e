package io.liveupdate.maven;

import io.liveupdate.history.HistoryAnalyzer;
import io.liveupdate.history.HistoryHtml;
import io.liveupdate.history.HistoryReports;
import java.io.File;
import java.io.StringWriter;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.eclipse.aether.RepositorySystem;

/**
 * What fraction of this repository's commits could have been applied live, per mechanism ({@code liveupdate history}):
 * run once, at the root, for the whole repository (an aggregator). Writes {@code target/liveupdate/history.json},
 * {@code history.csv} and {@code history.html} of the top-level project and logs the headline. Dependencies resolve
 * through the resolver Maven runs; verdicts are kept in liveupdate's cache. Unlike the other goals it does not trust
 * the repository's build by default ({@code update.trustBuild}): its own build per commit would take a history far too
 * long, and old commits are not this build.
 */
@Mojo(name = "history", aggregator = true, threadSafe = true)
public class HistoryMojo extends AbstractUpdateMojo {
    /** Only the newest N first-parent commits (0: all). */
    @Parameter(property = "update.maxCommits", defaultValue = "0")
    int maxCommits;

    /** Only the commits after this revision (an ancestor of update.to). */
    @Parameter(property = "update.from")
    String from;

    /** The newest commit (default: HEAD). */
    @Parameter(property = "update.to")
    String to;

    /** Ranges of the history analysed at once (default: the number of cores). */
    @Parameter(property = "update.threads", defaultValue = "0")
    int threads;

    /** Let a commit that only its own build reproduces run that build (its plugins and processors run). */
    @Parameter(property = "update.trustBuild", defaultValue = "false")
    boolean trustBuild;

    /** hotswap or hotswap-add-delete. */
    @Parameter(property = "update.profile", defaultValue = "hotswap")
    String profile;

    /** A commit that takes longer is SKIPPED TIMEOUT (seconds; 0: no limit). */
    @Parameter(property = "update.commitTimeout", defaultValue = "300")
    long commitTimeout;

    private final RepositorySystem repositorySystem;

    @Inject
    public HistoryMojo(RuntimeInformation runtime, RepositorySystem repositorySystem) {
        super(runtime);
        this.repositorySystem = repositorySystem;
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        HistoryAnalyzer.Report report = new HistoryRun(
                        maxCommits, from, to, threads, trustBuild, profile, commitTimeout)
                .walk(HistoryRun.root(session, project.getBasedir()), session, repositorySystem, getLog());
        File dir = new File(
                session.getTopLevelProject() == null
                        ? project.getBuild().getDirectory()
                        : session.getTopLevelProject().getBuild().getDirectory(),
                "liveupdate");
        StringWriter json = new StringWriter();
        HistoryReports.json(report, json);
        HistoryRun.write(new File(dir, "history.json"), json.toString());
        StringWriter csv = new StringWriter();
        HistoryReports.csv(report, csv);
        HistoryRun.write(new File(dir, "history.csv"), csv.toString());
        StringWriter html = new StringWriter();
        HistoryHtml.html(report, html);
        HistoryRun.write(new File(dir, "history.html"), html.toString());
        for (String line : HistoryReports.text(report).split("\n")) {
            getLog().info("update: " + line);
        }
        getLog().info("update: wrote " + shown(new File(dir, "history.html")) + " (and history.json, history.csv)");
    }
}
