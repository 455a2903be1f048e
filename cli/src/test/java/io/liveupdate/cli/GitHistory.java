package io.liveupdate.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;

/** Builds real git histories for the command-line tests, one commit at a time. */
final class GitHistory {
    private GitHistory() {}

    /** Writes {@code files} (path to text) into the work tree at {@code dir}, commits them, returns the sha. */
    static String commit(Git git, Path dir, String message, Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            git.add().addFilepattern(e.getKey()).call();
        }
        return git.commit()
                .setMessage(message)
                .setAuthor("T", "t@example.org")
                .setCommitter("T", "t@example.org")
                .call()
                .name();
    }
}
