package io.liveupdate.cli;

import io.liveupdate.differ.revision.RevisionCompiler;
import io.liveupdate.differ.revision.RevisionResult;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that say how to get class files from git revisions, shared by {@code classes} and
 * {@code diff --repo} (a picocli mixin).
 */
final class RevisionOptions {
    @Option(names = "--repo", paramLabel = "DIR", description = "The git repository (work tree or bare).")
    Path repo;

    @Option(
            names = "--classpath",
            paramLabel = "CP",
            description = "Dependency classpath for every module (separated by '${sys:path.separator}'); overrides"
                    + " resolution of the POM's dependencies.")
    String classpath;

    @Option(
            names = "--module",
            paramLabel = "PATH",
            description = "Only this module (its directory in the repository).")
    String module;

    @Option(
            names = "--no-maven-fallback",
            description = "Compile in memory even when the build has annotation processors or bytecode plugins.")
    boolean noMavenFallback;

    /** Opens a compiler over {@link #repo}, which the caller has checked is set. */
    RevisionCompiler open() {
        RevisionCompiler.Options options = RevisionCompiler.Options.defaults()
                .withMavenFallback(!noMavenFallback)
                .withModule(module)
                .withClasspath(classpathEntries());
        return RevisionCompiler.open(repo, options);
    }

    private List<Path> classpathEntries() {
        if (classpath == null) {
            return null;
        }
        List<Path> paths = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                throw new LiveUpdate.UsageException("--classpath entry " + entry + ": no such file or directory");
            }
            paths.add(p.toAbsolutePath());
        }
        return paths;
    }

    /**
     * Reports a revision that does not compile: the first diagnostic on the first line, the rest indented below.
     * That is an input error (exit 2): the revision, not the tool, is broken.
     */
    static int reportFailure(String rev, RevisionResult.Failed failed, PrintWriter stderr) {
        stderr.println("liveupdate: " + rev + " (" + failed.commit() + ") does not compile"
                + (failed.module() == null
                        ? ""
                        : " in module " + (failed.module().isEmpty() ? "." : failed.module()))
                + (failed.artifactsMissing() ? " (artifacts missing)" : "") + ": " + failed.message());
        for (String d : failed.diagnostics()
                .subList(
                        Math.min(1, failed.diagnostics().size()),
                        failed.diagnostics().size())) {
            stderr.println("  " + d);
        }
        stderr.flush();
        return LiveUpdate.USAGE_OR_INPUT_ERROR;
    }
}
