package io.liveupdate.cli;

import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.differ.report.JsonReport;
import io.liveupdate.differ.report.TextReport;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.RevisionDiff;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code liveupdate diff OLD NEW}: what changed between two builds and which mechanism can apply it. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Compare two builds and say, per class, which mechanism can apply each change live. The builds are two"
                    + " directories or jars, or two git revisions compiled in memory (--repo --base [--target]).",
            "Levels: NONE < HOTSWAP < ENHANCED < TRANSFORM < RESTART; hazards name changes that would not behave"
                    + " like a restart.",
            "Exit codes: 0 done, 1 level above --max-level, 2 usage or input error, 3 internal error."
        })
final class DiffCommand implements Callable<Integer> {
    enum Format {
        text,
        json
    }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "OLD",
            description = "The running build: a directory of .class files or a jar (not with --repo).")
    Path oldPath;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "NEW",
            description = "The new build: a directory of .class files or a jar (not with --repo).")
    Path newPath;

    @Mixin
    RevisionOptions source;

    @Option(
            names = "--base",
            paramLabel = "REV",
            description = "With --repo: the running revision, compiled from git objects without a checkout.")
    String base;

    @Option(names = "--target", paramLabel = "REV", description = "With --repo: the new revision (default: HEAD).")
    String target;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (for people) or json (formatVersion 1). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            defaultValue = "hotswap",
            description = "hotswap (HotSpot defaults) or hotswap-add-delete (-XX:+AllowRedefinitionToAddDeleteMethods)."
                    + " Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(
            names = "--verbose",
            description = "Also list the classes at NONE (only debug attributes changed); the text report counts them.")
    boolean verbose;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Write the report to FILE (complete, or not at all) instead of standard output.")
    Path output;

    @Option(
            names = "--max-level",
            paramLabel = "LEVEL",
            description =
                    "Exit with 1 when the diff's level is above LEVEL (NONE, HOTSWAP, ENHANCED, TRANSFORM, RESTART).")
    String maxLevel;

    @Override
    public Integer call() {
        Profile chosenProfile = Profile.parse(profile);
        UpdateLevel limit = maxLevel == null ? null : UpdateLevel.parse(maxLevel);
        Differ differ = new Differ(chosenProfile);
        DiffResult result;
        if (source.repo != null) {
            RevisionDiff.Outcome outcome = fromRepository(differ);
            if (outcome instanceof RevisionDiff.Failed failed) {
                String rev = failed.side() == RevisionDiff.Side.BASE ? base : targetRevision();
                return RevisionOptions.reportFailure(
                        rev, failed.failure(), spec.commandLine().getErr());
            }
            result = ((RevisionDiff.Diffed) outcome).diff();
        } else {
            ClassSet[] builds = fromFiles();
            result = differ.diff(builds[0], builds[1]);
        }
        StringWriter report = new StringWriter();
        if (format == Format.json) {
            JsonReport.write(result, report);
        } else {
            TextReport.write(result, report, verbose);
        }
        ReportOutput.write(output, report.toString());
        if (limit != null && result.level().compareTo(limit) > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("liveupdate: level " + result.level() + " is above --max-level " + limit);
            err.flush();
            return LiveUpdate.NEGATIVE_VERDICT;
        }
        return LiveUpdate.OK;
    }

    private ClassSet[] fromFiles() {
        if (base != null || target != null) {
            throw new LiveUpdate.UsageException("diff: --base and --target need --repo");
        }
        if (oldPath == null || newPath == null) {
            throw new LiveUpdate.UsageException(
                    "diff: give OLD and NEW (directories or jars), or --repo DIR --base REV [--target REV]");
        }
        // The two builds are independent: read them side by side (inflating and checking dominates reading).
        // A path the user names as a build must hold classes: an empty side would pass as "nothing changed" or
        // "everything removed".
        CompletableFuture<ClassSet> reading =
                CompletableFuture.supplyAsync(() -> ClassSet.read(newPath).requireClasses());
        ClassSet before = ClassSet.read(oldPath).requireClasses();
        return new ClassSet[] {before, join(reading)};
    }

    private String targetRevision() {
        return target == null ? "HEAD" : target;
    }

    /** Both revisions compiled in memory: the base in full, the target incrementally from it (exactly equal). */
    private RevisionDiff.Outcome fromRepository(Differ differ) {
        if (oldPath != null) {
            throw new LiveUpdate.UsageException("diff: give either OLD and NEW, or --repo, not both");
        }
        if (base == null) {
            throw new LiveUpdate.UsageException("diff: --repo needs --base REV");
        }
        try (RevisionOptions.Session session = source.open()) {
            RevisionCompiler compiler = session.compiler();
            return new RevisionDiff(compiler, differ).diff(compiler.resolve(base), compiler.resolve(targetRevision()));
        }
    }

    private static ClassSet join(CompletableFuture<ClassSet> reading) {
        try {
            return reading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
