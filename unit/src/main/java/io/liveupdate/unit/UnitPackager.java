package io.liveupdate.unit;

import io.liveupdate.differ.ClassDiff;
import io.liveupdate.differ.ClassFile;
import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.ClassStatus;
import io.liveupdate.differ.Hazard;
import io.liveupdate.signer.AtomicFiles;
import io.liveupdate.signer.JarSignatureWriter;
import io.liveupdate.signer.ReleaseSigner;
import io.liveupdate.signer.SignOptions;
import io.liveupdate.signer.SignerException;
import io.liveupdate.signer.SigningKey;
import io.liveupdate.unit.UnitDescriptor.UnitClass;
import io.liveupdate.unit.UnitException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes an unsigned update unit from a diff. Deterministic: the manifest, then the descriptor, then the new bytes of
 * every CHANGED and ADDED class in the diff's order (base entries, then each release); every entry STORED (no
 * dependence on a zlib version) and timestamped with the target commit's time in UTC; the descriptor's keys in the
 * contract's order. The same inputs give the same bytes, and Ed25519 or RFC 6979 ECDSA signatures over them are
 * reproducible too.
 */
public final class UnitPackager {
    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final LocalDateTime DOS_MIN = LocalDateTime.of(1980, 1, 1, 0, 0, 2);
    private static final LocalDateTime DOS_MAX = LocalDateTime.of(2107, 12, 31, 23, 59, 58);

    private UnitPackager() {}

    /** A unit made in memory: its descriptor and the unsigned jar's bytes. */
    public record Packaged(UnitDescriptor descriptor, byte[] jar) {}

    /**
     * Makes the unit.
     *
     * @throws UnitException {@code NOTHING_TO_UPDATE} when no class differs, {@code LEVEL_TOO_HIGH} above the
     *     request's {@code maxLevel}
     */
    public static Packaged pack(PackageRequest request) {
        List<ClassDiff> diffs = request.diff().classes();
        if (diffs.isEmpty()) {
            throw new UnitException(
                    Reason.NOTHING_TO_UPDATE, "no class differs between the base and the target; no unit was made");
        }
        if (request.maxLevel() != null && request.diff().level().compareTo(request.maxLevel()) > 0) {
            throw new UnitException(
                    Reason.LEVEL_TOO_HIGH,
                    "the update needs " + request.diff().level() + ", above the maximum level " + request.maxLevel()
                            + "; no unit was made");
        }
        List<UnitClass> classes = new ArrayList<>();
        List<byte[]> payload = new ArrayList<>();
        TreeSet<Hazard> hazards = new TreeSet<>();
        boolean multiRelease = false;
        for (ClassDiff c : diffs) {
            int release = c.release() == null ? ClassSet.BASE : c.release();
            byte[] oldBytes = bytes(request.base(), release, c.name(), c.status() != ClassStatus.ADDED);
            byte[] newBytes = bytes(request.target(), release, c.name(), c.status() != ClassStatus.REMOVED);
            classes.add(new UnitClass(
                    c.name(),
                    c.release(),
                    c.status(),
                    c.level(),
                    c.reasons(),
                    c.changes(),
                    c.sortedHazards(),
                    oldBytes == null ? null : UnitJson.sha256(oldBytes),
                    newBytes == null ? null : UnitJson.sha256(newBytes)));
            payload.add(newBytes);
            hazards.addAll(c.hazards());
            multiRelease |= c.release() != null;
        }
        UnitDescriptor descriptor = new UnitDescriptor(
                UnitDescriptor.FORMAT_VERSION,
                null,
                request.baseRevision(),
                request.targetRevision(),
                request.sequence(),
                request.expires().truncatedTo(ChronoUnit.SECONDS),
                request.diff().profile(),
                request.diff().level(),
                List.copyOf(hazards),
                classes,
                request.resources(),
                request.dependencies());
        descriptor = descriptor.withId(UnitJson.id(descriptor));

        LocalDateTime time = entryTime(request.time());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            String manifest = "Manifest-Version: 1.0\r\nCreated-By: liveupdate\r\n"
                    + (multiRelease ? "Multi-Release: true\r\n" : "") + "\r\n";
            add(zip, MANIFEST, manifest.getBytes(StandardCharsets.UTF_8), time);
            add(zip, UnitDescriptor.PATH, UnitJson.write(descriptor), time);
            for (int i = 0; i < classes.size(); i++) {
                if (payload.get(i) != null) {
                    add(zip, classes.get(i).path(), payload.get(i), time);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return new Packaged(descriptor, out.toByteArray());
    }

    private static byte[] bytes(ClassSet set, int release, String name, boolean required) {
        ClassFile file = set.classes(release).get(name);
        if (file == null && required) {
            throw new UnitException(
                    Reason.BAD_INPUT,
                    set.source() + ": the diff names " + name + ", which is not in this build; diff the builds"
                            + " the unit is made of");
        }
        return file == null ? null : file.bytes();
    }

    private static LocalDateTime entryTime(Instant time) {
        LocalDateTime t = LocalDateTime.ofInstant(time.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        return t.isBefore(DOS_MIN) ? DOS_MIN : t.isAfter(DOS_MAX) ? DOS_MAX : t;
    }

    private static void add(ZipOutputStream zip, String name, byte[] content, LocalDateTime time) throws IOException {
        ZipEntry entry = JarSignatureWriter.storedEntry(name, content);
        entry.setTimeLocal(time);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * Writes a unit to {@code out}: signed with {@code key} when one is given (its JAR signature inside, and
     * {@code out.p7s} beside it), both moved into place together or not at all; unsigned otherwise, removing a
     * {@code .p7s} and {@code .asc} left by an earlier unit (they would no longer verify).
     *
     * @return the files written
     */
    public static List<Path> write(Path out, byte[] unit, SigningKey key, SignOptions options) {
        List<Path> written = new ArrayList<>();
        ReleaseSigner.Signed signed = key == null
                ? null
                : ReleaseSigner.signBytes(unit, out.getFileName().toString(), true, key, null, options);
        try (AtomicFiles outputs = new AtomicFiles()) {
            if (signed != null) {
                ReleaseSigner.stage(outputs, out, signed, true, written);
            } else {
                outputs.stage(out, o -> o.write(unit), AtomicFiles.Visibility.PUBLIC);
                written.add(out);
                for (Path stale : List.of(ReleaseSigner.cmsSignatureOf(out), ReleaseSigner.pgpSignatureOf(out))) {
                    if (Files.exists(stale)) {
                        outputs.stageDeletion(stale);
                    }
                }
            }
            outputs.commit();
        } catch (SignerException e) {
            throw new UnitException(
                    e.reason().isVerdict() ? Reason.BAD_INPUT : Reason.OUTPUT_FAILED, e.getMessage(), e);
        }
        return written;
    }
}
