package io.liveupdate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Real git repositories for tests, written one commit per line:
 *
 * <pre>{@code
 * try (GitHistory git = GitHistory.init(dir)) {
 *     RevCommit one = git.commit("one", "src/main/java/p/A.java", "package p; class A {}");
 *     RevCommit two = git.commit("two", Map.of("src/main/java/p/A.java", "package p; class A { int f; }"));
 * }
 * }</pre>
 *
 * On disk the files go through the work tree and {@code git add}/{@code git rm}, as a developer's commits do; in
 * memory ({@link #inMemory()}) only objects exist. A null content deletes the file. Commits are dated one minute
 * apart from {@link #EPOCH}, by the same author, so generated histories are reproducible byte for byte.
 */
public final class GitHistory implements AutoCloseable {
    /** The committer time of the first commit; each further commit is one minute later. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T12:00:00Z");

    private final Path dir;
    private final Git git;
    private final Map<String, String> inMemoryTree = new LinkedHashMap<>();
    private int commits;

    private GitHistory(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    /** A new repository with a work tree at {@code dir} (created when missing), on branch {@code main}. */
    public static GitHistory init(Path dir) {
        try {
            Files.createDirectories(dir);
            return new GitHistory(
                    dir,
                    Git.init()
                            .setDirectory(dir.toFile())
                            .setInitialBranch("main")
                            .call());
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot create a git repository at " + dir, e);
        }
    }

    /** A new repository held in memory only (no directory, no work tree). */
    public static GitHistory inMemory() {
        try {
            InMemoryRepository repository = new InMemoryRepository(new DfsRepositoryDescription("in-memory"));
            repository.create();
            return new GitHistory(null, Git.wrap(repository));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The work tree, or null for an in-memory repository. */
    public Path dir() {
        return dir;
    }

    public Git git() {
        return git;
    }

    public Repository repository() {
        return git.getRepository();
    }

    /** Commits one file. */
    public RevCommit commit(String message, String path, String content) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(path, content);
        return commit(message, files);
    }

    /** Writes {@code files} (path to content; null content deletes) and commits them. */
    public RevCommit commit(String message, Map<String, String> files) {
        if (dir == null) {
            return commitInMemory(message, files);
        }
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((path, text) -> bytes.put(path, text == null ? null : text.getBytes(StandardCharsets.UTF_8)));
        return commitBytes(message, bytes);
    }

    /**
     * Writes binary {@code files} (path to bytes: a jar, an image; null deletes) and commits them; on a disk
     * repository only.
     */
    public RevCommit commitBytes(String message, Map<String, byte[]> files) {
        if (dir == null) {
            throw new IllegalStateException("commitBytes needs a repository on disk (GitHistory.init)");
        }
        try {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path p = dir.resolve(e.getKey());
                if (e.getValue() == null) {
                    Files.deleteIfExists(p);
                    git.rm().addFilepattern(e.getKey()).call();
                } else {
                    Files.createDirectories(p.getParent());
                    Files.write(p, e.getValue());
                    git.add().addFilepattern(e.getKey()).call();
                }
            }
            PersonIdent who = nextIdent();
            return git.commit()
                    .setMessage(message)
                    .setAuthor(who)
                    .setCommitter(who)
                    .setAllowEmpty(true)
                    .call();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot commit '" + message + "'", e);
        }
    }

    /** A bare clone of this repository at {@code target}, as a server or a CI mirror holds it. */
    public Path cloneBare(Path target) {
        try (Git clone = Git.cloneRepository()
                .setURI(dir.toUri().toString())
                .setDirectory(target.toFile())
                .setBare(true)
                .call()) {
            return target;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot clone " + dir, e);
        }
    }

    /** Opens the repository at {@code gitDir} (a {@code .git} directory or a bare repository). */
    public static Repository open(Path gitDir) {
        try {
            return new FileRepositoryBuilder()
                    .setGitDir(gitDir.toFile())
                    .setMustExist(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything below it, if it exists. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all =
                    new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PersonIdent nextIdent() {
        Instant when = EPOCH.plusSeconds(60L * commits++);
        return new PersonIdent("Test", "test@example.org", Date.from(when), TimeZone.getTimeZone(ZoneOffset.UTC));
    }

    private RevCommit commitInMemory(String message, Map<String, String> files) {
        files.forEach((path, content) -> {
            if (content == null) {
                inMemoryTree.remove(path);
            } else {
                inMemoryTree.put(path, content);
            }
        });
        Repository repository = git.getRepository();
        try (ObjectInserter inserter = repository.newObjectInserter();
                RevWalk walk = new RevWalk(repository)) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, String> e : new TreeMap<>(inMemoryTree).entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(e.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(
                        inserter.insert(Constants.OBJ_BLOB, e.getValue().getBytes(StandardCharsets.UTF_8)));
                builder.add(entry);
            }
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            ObjectId parent = repository.resolve(Constants.HEAD);
            if (parent != null) {
                commit.setParentId(parent);
            }
            PersonIdent who = nextIdent();
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate main = repository.updateRef("refs/heads/main");
            main.setNewObjectId(id);
            main.forceUpdate();
            repository.updateRef(Constants.HEAD).link("refs/heads/main");
            return walk.parseCommit(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit '" + message + "' in memory", e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
