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
            description = "Compile in memory even where only the repository's own build is exact (plugins that"
                    + " generate sources, annotation processors); the output says what may differ.")
    boolean noMavenFallback;

    @Option(
            names = "--trust-build",
            description = "Trust the repository: a revision only its own build reproduces exactly is built by its"
                    + " mvnw, or else by Maven " + "3.9.16 resolved as an artifact. This EXECUTES the repository's"
                    + " build (its plugins and annotation processors). Without it nothing of the repository runs.")
    boolean trustBuild;

    @Option(
            names = "--local-repository",
            paramLabel = "DIR",
            description = "The Maven local repository dependencies are resolved into (default: -Dmaven.repo.local,"
                    + " else ~/.m2/repository).")
    Path localRepository;

    @Option(names = "--offline", description = "Resolve dependencies from the local repository only.")
    boolean offline;

    /** Shows fallback builds on stderr (with a running time on a terminal) while a session compiles. */
    private final FallbackProgress progress = new FallbackProgress(System.err, System.console() != null);

    /** A revision compiler and the resolver it uses, closed together. */
    record Session(RevisionCompiler compiler, StandaloneResolver resolver, FallbackProgress progress)
            implements AutoCloseable {
        /** Ends a fallback's progress line: call when a compile returned. */
        void compiled() {
            progress.stop();
        }

        @Override
        public void close() {
            try {
                progress.close();
                compiler.close();
            } finally {
                if (resolver != null) {
                    resolver.close();
                }
            }
        }
    }

    /** The compiler options these flags give, and the resolver they use (null with --classpath), closed together. */
    record Configured(RevisionCompiler.Options options, StandaloneResolver resolver) implements AutoCloseable {
        @Override
        public void close() {
            if (resolver != null) {
                resolver.close();
            }
        }
    }

    /** The options, for a front end that opens compilers itself (the history walk opens one per thread). */
    Configured configure() {
        List<Path> entries = classpathEntries();
        RevisionCompiler.Options options = RevisionCompiler.Options.defaults()
                .withMavenFallback(!noMavenFallback)
                .withTrustBuild(trustBuild)
                .withModule(module)
                .withClasspath(entries)
                .withListener(progress);
        StandaloneResolver resolver = null;
        if (entries == null) {
            // With --classpath nothing is resolved (parent POMs must then be in the revision): no resolver runs.
            resolver = StandaloneResolver.open(new StandaloneResolver.Settings(localRepository(), offline));
            options = options.withArtifacts(new RepositorySystemArtifacts(resolver.system(), resolver.session()));
        }
        return new Configured(options, resolver);
    }

    /** Opens a compiler over {@link #repo}, which the caller has checked is set. */
    Session open() {
        Configured configured = configure();
        try {
            return new Session(RevisionCompiler.open(repo, configured.options()), configured.resolver(), progress);
        } catch (RuntimeException e) {
            configured.close();
            throw e;
        }
    }

    Path localRepository() {
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
        if (failed.stage() == RevisionResult.Stage.UNTRUSTED) {
            stderr.println(TextReport.printable("liveupdate: " + rev + " ("
                    + failed.commit().name()
                    + ") is exact only with its own build, which runs the repository's code: " + failed.message()
                    + (more > 0 ? " (and " + more + " more)" : "")
                    + "; give --trust-build if you trust the repository, or --no-maven-fallback to compile in"
                    + " memory anyway"));
            stderr.flush();
            return LiveUpdate.USAGE_OR_INPUT_ERROR;
        }
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
