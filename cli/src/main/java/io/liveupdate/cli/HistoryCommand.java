package io.liveupdate.cli;

import io.liveupdate.differ.Profile;
import io.liveupdate.history.CommitRecord;
import io.liveupdate.history.HistoryAnalyzer;
import io.liveupdate.history.HistoryCache;
import io.liveupdate.history.HistoryHtml;
import io.liveupdate.history.HistoryReports;
import io.liveupdate.revision.ToolCache;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import picocli.CommandLine;
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
                    + " objects, and their diff. Prints the headline; --json and --csv write the per-commit records, --html a"
                    + " report to look at.",
            "Nothing of the repository runs unless --trust-build: a commit only its own build reproduces is SKIPPED"
                    + " NEEDS_TRUSTED_BUILD.",
            "Ctrl-C writes the report of the commits done so far; 'liveupdate history --resume', run in the same"
                    + " directory, finishes the walk (verdicts already computed come from the cache).",
            "Exit codes: 0 done, 2 usage or input error, 3 internal error."
        })
final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RevisionOptions source;

    @Option(names = "--from", paramLabel = "REV", description = "Analyse only the commits after REV (an ancestor).")
    String from;

    @Option(names = "--to", paramLabel = "REV", description = "The newest commit (default: HEAD).")
    String to;

    @Option(names = "--max-commits", paramLabel = "N", description = "Only the newest N commits.")
    int maxCommits;

    @Option(
            names = "--all",
            description = "Every commit reachable from --to (side branches too), not only the first-parent line;"
                    + " each is compared with its first parent.")
    boolean all;

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
            names = "--html",
            paramLabel = "FILE",
            description = "Write a self-contained HTML report: the headline, charts over time, the reasons and"
                    + " classes that block HotSwap, and a sortable, filterable table of the commits.")
    Path html;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Ranges of the history analysed at once (default: the number of cores).")
    Integer threads;

    @Option(
            names = "--commit-timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "A commit that takes longer is SKIPPED TIMEOUT (0: no limit). Default: ${DEFAULT-VALUE}.")
    long commitTimeout;

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description = "Where verdicts are kept, so that the next walk only compiles new commits (default:"
                    + " liveupdate's cache: $LIVEUPDATE_CACHE, else $XDG_CACHE_HOME/liveupdate, else"
                    + " ~/.cache/liveupdate).")
    Path cacheDir;

    @Option(
            names = "--cache-limit",
            paramLabel = "MIB",
            defaultValue = "64",
            description = "The verdicts kept are trimmed to this many MiB after a walk, least recently used first."
                    + " Default: ${DEFAULT-VALUE}.")
    long cacheLimit;

    @Option(names = "--no-cache", description = "Neither read nor keep verdicts (then --resume redoes everything).")
    boolean noCache;

    @Option(
            names = "--resume",
            description = "Finish the walk last interrupted in this directory, with its options (give no other).")
    boolean resume;

    @Override
    public Integer call() {
        if (resume) {
            return resumed();
        }
        if (source.repo == null) {
            throw new LiveUpdate.UsageException("history: give --repo DIR");
        }
        if (maxCommits < 0) {
            throw new LiveUpdate.UsageException("history: --max-commits must be 0 or more");
        }
        if (commitTimeout < 0) {
            throw new LiveUpdate.UsageException("history: --commit-timeout must be 0 or more");
        }
        if (cacheLimit < 1) {
            throw new LiveUpdate.UsageException("history: --cache-limit must be 1 MiB or more");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new LiveUpdate.UsageException("history: --threads must be 1 or more");
        }
        Profile p = Profile.parse(profile);
        ResumeFile resumeFile = ResumeFile.here();
        Collector collector = new Collector();
        Thread onInterrupt = new Thread(() -> interrupted(collector, p), "liveupdate-history-interrupted");
        HistoryAnalyzer.Report report;
        try (RevisionOptions.Configured configured = source.configure();
                HistoryProgress progress = new HistoryProgress(System.console() != null)) {
            collector.progress = progress;
            collector.onStart = head -> {
                // From here a Ctrl-C leaves a partial report and a walk to resume, pinned to this head.
                resumeFile.save(arguments(head));
                Runtime.getRuntime().addShutdownHook(onInterrupt);
            };
            report = HistoryAnalyzer.analyze(
                    source.repo,
                    configured.options(),
                    new HistoryAnalyzer.Request(
                                    from,
                                    to,
                                    maxCommits,
                                    p,
                                    n,
                                    noCache
                                            ? null
                                            : HistoryCache.in(
                                                    cacheDir == null
                                                            ? ToolCache.defaultCache()
                                                            : new ToolCache(cacheDir),
                                                    cacheLimit << 20))
                            .withAll(all)
                            .withCommitTimeout(commitTimeout == 0 ? null : Duration.ofSeconds(commitTimeout)),
                    collector);
        } catch (RuntimeException e) {
            resumeFile.delete(); // a walk that failed is not one to resume: it is run anew, fixed
            throw e;
        } finally {
            if (collector.head != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it writes the partial report
                }
            }
        }
        try {
            writeOutputs(report);
        } finally {
            resumeFile.delete(); // the walk ended: a failed write is run anew, from the cache
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(HistoryReports.text(report));
        out.flush();
        return LiveUpdate.OK;
    }

    private void writeOutputs(HistoryAnalyzer.Report report) {
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
        if (html != null) {
            StringWriter w = new StringWriter();
            HistoryHtml.html(report, w);
            ReportOutput.write(html, w.toString());
        }
    }

    /** The shutdown hook of Ctrl-C: the report of the commits done, and how to finish. */
    private void interrupted(Collector collector, Profile p) {
        List<CommitRecord> done = collector.done();
        HistoryAnalyzer.Report partial =
                HistoryAnalyzer.partial(source.repo, p, collector.head, done, collector.planned);
        try {
            writeOutputs(partial);
        } catch (RuntimeException e) {
            System.err.println("liveupdate: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(HistoryReports.text(partial));
        out.flush();
        System.err.println("liveupdate: interrupted; the report holds the " + done.size() + " commits done;"
                + " 'liveupdate history --resume' in this directory finishes the walk");
        System.err.flush();
    }

    /** The walk's own options again, paths absolute and the head pinned, for {@code --resume}. */
    private List<String> arguments(String head) {
        List<String> args = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o :
                spec.commandLine().getParseResult().matchedOptions()) {
            String name = o.longestName();
            if (name.equals("--to") || name.equals("--resume")) {
                continue;
            }
            Object value = o.getValue();
            if (o.arity().max() == 0) {
                if (Boolean.TRUE.equals(value)) {
                    args.add(name);
                }
                continue;
            }
            args.add(name);
            args.add(
                    value instanceof Path path
                            ? path.toAbsolutePath().normalize().toString()
                            : String.valueOf(value));
        }
        args.add("--to");
        args.add(head);
        return args;
    }

    /** {@code --resume}: the saved walk, parsed and run again; its finished verdicts come from the cache. */
    private int resumed() {
        List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(CommandLine.Model.OptionSpec::longestName)
                .filter(name -> !name.equals("--resume"))
                .toList();
        if (!others.isEmpty()) {
            throw new LiveUpdate.UsageException("history: --resume takes no other option (it repeats the"
                    + " interrupted walk's options); got " + String.join(", ", others));
        }
        ResumeFile file = ResumeFile.here();
        List<String> saved = file.load();
        if (saved == null) {
            throw new LiveUpdate.UsageException(
                    "history: no interrupted walk to resume in this directory (" + file.describe() + ")");
        }
        List<String> args = new ArrayList<>(List.of("history"));
        args.addAll(saved);
        CommandLine top = LiveUpdate.commandLine(args.toArray(String[]::new));
        top.setOut(spec.commandLine().getOut());
        top.setErr(spec.commandLine().getErr());
        try {
            top.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new LiveUpdate.UsageException(
                    "history: the interrupted walk's options no longer parse (" + e.getMessage() + "); run it anew");
        }
        HistoryCommand again = top.getSubcommands().get("history").getCommand();
        return again.call();
    }

    /** Forwards to the progress bar and keeps every record with its place, for the report of an interrupted walk. */
    private static final class Collector implements HistoryAnalyzer.Listener {
        private final Map<Integer, CommitRecord> records = new ConcurrentSkipListMap<>();
        volatile HistoryProgress progress;
        volatile java.util.function.Consumer<String> onStart;
        volatile String head;
        volatile int planned;

        @Override
        public void started(String newest, int commits) {
            head = newest;
            planned = commits;
            if (onStart != null) {
                onStart.accept(newest);
            }
            if (progress != null) {
                progress.started(commits);
            }
        }

        @Override
        public void analyzed(int index, CommitRecord record) {
            records.put(index, record);
            if (progress != null) {
                progress.analyzed(record);
            }
        }

        List<CommitRecord> done() {
            return List.copyOf(records.values());
        }
    }
}
