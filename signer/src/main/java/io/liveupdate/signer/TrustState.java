package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rollback memory of trust (TUF: "clients MUST NOT replace a metadata file with a version number less than the
 * one currently trusted"): the highest sequence of each trust file seen, kept in a state directory, so that an old
 * copy of a trust file, which still pins a key since retired or revoked, is refused. A trust file is known by the key
 * its chain of rotations started from ({@link TrustFile#root()}). The update-unit verifier keeps the last applied
 * unit's sequence in the same directory. A state file that cannot be read or parsed fails closed.
 *
 * <p>Format: {@code DIR/trust.state}, UTF-8 lines {@code liveupdate-state: 1} then {@code trust <root> <sequence>}.
 */
public final class TrustState {
    static final String FILE = "trust.state";
    private static final String MAGIC = "liveupdate-state: 1";

    private final Path directory;
    private final Map<String, Long> sequences;

    private TrustState(Path directory, Map<String, Long> sequences) {
        this.directory = directory;
        this.sequences = sequences;
    }

    /** The default state directory of a trust file: {@code .liveupdate-state} beside it. */
    public static Path defaultDirectory(Path trustFile) {
        Path parent = trustFile.toAbsolutePath().getParent();
        return parent.resolve(".liveupdate-state");
    }

    /**
     * Reads the state in {@code directory} (none yet: empty).
     *
     * @throws SignerException {@code STATE_CORRUPT} when the state file is unreadable or malformed
     */
    public static TrustState open(Path directory) {
        Path file = directory.resolve(FILE);
        Map<String, Long> sequences = new TreeMap<>();
        if (!Files.exists(file)) {
            return new TrustState(directory, sequences);
        }
        String text;
        try {
            byte[] bytes = SigningKeyLoader.readInput(file, "trust state");
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (SignerException | java.nio.charset.CharacterCodingException e) {
            throw corrupt(file, "unreadable", e);
        }
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(MAGIC)) {
            throw corrupt(file, "no '" + MAGIC + "' line", null);
        }
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split(" ");
            try {
                if (parts.length != 3 || !parts[0].equals("trust") || !Fingerprint.looksLikeFingerprint(parts[1])) {
                    throw new NumberFormatException(lines[i]);
                }
                long sequence = Long.parseLong(parts[2]);
                if (sequence < 0 || sequences.put(parts[1], sequence) != null) {
                    throw new NumberFormatException(lines[i]);
                }
            } catch (NumberFormatException e) {
                throw corrupt(file, "line " + (i + 1) + " is malformed", e);
            }
        }
        return new TrustState(directory, sequences);
    }

    private static SignerException corrupt(Path file, String problem, Exception cause) {
        return new SignerException(
                Reason.STATE_CORRUPT,
                file + ": trust state " + problem + "; nothing is trusted until it is repaired or removed",
                null,
                cause);
    }

    /** The highest sequence seen of the trust file started from {@code root}, or -1. */
    public long sequence(Fingerprint root) {
        return sequences.getOrDefault(root.hex(), -1L);
    }

    /**
     * A trust file's sequence, checked against the memory and to be remembered once what it verified was accepted
     * ({@link #remember(Seen)}): a rejected file leaves the state as it was.
     */
    public record Seen(Path directory, Fingerprint root, long sequence) {}

    /**
     * Checks {@code trust} against the memory.
     *
     * @throws SignerException {@code TRUST_ROLLBACK} when an equal-rooted trust file with a higher sequence was seen
     */
    public Seen check(TrustFile trust, String what) {
        long seen = sequence(trust.root());
        if (trust.sequence() < seen) {
            throw new SignerException(
                    Reason.TRUST_ROLLBACK,
                    what + ": trust file at sequence " + trust.sequence() + ", but sequence " + seen
                            + " was seen before (an old copy would trust retired keys again)");
        }
        return new Seen(directory, trust.root(), trust.sequence());
    }

    /** Checks {@code trust} and remembers its sequence at once (a trust file just written by a statement). */
    public void admit(TrustFile trust, String what) {
        remember(check(trust, what));
    }

    /** Records {@code seen} when it is the highest sequence of its root yet; the state is read again first. */
    public static void remember(Seen seen) {
        TrustState state = open(seen.directory());
        if (seen.sequence() > state.sequence(seen.root())) {
            state.sequences.put(seen.root().hex(), seen.sequence());
            state.write();
        }
    }

    private void write() {
        StringBuilder text = new StringBuilder(MAGIC).append('\n');
        sequences.forEach((root, sequence) ->
                text.append("trust ").append(root).append(' ').append(sequence).append('\n'));
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new SignerException(
                    Reason.OUTPUT_FAILED, directory + ": cannot create the state directory: " + e.getMessage(), e);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(directory.resolve(FILE), out -> out.write(bytes), AtomicFiles.Visibility.PUBLIC);
    }
}
