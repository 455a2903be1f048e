package io.liveupdate.differ.revision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository in a temporary directory, committed to in one line per commit. */
public final class TestRepo implements AutoCloseable {
    private final Path dir;
    private final Git git;

    private TestRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    public static TestRepo init(Path dir) {
        try {
            return new TestRepo(
                    dir,
                    Git.init()
                            .setDirectory(dir.toFile())
                            .setInitialBranch("main")
                            .call());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Git git() {
        return git;
    }

    /** Writes {@code files} (path to content; null content deletes), commits them and returns the commit id. */
    public String commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path p = dir.resolve(e.getKey());
                if (e.getValue() == null) {
                    Files.deleteIfExists(p);
                    git.rm().addFilepattern(e.getKey()).call();
                } else {
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
                    git.add().addFilepattern(e.getKey()).call();
                }
            }
            RevCommit c = git.commit()
                    .setMessage(message)
                    .setAuthor("Test", "test@example.org")
                    .setCommitter("Test", "test@example.org")
                    .setAllowEmpty(true)
                    .call();
            return c.name();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
