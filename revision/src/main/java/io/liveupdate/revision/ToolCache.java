package io.liveupdate.revision;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * liveupdate's own cache directory, the one place besides the output and the local Maven repository that analysing a
 * repository writes to: {@code $LIVEUPDATE_CACHE}, else {@code $XDG_CACHE_HOME/liveupdate}, else
 * {@code ~/.cache/liveupdate}. It holds files a revision commits that the compile needs as files (system-scoped jars,
 * stored by the SHA-256 of their content, so one file serves every revision that has it) and the Maven distributions
 * the fallback unpacks. Everything in it can be deleted at any time.
 */
public final class ToolCache {
    private final Path directory;

    public ToolCache(Path directory) {
        this.directory =
                Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    /** The default location (see the class comment). */
    public static ToolCache defaultCache() {
        String explicit = System.getenv("LIVEUPDATE_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return new ToolCache(Path.of(explicit));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return new ToolCache(Path.of(xdg, "liveupdate"));
        }
        return new ToolCache(Path.of(System.getProperty("user.home"), ".cache", "liveupdate"));
    }

    public Path directory() {
        return directory;
    }

    /** A file with {@code bytes} in the cache, named by their SHA-256: written once (atomically), then reused. */
    Path store(byte[] bytes, String suffix) {
        Path dir = directory.resolve("tree-files");
        Path file = dir.resolve(sha256(bytes) + suffix);
        try {
            if (Files.isRegularFile(file) && Files.size(file) == bytes.length) {
                return file;
            }
            writeAtomically(file, bytes);
            return file;
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR,
                    directory + ": cannot write to liveupdate's cache: " + e.getMessage(),
                    e);
        }
    }

    /** Writes {@code bytes} to {@code file} through a temporary sibling, so readers see all of it or nothing. */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".store-", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The SHA-256 of {@code bytes}, in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
