package io.liveupdate.unit;

import io.liveupdate.signer.AtomicFiles;
import io.liveupdate.signer.Fingerprint;
import io.liveupdate.signer.SignerException;
import io.liveupdate.unit.UnitException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The memory of applied units, in the state directory the trust file's rollback memory uses ({@link
 * io.liveupdate.signer.TrustState}): per signing anchor (the root of a trust file's rotations, or the pinned key), the
 * sequence and id of the last unit applied. {@link UnitCheck#check} only reads it; {@link #recordApplied} raises it,
 * atomically and under a file lock. A state that cannot be read or parsed fails closed, and so does a state directory
 * that was given but does not exist: a wiped record must not pass for a fresh installation (create the directory when
 * installing the application).
 *
 * <p>Format: {@code DIR/applied.state}, UTF-8 lines {@code liveupdate-applied: 1} then {@code applied <anchor>
 * <sequence> <unit id>}.
 */
public final class UnitState {
    static final String FILE = "applied.state";
    private static final String MAGIC = "liveupdate-applied: 1";
    private static final long MAX_BYTES = 1L << 20;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** The last unit applied under one anchor. */
    public record Applied(long sequence, String unitId) {}

    private final Path directory;
    private final Map<String, Applied> applied;

    private UnitState(Path directory, Map<String, Applied> applied) {
        this.directory = directory;
        this.applied = applied;
    }

    /**
     * Reads the state in {@code directory}.
     *
     * @throws UnitException {@code STATE_MISSING} when the directory does not exist, {@code STATE_CORRUPT} when it or
     *     its state file is unreadable or malformed
     */
    public static UnitState open(Path directory) {
        if (!Files.exists(directory)) {
            throw new UnitException(
                    Reason.STATE_MISSING,
                    directory + ": state directory not found; a missing record of applied units is refused (create"
                            + " the directory when installing the application)");
        }
        if (!Files.isDirectory(directory)) {
            throw corrupt(directory, "is not a directory");
        }
        Path file = directory.resolve(FILE);
        Map<String, Applied> applied = new TreeMap<>();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new UnitState(directory, applied);
        }
        String text;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
                throw corrupt(file, "is not a regular file of at most 1 MiB");
            }
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (IOException e) {
            throw corrupt(file, "is unreadable (" + e.getMessage() + ")");
        }
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(MAGIC) || !lines[lines.length - 1].isEmpty()) {
            throw corrupt(file, "is not a complete '" + MAGIC + "' file");
        }
        for (int i = 1; i < lines.length - 1; i++) {
            String[] parts = lines[i].split(" ", -1);
            try {
                if (parts.length != 4
                        || !parts[0].equals("applied")
                        || !HEX64.matcher(parts[1]).matches()
                        || !HEX64.matcher(parts[3]).matches()) {
                    throw new NumberFormatException(lines[i]);
                }
                long sequence = Long.parseLong(parts[2]);
                if (sequence < 0 || applied.put(parts[1], new Applied(sequence, parts[3])) != null) {
                    throw new NumberFormatException(lines[i]);
                }
            } catch (NumberFormatException e) {
                throw corrupt(file, "line " + (i + 1) + " is malformed");
            }
        }
        return new UnitState(directory, applied);
    }

    private static UnitException corrupt(Path where, String problem) {
        return new UnitException(
                Reason.STATE_CORRUPT,
                where + ": state of applied units " + problem + "; no unit is accepted until it is repaired");
    }

    /** The last unit applied under {@code anchor}, or null. */
    public Applied lastApplied(Fingerprint anchor) {
        return applied.get(anchor.hex());
    }

    /** The directory this state was read from. */
    public Path directory() {
        return directory;
    }

    /**
     * Records that the unit with {@code sequence} and {@code unitId} was applied under {@code anchor}. The state is
     * read again under a lock first, so two recorders cannot both pass.
     *
     * @throws UnitException {@code SEQUENCE_NOT_NEWER} when a unit of that or a higher sequence was recorded since,
     *     {@code OUTPUT_FAILED} when the state cannot be written
     */
    public static void recordApplied(Path directory, Fingerprint anchor, long sequence, String unitId) {
        Path lock = directory.resolve(FILE + ".lock");
        open(directory); // exists and readable
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            UnitState state = open(directory);
            Applied last = state.lastApplied(anchor);
            if (last != null && sequence <= last.sequence()) {
                throw new UnitException(
                        Reason.SEQUENCE_NOT_NEWER,
                        "unit " + unitId + " has sequence " + sequence + ", but sequence " + last.sequence() + " (unit "
                                + last.unitId() + ") was applied already");
            }
            state.applied.put(anchor.hex(), new Applied(sequence, unitId));
            StringBuilder text = new StringBuilder(MAGIC).append('\n');
            state.applied.forEach((key, a) -> text.append("applied ")
                    .append(key)
                    .append(' ')
                    .append(a.sequence())
                    .append(' ')
                    .append(a.unitId())
                    .append('\n'));
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(directory.resolve(FILE), out -> out.write(bytes), AtomicFiles.Visibility.PRIVATE);
        } catch (SignerException e) {
            throw new UnitException(Reason.OUTPUT_FAILED, e.getMessage(), e);
        } catch (IOException e) {
            throw new UnitException(
                    Reason.OUTPUT_FAILED, directory + ": cannot record the applied unit: " + e.getMessage(), e);
        }
    }
}
