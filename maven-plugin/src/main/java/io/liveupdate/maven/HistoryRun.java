package io.liveupdate.maven;

import io.liveupdate.differ.Profile;
import io.liveupdate.history.HistoryAnalyzer;
import io.liveupdate.history.HistoryCache;
import io.liveupdate.revision.RepositorySystemArtifacts;
import io.liveupdate.revision.RevisionCompiler;
import io.liveupdate.revision.ToolCache;
import io.liveupdate.signer.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The history walk of {@code update:history} and of the {@code history-report}: the git repository the top-level
 * project lives in, dependencies through the resolver Maven runs, verdicts kept in liveupdate's cache.
 */
record HistoryRun(
        int maxCommits, String from, String to, int threads, boolean trustBuild, String profile, long commitTimeout) {

    HistoryAnalyzer.Report walk(File root, MavenSession session, RepositorySystem system, Log log)
            throws MojoFailureException {
        if (maxCommits < 0 || threads < 0 || commitTimeout < 0) {
            throw new MojoFailureException(
                    "update: update.maxCommits, update.threads and update.commitTimeout must be 0 or more");
        }
        FileRepositoryBuilder found = new FileRepositoryBuilder().findGitDir(root);
        if (found.getGitDir() == null) {
            throw new MojoFailureException("update: " + root + " is not in a git repository; the history is read"
                    + " from git (git init and commit first)");
        }
        Path workTree;
        try {
            // The builder's own idea of the work tree: also right for a linked worktree, whose git directory lives
            // under the main repository's .git/worktrees/.
            File tree = found.setup().getWorkTree();
            workTree = (tree != null ? tree : found.getGitDir().getParentFile())
                    .toPath()
                    .toAbsolutePath()
                    .normalize();
        } catch (IllegalArgumentException | IOException e) {
            throw new MojoFailureException("update: " + root + ": cannot read its git repository: " + e.getMessage());
        }
        RevisionCompiler.Options options = RevisionCompiler.Options.defaults()
                .withArtifacts(new RepositorySystemArtifacts(system, session.getRepositorySession()))
                .withTrustBuild(trustBuild);
        HistoryAnalyzer.Request request = new HistoryAnalyzer.Request(
                        from,
                        to,
                        maxCommits,
                        Profile.parse(profile),
                        threads == 0 ? Runtime.getRuntime().availableProcessors() : threads,
                        HistoryCache.in(ToolCache.defaultCache()))
                .withCommitTimeout(commitTimeout == 0 ? null : Duration.ofSeconds(commitTimeout));
        log.info("update: walking the history of " + workTree.getFileName()
                + (maxCommits > 0 ? " (newest " + maxCommits + " commits)" : ""));
        HistoryAnalyzer.Report report = HistoryAnalyzer.analyze(workTree, options, request);
        // The report is named after the project at the root of the repository (not after the clone's directory), also
        // when only some modules are built (-pl).
        for (MavenProject p : session.getAllProjects()) {
            if (p.getBasedir() != null
                    && p.getBasedir().toPath().toAbsolutePath().normalize().equals(workTree)
                    && p.getName() != null
                    && !p.getName().isBlank()) {
                return report.withRepository(p.getName().strip());
            }
        }
        return report;
    }

    /** Writes a report atomically (complete or absent), making its directory. */
    static void write(File file, String text) {
        file.getParentFile().mkdirs();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file.toPath(), o -> o.write(bytes), AtomicFiles.Visibility.PUBLIC);
    }

    /** The top-level project's directory: the history is the whole repository's, walked once. */
    static File root(MavenSession session, File fallback) {
        return session.getTopLevelProject() == null
                ? fallback
                : session.getTopLevelProject().getBasedir();
    }
}
