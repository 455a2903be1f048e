package io.liveupdate.cli;

import io.liveupdate.differ.report.TextReport;
import io.liveupdate.resolver.StandaloneResolver;
import io.liveupdate.revision.RepositorySystemArtifacts;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.RevisionResult;
import java.io.File;
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

    @Option(
            names = "--local-repository",
            paramLabel = "DIR",
            description = "The Maven local repository dependencies are resolved into (default: -Dmaven.repo.local,"
                    + " else ~/.m2/repository).")
    Path localRepository;

    @Option(names = "--offline", description = "Resolve dependencies from the local repository only.")
    boolean offline;

    /** A revision compiler and the resolver it uses, closed together. */
    record Session(RevisionCompiler compiler, StandaloneResolver resolver) implements AutoCloseable {
        @Override
        public void close() {
            try {
                compiler.close();
            } finally {
                if (resolver != null) {
                    resolver.close();
                }
            }
        }
    }

    /** Opens a compiler over {@link #repo}, which the caller has checked is set. */
    Session open() {
        List<Path> entries = classpathEntries();
        RevisionCompiler.Options options = RevisionCompiler.Options.defaults()
                .withMavenFallback(!noMavenFallback)
                .withModule(module)
                .withClasspath(entries);
        StandaloneResolver resolver = null;
        if (entries == null) {
            // With --classpath nothing is resolved (parent POMs must then be in the revision): no resolver runs.
            resolver = StandaloneResolver.open(new StandaloneResolver.Settings(localRepository(), offline));
            options = options.withArtifacts(new RepositorySystemArtifacts(resolver.system(), resolver.session()));
        }
        try {
            return new Session(RevisionCompiler.open(repo, options), resolver);
        } catch (RuntimeException e) {
            if (resolver != null) {
                resolver.close();
            }
            throw e;
        }
    }

    private Path localRepository() {
        return localRepository != null
                ? localRepository.toAbsolutePath()
                : StandaloneResolver.Settings.defaults().localRepository();
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
     * Reports a revision that does not compile on one line: the first diagnostic, and how many more there are. That
     * is an input error (exit 2): the revision, not the tool, is broken.
     */
    static int reportFailure(String rev, RevisionResult.Failed failed, java.io.PrintWriter stderr) {
        int more = failed.diagnostics().size() - 1;
        stderr.println(TextReport.printable(
                "liveupdate: " + rev + " (" + failed.commit().name() + ") does not compile"
                        + (failed.module() == null
                                ? ""
                                : " in module " + (failed.module().isEmpty() ? "." : failed.module()))
                        + (failed.artifactsMissing() ? " (artifacts missing)" : "") + ": " + failed.message()
                        + (more > 0 ? " (and " + more + " more)" : "")));
        stderr.flush();
        return LiveUpdate.USAGE_OR_INPUT_ERROR;
    }
}
