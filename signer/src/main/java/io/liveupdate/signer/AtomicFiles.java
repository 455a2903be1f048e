package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a group of files so that a failure leaves none of them half-written: each goes to a temporary file in its
 * target directory, and only when all are complete are they moved into place with atomic renames.
 */
public final class AtomicFiles implements AutoCloseable {
    /** Writes one stream's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Map<Path, Path> staged = new LinkedHashMap<>();
    private boolean committed;

    /** Writes {@code content} to a temporary file next to {@code target} and returns the temporary file. */
    public Path stage(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            staged.put(absolute, temp);
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            return temp;
        } catch (SignerException e) {
            throw e;
        } catch (IOException e) {
            throw new SignerException(Reason.OUTPUT_FAILED, target + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Moves every staged file into place. */
    public void commit() {
        List<Path> done = new ArrayList<>();
        try {
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                move(e.getValue(), e.getKey());
                done.add(e.getKey());
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

    /** Deletes temporary files that were not committed. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        for (Path temp : staged.values()) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Best effort: the file is a dot-file with a .tmp suffix and holds no secret beyond the output.
            }
        }
    }

    /** Writes one file atomically. */
    public static void write(Path target, Content content) {
        try (AtomicFiles files = new AtomicFiles()) {
            files.stage(target, content);
            files.commit();
        }
    }
}
