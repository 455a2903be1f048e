package io.liveupdate.cli;

import io.liveupdate.differ.Profile;
import io.liveupdate.history.HistoryAnalyzer;
import io.liveupdate.history.HistoryCache;
import io.liveupdate.history.HistoryReports;
import io.liveupdate.revision.ToolCache;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liveupdate history}: what fraction of a repository's commits could have been applied live. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "Walk the first-parent history of a git repository and say, per commit, which mechanism could have"
                    + " applied it live: each commit's class files and its parent's, compiled in memory from git"
                    + " objects, and their diff. Prints the headline; --json and --csv write the per-commit records.",
            "Nothing of the repository runs unless --trust-build: a commit only its own build reproduces is SKIPPED"
                    + " NEEDS_TRUSTED_BUILD.",
            "Exit codes: 0 done, 2 usage or input error, 3 internal error."
        })
final class HistoryCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RevisionOptions source;

    @Option(names = "--from", paramLabel = "REV", description = "Analyse only the commits after REV (an ancestor).")
    String from;

    @Option(names = "--to", paramLabel = "REV", description = "The newest commit (default: HEAD).")
    String to;

    @Option(names = "--max-commits", paramLabel = "N", description = "Only the newest N commits.")
    int maxCommits;

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            defaultValue = "hotswap",
            description = "hotswap or hotswap-add-delete. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON (formatVersion 1).")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one CSV row per commit.")
    Path csv;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Ranges of the history analysed at once (default: the number of cores).")
    Integer threads;

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description = "Where verdicts are kept, so that the next walk only compiles new commits (default:"
                    + " liveupdate's cache: $LIVEUPDATE_CACHE, else $XDG_CACHE_HOME/liveupdate, else"
                    + " ~/.cache/liveupdate).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor keep verdicts.")
    boolean noCache;

    @Override
    public Integer call() {
        if (source.repo == null) {
            throw new LiveUpdate.UsageException("history: give --repo DIR");
        }
        if (maxCommits < 0) {
            throw new LiveUpdate.UsageException("history: --max-commits must be 0 or more");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new LiveUpdate.UsageException("history: --threads must be 1 or more");
        }
        HistoryAnalyzer.Report report;
        try (RevisionOptions.Configured configured = source.configure();
                HistoryProgress progress = new HistoryProgress(System.console() != null)) {
            report = HistoryAnalyzer.analyze(
                    source.repo,
                    configured.options(),
                    new HistoryAnalyzer.Request(
                            from,
                            to,
                            maxCommits,
                            Profile.parse(profile),
                            n,
                            noCache
                                    ? null
                                    : HistoryCache.in(
                                            cacheDir == null ? ToolCache.defaultCache() : new ToolCache(cacheDir))),
                    progress);
        }
        if (json != null) {
            StringWriter w = new StringWriter();
            HistoryReports.json(report, w);
            ReportOutput.write(json, w.toString());
        }
        if (csv != null) {
            StringWriter w = new StringWriter();
            HistoryReports.csv(report, w);
            ReportOutput.write(csv, w.toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(HistoryReports.text(report));
        out.flush();
        return LiveUpdate.OK;
    }
}
