package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a group of outputs so that a failure leaves none of them half-written: each file goes to a temporary file in
 * its target directory, each directory to a temporary sibling directory, and only when all are complete are they moved
 * into place with renames (atomic where the file system supports it). Every front end and library that writes a
 * result (signatures, trust files, class directories, units, reports) writes it through this class.
 */
public final class AtomicFiles implements AutoCloseable {
    /** Writes one stream's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Fills a directory (the temporary one that becomes the target). */
    @FunctionalInterface
    public interface DirectoryContent {
        void writeInto(Path dir) throws IOException;
    }

    /** Who may read a new file (an existing file's permissions are always kept when it is replaced). */
    public enum Visibility {
        /** Owner only ({@code rw-------}): private keys, passphrase-bearing files. The default. */
        PRIVATE,
        /** Readable by all ({@code rw-r--r--}): signatures, certificates, reports, signed files. */
        PUBLIC
    }

    private static final Set<PosixFilePermission> PUBLIC_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

    private final Map<Path, Path> staged = new LinkedHashMap<>();
    private final Map<Path, Path> stagedDirectories = new LinkedHashMap<>();
    private final List<Path> deletions = new ArrayList<>();
    private boolean committed;

    /** Writes {@code content} to a temporary file next to {@code target} (private if new) and returns it. */
    public Path stage(Path target, Content content) {
        return stage(target, content, Visibility.PRIVATE);
    }

    /**
     * Writes {@code content} to a temporary file next to {@code target} and returns the temporary file. When the target
     * exists, its permissions are kept; a new file gets {@code visibility}'s.
     */
    public Path stage(Path target, Content content, Visibility visibility) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            staged.put(absolute, temp);
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            permissions(temp, absolute, visibility);
            return temp;
        } catch (SignerException e) {
            throw e;
        } catch (IOException e) {
            throw new SignerException(Reason.OUTPUT_FAILED, target + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Fills a temporary sibling of {@code target} with {@code content} and returns it. The target must not exist, or
     * be an empty directory: a directory output never merges into, or replaces, existing files.
     */
    public Path stageDirectory(Path target, DirectoryContent content) {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new SignerException(Reason.OUTPUT_FAILED, target + ": its parent directory does not exist");
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(absolute)) {
            throw new SignerException(Reason.OUTPUT_FAILED, target + ": already exists and is not an empty directory");
        }
        try {
            Path temp = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".tmp-");
            if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                // A temporary directory is owner-only; the output is an ordinary one (rwxr-xr-x).
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            stagedDirectories.put(absolute, temp);
            content.writeInto(temp);
            return temp;
        } catch (SignerException e) {
            throw e;
        } catch (IOException e) {
            throw new SignerException(Reason.OUTPUT_FAILED, target + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Whether {@code dir} is a directory (not a link to one) with no entries. */
    public static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes {@code target}, if it exists, when the group is committed (an output that would be stale). */
    public void stageDeletion(Path target) {
        deletions.add(target.toAbsolutePath());
    }

    private static void permissions(Path temp, Path target, Visibility visibility) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        if (Files.exists(target)) {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        } else if (visibility == Visibility.PUBLIC) {
            Files.setPosixFilePermissions(temp, PUBLIC_PERMISSIONS);
        }
    }

    /** Moves every staged file and directory into place, and removes those staged for deletion. */
    public void commit() {
        List<Path> done = new ArrayList<>();
        try {
            for (Map.Entry<Path, Path> e : stagedDirectories.entrySet()) {
                if (isEmptyDirectory(e.getKey())) {
                    Files.delete(e.getKey());
                }
                moveDirectory(e.getValue(), e.getKey());
                done.add(e.getKey());
            }
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                move(e.getValue(), e.getKey());
                done.add(e.getKey());
            }
            for (Path stale : deletions) {
                Files.deleteIfExists(stale);
            }
            committed = true;
        } catch (IOException e) {
            throw new SignerException(Reason.OUTPUT_FAILED, "cannot move output into place: " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void moveDirectory(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes temporary files and directories that were not committed. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        for (Path temp : stagedDirectories.values()) {
            deleteTree(temp);
        }
        for (Path temp : staged.values()) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Best effort: the file is a dot-file with a .tmp suffix and holds no secret beyond the output.
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // Best effort: a dot-directory next to the target, holding only the output.
        }
    }

    /** Writes one directory atomically: {@code target} appears complete, or not at all. */
    public static void writeDirectory(Path target, DirectoryContent content) {
        try (AtomicFiles files = new AtomicFiles()) {
            files.stageDirectory(target, content);
            files.commit();
        }
    }

    /** Writes one file atomically (private if new; an existing file keeps its permissions). */
    public static void write(Path target, Content content) {
        write(target, content, Visibility.PRIVATE);
    }

    /** Writes one file atomically. */
    public static void write(Path target, Content content, Visibility visibility) {
        try (AtomicFiles files = new AtomicFiles()) {
            files.stage(target, content, visibility);
            files.commit();
        }
    }
}
