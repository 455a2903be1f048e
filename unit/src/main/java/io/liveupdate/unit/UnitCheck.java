package io.liveupdate.unit;

import io.liveupdate.differ.ClassFile;
import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.ClassStatus;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.signer.Fingerprint;
import io.liveupdate.signer.ReleaseVerifier;
import io.liveupdate.signer.SignerException;
import io.liveupdate.signer.TrustPolicy;
import io.liveupdate.unit.UnitDescriptor.UnitClass;
import io.liveupdate.unit.UnitException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The unit verifier: decides whether a unit may be applied, and never changes anything. In order: the JAR signature
 * and the detached {@code .p7s} by the pinned anchor (over the very bytes read once, which are then the bytes applied),
 * the unit's structure ({@link Unit#read}), not expired, sequence above the last applied one ({@link UnitState}),
 * base hashes equal to the running classes when given, level and profile within what the caller allows. Each refusal
 * is a {@link UnitException} whose reason is a verdict. Applying a unit and then {@link #recordApplied} advances the
 * state.
 */
public final class UnitCheck {
    private UnitCheck() {}

    /**
     * What the caller allows.
     *
     * @param trust the pinned anchor
     * @param stateDirectory the state of applied units, or null to leave the sequence unchecked
     * @param running the classes the JVM runs (a jar or class directory), or null to leave the base unchecked
     * @param maxLevel the highest level accepted, or null for any
     * @param profile the redefinition profile of the JVM that will apply the unit, or null for any
     * @param now the time to check the expiry against
     */
    public record Request(
            TrustPolicy trust,
            Path stateDirectory,
            ClassSet running,
            UpdateLevel maxLevel,
            Profile profile,
            Instant now,
            UnitLimits limits) {
        public Request {
            Objects.requireNonNull(trust, "trust");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(limits, "limits");
        }

        public static Request of(TrustPolicy trust) {
            return new Request(trust, null, null, null, null, Instant.now(), UnitLimits.DEFAULTS);
        }

        public Request withState(Path dir) {
            return new Request(trust, dir, running, maxLevel, profile, now, limits);
        }

        public Request withRunning(ClassSet classes) {
            return new Request(trust, stateDirectory, classes, maxLevel, profile, now, limits);
        }

        public Request withMaxLevel(UpdateLevel level) {
            return new Request(trust, stateDirectory, running, level, profile, now, limits);
        }

        public Request withProfile(Profile p) {
            return new Request(trust, stateDirectory, running, maxLevel, p, now, limits);
        }

        public Request withNow(Instant t) {
            return new Request(trust, stateDirectory, running, maxLevel, profile, t, limits);
        }

        /** The key applied sequences are kept under: the trust file's root when there is one, else the anchor. */
        Fingerprint sequenceKey() {
            return trust.seen() != null ? trust.seen().root() : trust.anchor();
        }
    }

    /**
     * An accepted unit.
     *
     * @param unit the unit, read from the bytes that were verified
     * @param sequenceKey the key its sequence is recorded under
     * @param checked what was checked, for a report
     */
    public record Accepted(Unit unit, Fingerprint signer, Fingerprint sequenceKey, List<String> checked) {
        public Accepted {
            checked = List.copyOf(checked);
        }
    }

    /**
     * Checks {@code unitFile} against {@code request}.
     *
     * @throws UnitException a verdict reason when the unit is refused; {@code INPUT_NOT_FOUND} when there is no unit
     *     file, {@code BAD_INPUT} for another problem with the request
     */
    public static Accepted check(Path unitFile, Request request) {
        String what = unitFile.getFileName().toString();
        byte[] bytes = readUnit(unitFile, request.limits());
        List<String> checked = new ArrayList<>();
        ReleaseVerifier.Report report;
        try {
            report = ReleaseVerifier.verify(
                    unitFile,
                    bytes,
                    request.trust(),
                    new ReleaseVerifier.Options(
                            false, List.of(), request.limits().signerLimits()));
        } catch (SignerException e) {
            throw e.reason().isVerdict()
                    ? new UnitException(Reason.SIGNATURE, e.getMessage(), e)
                    : new UnitException(Reason.BAD_INPUT, e.getMessage(), e);
        }
        checked.addAll(report.checked());
        Unit unit = Unit.read(bytes, what, request.limits());
        UnitDescriptor d = unit.descriptor();
        checked.add("descriptor and " + unit.classes().size() + " class hashes (unit " + d.id() + ")");

        if (!request.now().isBefore(d.expires())) {
            throw new UnitException(Reason.EXPIRED, what + ": expired at " + d.expires());
        }
        checked.add("expires " + d.expires());

        Fingerprint key = request.sequenceKey();
        if (request.stateDirectory() != null) {
            UnitState.Applied last = UnitState.open(request.stateDirectory()).lastApplied(key);
            if (last != null && d.sequence() <= last.sequence()) {
                throw new UnitException(
                        Reason.SEQUENCE_NOT_NEWER,
                        what + ": sequence " + d.sequence() + " is not above " + last.sequence()
                                + ", the last applied (unit " + last.unitId() + ")");
            }
            checked.add("sequence " + d.sequence() + " above the last applied ("
                    + (last == null ? "none" : last.sequence()) + ")");
        }

        if (request.running() != null) {
            checkBase(d, request.running(), what);
            checked.add("base: " + d.classes().size() + " classes match "
                    + request.running().source());
        }

        if (request.maxLevel() != null && d.level().compareTo(request.maxLevel()) > 0) {
            throw new UnitException(
                    Reason.LEVEL_TOO_HIGH,
                    what + ": level " + d.level() + " is above the maximum " + request.maxLevel());
        }
        if (request.profile() != null && d.profile().compareTo(request.profile()) > 0) {
            throw new UnitException(
                    Reason.PROFILE_NOT_ALLOWED,
                    what + ": made for profile " + d.profile().id() + ", which a "
                            + request.profile().id() + " JVM does not offer");
        }
        checked.add("level " + d.level() + ", profile " + d.profile().id());
        return new Accepted(unit, report.signer(), key, checked);
    }

    /** Records {@code accepted} as applied: a later check refuses it and every unit of a sequence not above it. */
    public static void recordApplied(Accepted accepted, Path stateDirectory) {
        UnitDescriptor d = accepted.unit().descriptor();
        UnitState.recordApplied(stateDirectory, accepted.sequenceKey(), d.sequence(), d.id());
    }

    private static void checkBase(UnitDescriptor d, ClassSet running, String what) {
        for (UnitClass c : d.classes()) {
            ClassFile file = running.classes(c.release() == null ? ClassSet.BASE : c.release())
                    .get(c.name());
            String where = what + ": " + c.name() + (c.release() == null ? "" : " (release " + c.release() + ")");
            if (c.status() == ClassStatus.ADDED) {
                if (file != null) {
                    throw new UnitException(
                            Reason.BASE_MISMATCH, where + " is ADDED by the unit but already in " + running.source());
                }
                continue;
            }
            if (file == null) {
                throw new UnitException(Reason.BASE_MISMATCH, where + " is not in " + running.source());
            }
            String sha = UnitJson.sha256(file.bytes());
            if (!sha.equals(c.oldSha256())) {
                throw new UnitException(
                        Reason.BASE_MISMATCH,
                        where + " in " + running.source() + " is not the unit's base (SHA-256 " + sha + ", the unit"
                                + " expects " + c.oldSha256() + ")");
            }
        }
    }

    private static byte[] readUnit(Path file, UnitLimits limits) {
        if (!Files.exists(file)) {
            throw new UnitException(Reason.INPUT_NOT_FOUND, file + ": unit not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new UnitException(Reason.INPUT_NOT_FOUND, file + ": not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxUnitBytes() + 1));
            if (bytes.length > limits.maxUnitBytes()) {
                throw new UnitException(
                        Reason.CORRUPT_UNIT, file + ": more than the limit of " + limits.maxUnitBytes() + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UnitException(Reason.INPUT_NOT_FOUND, file + ": unreadable: " + e.getMessage(), e);
        }
    }
}
