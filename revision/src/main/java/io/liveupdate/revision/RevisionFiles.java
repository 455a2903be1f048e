package io.liveupdate.revision;

import java.util.List;
import java.util.Optional;

/** Read-only view of the files of one revision, addressed by repository-relative paths with forward slashes. */
public interface RevisionFiles {
    /** The bytes of the file at {@code path}, or empty when there is no such file. */
    Optional<byte[]> read(String path);

    /** Whether {@code path} names a directory of the revision. */
    boolean isDirectory(String path);

    /** All files under directory {@code dir} (recursively) whose name ends with {@code suffix}, sorted. */
    List<String> list(String dir, String suffix);
}
