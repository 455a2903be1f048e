package io.liveupdate.unit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.signer.KeyAlgorithm;
import io.liveupdate.signer.ReleaseSigner;
import io.liveupdate.signer.SignerException;
import io.liveupdate.signer.SigningKey;
import io.liveupdate.signer.TrustPolicy;
import io.liveupdate.unit.UnitException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The unit verifier's policy: what it accepts, and every refusal with its reason code. */
class UnitCheckTest {
    @TempDir
    static Path tmp;

    @TempDir
    Path dir;

    static ClassSet base;
    static ClassSet target;
    static SigningKey key;
    static byte[] unsigned;

    @BeforeAll
    static void unit() {
        ClassSet[] builds = Units.builds(tmp);
        base = builds[0];
        target = builds[1];
        key = Units.key(KeyAlgorithm.ED25519);
        unsigned = UnitPackager.pack(Units.request(base, target)).jar();
    }

    private UnitCheck.Request request() {
        return UnitCheck.Request.of(TrustPolicy.pinned(key.fingerprint())).withNow(Units.TIME.plusSeconds(60));
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"ED25519", "EC_P256"})
    void aSignedUnitIsReproducibleAndAccepted(KeyAlgorithm algorithm) throws IOException {
        SigningKey k = algorithm == KeyAlgorithm.ED25519 ? key : Units.key(algorithm);
        Path first = Units.writeSigned(unsigned, k, dir.resolve("a/u.jar"));
        Path second = Units.writeSigned(unsigned, k, dir.resolve("b/u.jar"));
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertArrayEquals(
                Files.readAllBytes(ReleaseSigner.cmsSignatureOf(first)),
                Files.readAllBytes(ReleaseSigner.cmsSignatureOf(second)));

        UnitCheck.Accepted accepted = UnitCheck.check(
                first,
                UnitCheck.Request.of(TrustPolicy.pinned(k.fingerprint()))
                        .withNow(Units.TIME)
                        .withRunning(base)
                        .withMaxLevel(UpdateLevel.HOTSWAP)
                        .withProfile(Profile.HOTSWAP));
        assertEquals(k.fingerprint(), accepted.signer());
        assertEquals(2, accepted.unit().descriptor().classes().size());
        assertTrue(
                accepted.checked().toString().contains("u.jar.p7s"),
                accepted.checked().toString());
    }

    @Test
    void writeMovesTheUnitAndItsSignatureTogetherAndAnUnsignedUnitDropsAStaleOne() throws IOException {
        Path out = dir.resolve("w/u.jar");
        Files.createDirectories(out.getParent());
        List<Path> signed = UnitPackager.write(out, unsigned, key, io.liveupdate.signer.SignOptions.defaults());
        assertEquals(List.of(out, ReleaseSigner.cmsSignatureOf(out)), signed);
        UnitCheck.check(out, request());
        Files.writeString(ReleaseSigner.pgpSignatureOf(out), "stale");

        List<Path> plain = UnitPackager.write(out, unsigned, null, io.liveupdate.signer.SignOptions.defaults());
        assertEquals(List.of(out), plain);
        assertArrayEquals(unsigned, Files.readAllBytes(out));
        assertFalse(Files.exists(ReleaseSigner.cmsSignatureOf(out)), "a .p7s of the earlier unit would not verify");
        assertFalse(Files.exists(ReleaseSigner.pgpSignatureOf(out)));
        assertEquals(
                "MISSING_SIGNATURE",
                assertRefused(Reason.SIGNATURE, out, request()).code());

        UnitException e = assertThrows(
                UnitException.class,
                () -> UnitPackager.write(
                        dir.resolve("no/such/dir/u.jar"), unsigned, null, io.liveupdate.signer.SignOptions.defaults()));
        assertEquals(Reason.OUTPUT_FAILED, e.reason());
    }

    @Test
    void checkingNeverAdvancesTheStateAndRecordingRefusesAReplay() throws IOException {
        Path unit = Units.writeSigned(unsigned, key, dir.resolve("u.jar"));
        Path state = Files.createDirectory(dir.resolve("state"));
        UnitCheck.Accepted accepted = UnitCheck.check(unit, request().withState(state));
        UnitCheck.check(unit, request().withState(state)); // again: nothing was recorded
        assertFalse(Files.exists(state.resolve(UnitState.FILE)));

        UnitCheck.recordApplied(accepted, state);
        assertEquals(7, UnitState.open(state).lastApplied(key.fingerprint()).sequence());
        assertRefused(Reason.SEQUENCE_NOT_NEWER, unit, request().withState(state));
        UnitException again = assertThrows(UnitException.class, () -> UnitCheck.recordApplied(accepted, state));
        assertEquals(Reason.SEQUENCE_NOT_NEWER, again.reason());
    }

    @Test
    void aMissingOrCorruptStateFailsClosed() throws IOException {
        Path unit = Units.writeSigned(unsigned, key, dir.resolve("u.jar"));
        assertRefused(Reason.STATE_MISSING, unit, request().withState(dir.resolve("gone")));
        Path state = Files.createDirectory(dir.resolve("state"));
        for (String content :
                new String[] {"garbage\n", "liveupdate-applied: 1\napplied x 1 y\n", "liveupdate-applied: 1"}) {
            Files.writeString(state.resolve(UnitState.FILE), content);
            assertRefused(Reason.STATE_CORRUPT, unit, request().withState(state));
        }
        Files.write(state.resolve(UnitState.FILE), new byte[] {(byte) 0xff, 0x0a});
        assertRefused(Reason.STATE_CORRUPT, unit, request().withState(state));
    }

    @Test
    void aTamperedClassIsRefusedByTheSignature() throws IOException {
        Path unit = Units.writeSigned(unsigned, key, dir.resolve("u.jar"));
        byte[] bytes = Files.readAllBytes(unit);
        // The classes are STORED: change one byte of the Helper's "hello" constant in place.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("twice");
        assertTrue(at > 0);
        bytes[at] = 'T';
        Files.write(unit, bytes);
        UnitException e = assertRefused(Reason.SIGNATURE, unit, request());
        assertTrue(e.signerReason().isPresent(), e.getMessage());
    }

    @Test
    void aDescriptorThatLiesAboutAHashIsRefusedThoughItIsSigned() throws IOException {
        Map<String, byte[]> entries = UnitFormatTest.entries(unsigned);
        UnitDescriptor d = UnitJson.read(entries.get(UnitDescriptor.PATH), "u.jar");
        var classes = new java.util.ArrayList<>(d.classes());
        UnitDescriptor.UnitClass c = classes.get(0);
        classes.set(
                0,
                new UnitDescriptor.UnitClass(
                        c.name(),
                        c.release(),
                        c.status(),
                        c.level(),
                        c.reasons(),
                        c.changes(),
                        c.hazards(),
                        c.oldSha256(),
                        "0".repeat(64)));
        UnitDescriptor lie = Units.rebuilt(d, d.level(), classes);
        Map<String, byte[]> lying = new LinkedHashMap<>(entries);
        lying.put(UnitDescriptor.PATH, UnitJson.write(lie));
        Path unit = Units.writeSigned(UnitFormatTest.zip(lying), key, dir.resolve("u.jar"));
        assertRefused(Reason.HASH_MISMATCH, unit, request());
    }

    @Test
    void aDescriptorMissingOrNotFirstIsRefusedThoughSigned() {
        Map<String, byte[]> entries = UnitFormatTest.entries(unsigned);
        assertRefused(
                Reason.DESCRIPTOR_MISSING,
                Units.writeSigned(
                        UnitFormatTest.zip(UnitFormatTest.withoutDescriptor(entries)), key, dir.resolve("m/u.jar")),
                request());
        assertRefused(
                Reason.DESCRIPTOR_NOT_FIRST,
                Units.writeSigned(
                        UnitFormatTest.zip(UnitFormatTest.descriptorLast(entries)), key, dir.resolve("l/u.jar")),
                request());
    }

    @Test
    void expiredOtherKeyTruncatedUnsignedAndMissingAreRefused() throws IOException {
        Path unit = Units.writeSigned(unsigned, key, dir.resolve("u.jar"));
        UnitDescriptor d = Unit.read(unsigned, "u.jar", UnitLimits.DEFAULTS).descriptor();
        assertRefused(Reason.EXPIRED, unit, request().withNow(d.expires()));

        SigningKey other = Units.key(KeyAlgorithm.ED25519);
        Path foreign = Units.writeSigned(unsigned, other, dir.resolve("f/u.jar"));
        UnitException wrong = assertRefused(Reason.SIGNATURE, foreign, request());
        assertEquals(SignerException.Reason.WRONG_SIGNER, wrong.signerReason().orElseThrow());
        assertEquals("WRONG_SIGNER", wrong.code());

        Path truncated = dir.resolve("t/u.jar");
        Files.createDirectories(truncated.getParent());
        byte[] bytes = Files.readAllBytes(unit);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Files.copy(ReleaseSigner.cmsSignatureOf(unit), ReleaseSigner.cmsSignatureOf(truncated));
        assertRefused(Reason.SIGNATURE, truncated, request());

        Path bare = dir.resolve("n/u.jar");
        Files.createDirectories(bare.getParent());
        Files.write(bare, unsigned);
        assertEquals(
                "MISSING_SIGNATURE",
                assertRefused(Reason.SIGNATURE, bare, request()).code());

        UnitException none =
                assertThrows(UnitException.class, () -> UnitCheck.check(dir.resolve("nope.jar"), request()));
        assertEquals(Reason.INPUT_NOT_FOUND, none.reason());
        assertFalse(none.reason().isVerdict());
    }

    @Test
    void baseLevelAndProfileAreThoseTheCallerAllows() throws IOException {
        Path unit = Units.writeSigned(unsigned, key, dir.resolve("u.jar"));
        assertRefused(Reason.BASE_MISMATCH, unit, request().withRunning(target)); // Helper exists, Greeter is v2
        ClassSet onlyApp = ClassSet.of(
                "app", Map.of("demo/App.class", base.classes(0).get("demo.App").bytes()));
        assertRefused(Reason.BASE_MISMATCH, unit, request().withRunning(onlyApp)); // Greeter missing
        assertRefused(Reason.LEVEL_TOO_HIGH, unit, request().withMaxLevel(UpdateLevel.NONE));

        PackageRequest addDelete = Units.request(base, target, Profile.HOTSWAP_ADD_DELETE);
        Path forAddDelete = Units.writeSigned(UnitPackager.pack(addDelete).jar(), key, dir.resolve("ad/u.jar"));
        assertRefused(Reason.PROFILE_NOT_ALLOWED, forAddDelete, request().withProfile(Profile.HOTSWAP));
        UnitCheck.check(forAddDelete, request().withProfile(Profile.HOTSWAP_ADD_DELETE));
        UnitCheck.check(unit, request().withProfile(Profile.HOTSWAP_ADD_DELETE)); // a hotswap unit runs there too
    }

    private static UnitException assertRefused(Reason reason, Path unit, UnitCheck.Request request) {
        UnitException e = assertThrows(UnitException.class, () -> UnitCheck.check(unit, request));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.reason().isVerdict());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }
}
