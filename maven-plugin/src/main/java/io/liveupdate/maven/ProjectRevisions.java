package io.liveupdate.maven;

import io.liveupdate.revision.CompileCache;
import io.liveupdate.revision.RepositorySystemArtifacts;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.RevisionException;
import io.liveupdate.revision.RevisionResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The git repository a project lives in, opened as the revision library's compiler for that project's module. Inside
 * Maven the user's own repository is trusted: a base revision only its own build reproduces is built by the running
 * Maven ({@code maven.home}), and dependencies resolve through the {@code RepositorySystem} Maven runs, with the
 * user's settings (mirrors, proxies, offline).
 */
final class ProjectRevisions implements AutoCloseable {
    /**
     * Base revisions compiled in this JVM, whole, by git directory and commit: the modules of a reactor build share one
     * compile of the base (the last few are kept, for a daemon that runs many builds).
     */
    private static final Map<String, RevisionResult> BASES = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RevisionResult> eldest) {
            return size() > 4;
        }
    };

    final RevisionCompiler compiler;
    final Path workTree;
    final String module;
    private final File gitDir;
    private final RevisionCompiler.Options options;

    private ProjectRevisions(
            RevisionCompiler compiler, Path workTree, String module, File gitDir, RevisionCompiler.Options options) {
        this.compiler = compiler;
        this.workTree = workTree;
        this.module = module;
        this.gitDir = gitDir;
        this.options = options;
    }

    static ProjectRevisions open(MavenProject project, MavenSession session, RepositorySystem system)
            throws MojoFailureException {
        File basedir = project.getBasedir();
        FileRepositoryBuilder found = new FileRepositoryBuilder().findGitDir(basedir);
        if (found.getGitDir() == null) {
            throw new MojoFailureException("update: " + basedir + " is not in a git repository; the base revision"
                    + " is read from git (git init, or give the released jar with -Dupdate.baseArtifact and a"
                    + " repository)");
        }
        File gitDir = found.getGitDir();
        Path workTree = gitDir.getParentFile().toPath().toAbsolutePath().normalize();
        Path rel = workTree.relativize(basedir.toPath().toAbsolutePath().normalize());
        String module = rel.toString().replace(File.separatorChar, '/');
        RevisionCompiler.Options options = RevisionCompiler.Options.defaults()
                .withArtifacts(new RepositorySystemArtifacts(system, session.getRepositorySession()))
                .withTrustBuild(true);
        String mavenHome = System.getProperty("maven.home");
        if (mavenHome != null) {
            Path mvn = Path.of(mavenHome, "bin", "mvn");
            if (Files.isExecutable(mvn)) {
                options = options.withMavenExecutable(mvn);
            }
        }
        return new ProjectRevisions(RevisionCompiler.open(workTree, options), workTree, module, gitDir, options);
    }

    /**
     * The base revision compiled: the whole revision, once per JVM and kept in the tool's cache for the next build
     * ({@link CompileCache}), when it compiles and holds this module (or lacks
     * it: a module new since the base, whose classes are then all ADDED); else this module and what it needs alone, so
     * that a module of the base this build does not touch cannot fail it.
     */
    RevisionResult base(ObjectId commit) {
        String key = gitDir.getAbsolutePath() + "@" + commit.name();
        RevisionResult whole;
        synchronized (BASES) {
            whole = BASES.get(key);
            if (whole == null) {
                whole = new CompileCache(options.cache()).compile(compiler, commit);
                BASES.put(key, whole);
            }
        }
        if (whole instanceof RevisionResult.Compiled) {
            return whole;
        }
        try (RevisionCompiler one = RevisionCompiler.open(workTree, options.withModule(module))) {
            return one.compile(commit);
        }
    }

    /** The commit {@code rev} names; on a shallow clone that lacks it, the message says how to fetch it. */
    ObjectId resolve(String rev) throws MojoFailureException {
        try {
            return compiler.resolve(rev);
        } catch (RevisionException e) {
            if (new File(gitDir, "shallow").exists()) {
                throw new MojoFailureException("update: " + e.getMessage() + "; this clone is shallow, so the base"
                        + " may not have been fetched (git fetch --unshallow, or clone with a greater --depth)");
            }
            throw e;
        }
    }

    @Override
    public void close() {
        compiler.close();
    }
}
