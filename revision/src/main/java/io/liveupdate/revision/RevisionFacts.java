package io.liveupdate.revision;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What an update unit records about the revisions it was made from, besides their class files: how far along the
 * first-parent history the target is (the default sequence), when it was committed (the default expiry and the
 * entries' timestamps), which resources and dependency versions changed, and whether a work tree's build is that of
 * a commit (a unit's {@code dirty}).
 */
public final class RevisionFacts {
    private final RevisionCompiler compiler;

    public RevisionFacts(RevisionCompiler compiler) {
        this.compiler = Objects.requireNonNull(compiler, "compiler");
    }

    /** A path that differs between two revisions: ADDED, REMOVED or CHANGED. */
    public record PathChange(String path, String status) {}

    /** A dependency ({@code groupId:artifactId}) whose version differs; from or to is null when added or removed. */
    public record VersionChange(String artifact, String from, String to) {}

    /** The number of commits on the first-parent chain ending at {@code commit}, itself included. */
    public long firstParentCount(ObjectId commit) {
        try (RevWalk walk = new RevWalk(compiler.repository())) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(commit));
            long n = 0;
            for (RevCommit ignored : walk) {
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR,
                    "cannot walk the history of " + commit.name() + " in " + compiler.describe() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The committer time of {@code commit}. */
    public Instant commitTime(ObjectId commit) {
        return Instant.ofEpochSecond(compiler.commitOf(commit).getCommitTime());
    }

    /**
     * The files under each module's {@code src/main/resources/} that differ between {@code base} and {@code target},
     * by repository path, in path order.
     */
    public List<PathChange> changedResources(ObjectId base, ObjectId target, List<String> modules) {
        Set<String> roots = new LinkedHashSet<>();
        for (String m : modules) {
            roots.add((m.isEmpty() ? "" : m + "/") + "src/main/resources/");
        }
        List<PathChange> out = new ArrayList<>();
        for (PathChange c : changedPaths(base, target)) {
            if (roots.stream().anyMatch(c.path()::startsWith)) {
                out.add(c);
            }
        }
        out.sort(java.util.Comparator.comparing(PathChange::path));
        return out;
    }

    /**
     * Every file that differs between {@code base} and {@code target} (no rename detection: a move is a REMOVED and an
     * ADDED path), in tree order; {@code base} null compares with the empty tree (a root commit).
     */
    public List<PathChange> changedPaths(ObjectId base, ObjectId target) {
        Repository repo = compiler.repository();
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.setRecursive(true);
            if (base == null) {
                walk.addTree(new EmptyTreeIterator());
            } else {
                walk.addTree(compiler.commitOf(base).getTree());
            }
            walk.addTree(compiler.commitOf(target).getTree());
            List<PathChange> out = new ArrayList<>();
            for (DiffEntry e : DiffEntry.scan(walk)) {
                String path = e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath();
                String status =
                        switch (e.getChangeType()) {
                            case ADD -> "ADDED";
                            case DELETE -> "REMOVED";
                            default -> "CHANGED";
                        };
                out.add(new PathChange(path, status));
            }
            return out;
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR,
                    "cannot compare the trees of " + (base == null ? "the empty tree" : base.name()) + " and "
                            + target.name() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The dependency versions of a build, {@code groupId:artifactId} to version, read from where its classpath jars
     * lie in the local repository ({@code group/path/artifactId/version/file}); entries elsewhere (reactor modules,
     * jars committed in the tree) are left out.
     */
    public static Map<String, String> dependencyVersions(List<CompileSpec> specs, Path localRepository) {
        Map<String, String> versions = new TreeMap<>();
        if (localRepository == null) {
            return versions;
        }
        Path root = localRepository.toAbsolutePath().normalize();
        for (CompileSpec spec : specs) {
            for (Path entry : spec.classpath()) {
                Path p = entry.toAbsolutePath().normalize();
                if (!p.startsWith(root)) {
                    continue;
                }
                Path rel = root.relativize(p);
                int n = rel.getNameCount();
                if (n < 4) {
                    continue;
                }
                String version = rel.getName(n - 2).toString();
                String artifact = rel.getName(n - 3).toString();
                String group = rel.subpath(0, n - 3).toString().replace(java.io.File.separatorChar, '.');
                versions.put(group + ":" + artifact, version);
            }
        }
        return versions;
    }

    /** The dependencies whose version differs between two {@link #dependencyVersions} maps, by name. */
    public static List<VersionChange> versionChanges(Map<String, String> base, Map<String, String> target) {
        Set<String> names = new TreeSet<>(base.keySet());
        names.addAll(target.keySet());
        List<VersionChange> out = new ArrayList<>();
        for (String n : names) {
            if (!Objects.equals(base.get(n), target.get(n))) {
                out.add(new VersionChange(n, base.get(n), target.get(n)));
            }
        }
        return out;
    }

    /**
     * Whether the work tree's build differs from {@code target}'s tree: true when the repository is bare (nothing
     * shows the classes came from that tree), when HEAD is not {@code target}, or when any of {@code paths} (source
     * roots and build files, repository-relative) has a change or an untracked file.
     */
    public boolean workTreeDiffers(ObjectId target, List<String> paths) {
        Repository repo = compiler.repository();
        if (repo.isBare()) {
            return true;
        }
        try {
            ObjectId head = repo.resolve("HEAD^{commit}");
            if (head == null || !head.equals(target)) {
                return true;
            }
            var status = Git.wrap(repo).status();
            if (!paths.contains("")) { // "": the root module, whose build files and sources may be anywhere
                paths.forEach(status::addPath);
            }
            Status result = status.call();
            return !result.isClean();
        } catch (IOException | GitAPIException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR,
                    "cannot compare the work tree of " + compiler.describe() + " with " + target.name() + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
