package io.liveupdate.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.signer.SignerException.Reason;
import io.liveupdate.signer.TrustStatements.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a front end asks of trust: an anchor as the user names it (fingerprint, certificate or trust file, parsed
 * strictly), a statement of the right kind applied to, or created for, a trust file that is rewritten only when the
 * statement verifies, and a rollback memory that refuses an older copy of a trust file.
 */
class TrustServicesTest {
    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("state");
    }

    @Test
    void anAnchorIsAFingerprintACertificateOrATrustFile() throws Exception {
        SigningKey key = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("k"));
        SigningKey revoked = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("r"));
        Path trust = dir.resolve("trust.txt");
        TrustFile.create(key.certificate()).write(trust);
        TrustStatements.createAndApply(
                trust,
                dir.resolve("revoke.p7m"),
                Kind.REVOCATION,
                state(),
                t -> TrustStatements.revocation(t, key, revoked.fingerprint()));

        TrustPolicy byFingerprint = TrustPolicy.parse(key.fingerprint().hex());
        TrustPolicy byPrefixedFingerprint =
                TrustPolicy.parse("sha256:" + key.fingerprint().hex());
        TrustPolicy byCertificate =
                TrustPolicy.parse(dir.resolve("k/certificate.pem").toString());
        TrustPolicy byTrustFile = TrustPolicy.parse(trust.toString(), state());

        assertEquals(TrustPolicy.pinned(key.fingerprint()), byFingerprint);
        assertEquals(byFingerprint, byPrefixedFingerprint);
        assertEquals(byFingerprint, byCertificate);
        assertEquals(key.fingerprint(), byTrustFile.anchor());
        assertEquals(Set.of(revoked.fingerprint()), byTrustFile.revoked());
    }

    @Test
    void anAnchorThatIsNeitherIsAnInputError() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a certificate");

        SignerException missing = assertThrows(
                SignerException.class,
                () -> TrustPolicy.parse(dir.resolve("absent.pem").toString()));
        SignerException notACertificate = assertThrows(SignerException.class, () -> TrustPolicy.parse(text.toString()));
        SignerException endless = assertThrows(SignerException.class, () -> TrustPolicy.parse("/dev/zero"));

        assertEquals(Reason.INPUT_NOT_FOUND, missing.reason());
        assertTrue(missing.getMessage().contains("give a certificate, a trust file or a 64-hex-digit fingerprint"));
        assertEquals(Reason.BAD_INPUT, notACertificate.reason());
        assertEquals(Reason.BAD_INPUT, endless.reason());
        assertTrue(endless.getMessage().contains("larger than the limit"), endless.getMessage());
    }

    @Test
    void aCreatedStatementIsWrittenWithTheTrustFileAndAReplayLeavesBothAlone() throws Exception {
        SigningKey first = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("a"));
        SigningKey second = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("b"));
        Path trust = dir.resolve("trust.txt");
        TrustFile.create(first.certificate()).write(trust);
        Path statement = dir.resolve("rotation-1.p7m");

        TrustFile rotated = TrustStatements.createAndApply(
                trust, statement, Kind.ROTATION, state(), t -> TrustStatements.rotation(t, first, second));
        String afterRotation = Files.readString(trust);
        SignerException replay = assertThrows(
                SignerException.class, () -> TrustStatements.applyFile(trust, statement, Kind.ROTATION, state()));

        assertEquals(second.fingerprint(), rotated.anchor());
        assertEquals(rotated.format(), afterRotation);
        assertTrue(Files.size(statement) > 0);
        assertEquals(Reason.BAD_TRUST_STATEMENT, replay.reason());
        assertEquals(afterRotation, Files.readString(trust), "a refused statement leaves the trust file as it was");
    }

    @Test
    void aStatementThatDoesNotVerifyWritesNeitherFile() throws Exception {
        SigningKey anchor = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("a"));
        SigningKey stranger = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("s"));
        Path trust = dir.resolve("trust.txt");
        TrustFile.create(anchor.certificate()).write(trust);
        String before = Files.readString(trust);
        Path statement = dir.resolve("revoke.p7m");

        SignerException e = assertThrows(
                SignerException.class,
                () -> TrustStatements.createAndApply(
                        trust,
                        statement,
                        Kind.REVOCATION,
                        state(),
                        t -> TrustStatements.revocation(t, stranger, anchor.fingerprint())));

        assertEquals(Reason.BAD_TRUST_STATEMENT, e.reason());
        assertEquals(before, Files.readString(trust));
        assertFalse(Files.exists(statement));
    }

    @Test
    void eachCommandAppliesOnlyItsOwnKindOfStatement() throws Exception {
        SigningKey first = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("a"));
        SigningKey second = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("b"));
        Path trust = dir.resolve("trust.txt");
        TrustFile.create(first.certificate()).write(trust);
        String before = Files.readString(trust);
        Path rotation = Files.write(
                dir.resolve("rotation.p7m"), TrustStatements.rotation(TrustFile.read(trust), first, second));

        SignerException asRevocation = assertThrows(
                SignerException.class, () -> TrustStatements.applyFile(trust, rotation, Kind.REVOCATION, state()));

        assertEquals(Reason.BAD_TRUST_STATEMENT, asRevocation.reason());
        assertTrue(
                asRevocation.getMessage().contains("a rotation statement, not a revocation one"),
                asRevocation.getMessage());
        assertEquals(before, Files.readString(trust));
    }

    @Test
    void anOlderCopyOfATrustFileIsRefusedOnceANewerOneWasSeen() throws Exception {
        SigningKey first = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("a"));
        SigningKey second = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("b"));
        Path trust = dir.resolve("trust.txt");
        TrustFile.create(first.certificate()).write(trust);
        byte[] oldCopy = Files.readAllBytes(trust);
        TrustStatements.createAndApply(
                trust, dir.resolve("r.p7m"), Kind.ROTATION, state(), t -> TrustStatements.rotation(t, first, second));

        Files.write(trust, oldCopy); // an attacker (or a backup) puts the old file back: it still trusts `first`
        SignerException rollback =
                assertThrows(SignerException.class, () -> TrustPolicy.parse(trust.toString(), state()));

        assertEquals(Reason.TRUST_ROLLBACK, rollback.reason());
        assertTrue(rollback.reason().isVerdict());
        assertEquals(1, TrustState.open(state()).sequence(first.fingerprint()));
    }

    @Test
    void onlyAnAcceptedVerificationRaisesTheMemory() throws Exception {
        SigningKey first = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("a"));
        SigningKey second = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("b"));
        Path trust = dir.resolve("trust.txt");
        TrustFile.create(first.certificate()).write(trust);
        byte[] oldCopy = Files.readAllBytes(trust);
        // The rotation is made elsewhere (another state directory); this machine only receives the new trust file.
        TrustStatements.createAndApply(
                trust,
                dir.resolve("r.p7m"),
                Kind.ROTATION,
                dir.resolve("publisher-state"),
                t -> TrustStatements.rotation(t, first, second));
        Path byFirst = Files.writeString(dir.resolve("by-first.txt"), "signed by the retired key");
        ReleaseSigner.sign(byFirst, first, null, SignOptions.defaults());
        Path bySecond = Files.writeString(dir.resolve("by-second.txt"), "signed by the anchor");
        ReleaseSigner.sign(bySecond, second, null, SignOptions.defaults());

        assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(
                        byFirst, TrustPolicy.parse(trust.toString(), state()), ReleaseVerifier.Options.defaults()));
        assertFalse(Files.exists(state()), "a rejected file leaves no state behind");
        ReleaseVerifier.verify(
                bySecond, TrustPolicy.parse(trust.toString(), state()), ReleaseVerifier.Options.defaults());
        Files.write(trust, oldCopy);

        assertEquals(1, TrustState.open(state()).sequence(first.fingerprint()));
        assertEquals(
                Reason.TRUST_ROLLBACK,
                assertThrows(SignerException.class, () -> TrustPolicy.parse(trust.toString(), state()))
                        .reason());
    }

    @Test
    void aCorruptStateFailsClosed() throws Exception {
        SigningKey key = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("a"));
        Path trust = dir.resolve("trust.txt");
        TrustFile.create(key.certificate()).write(trust);
        Files.createDirectories(state());
        Files.writeString(state().resolve(TrustState.FILE), "liveupdate-state: 1\ntrust nonsense -3\n");

        SignerException e = assertThrows(SignerException.class, () -> TrustPolicy.parse(trust.toString(), state()));

        assertEquals(Reason.STATE_CORRUPT, e.reason());
        assertTrue(e.reason().isVerdict());
    }

    static Stream<Arguments> malformedTrustFiles() throws Exception {
        return Stream.of(
                Arguments.of(
                        "two anchors", (Edit) t -> t.replaceFirst("(anchor: [0-9a-f]+\n)", "$1$1"), "second anchor"),
                Arguments.of(
                        "two format versions",
                        (Edit) t -> t.replaceFirst("(liveupdate-trust: 1\n)", "$1$1"),
                        "repeats the format version"),
                Arguments.of(
                        "negative sequence",
                        (Edit) t -> t.replaceFirst("sequence: 0", "sequence: -1"),
                        "negative sequence"),
                Arguments.of(
                        "reordered lines",
                        (Edit) t -> {
                            List<String> lines = new java.util.ArrayList<>(List.of(t.split("\n")));
                            String certificate = lines.remove(lines.size() - 1);
                            lines.add(1, certificate);
                            return String.join("\n", lines) + "\n";
                        },
                        "comes before the 'liveupdate-trust: 1' line"),
                Arguments.of(
                        "certificate not base64",
                        (Edit) t -> t.replaceFirst("anchor-certificate: .*", "anchor-certificate: %%%"),
                        "'anchor-certificate' is not base64"),
                Arguments.of("unknown field", (Edit) t -> t + "extra: 1\n", "unknown field 'extra'"),
                Arguments.of(
                        "fingerprint too short",
                        (Edit) t -> t.replaceFirst("anchor: ([0-9a-f]+)", "anchor: abc"),
                        "not a 64-hex-digit key fingerprint"));
    }

    /** An edit of a trust file's text. */
    interface Edit {
        String apply(String text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTrustFiles")
    void aMalformedTrustFileIsRefusedNotGuessedAt(String name, Edit edit, String expected) throws Exception {
        SigningKey key = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("k"));
        Path trust = dir.resolve("trust.txt");
        TrustFile.create(key.certificate()).write(trust);
        Files.writeString(trust, edit.apply(Files.readString(trust)), StandardCharsets.UTF_8);

        SignerException e = assertThrows(SignerException.class, () -> TrustPolicy.parse(trust.toString(), state()));

        assertEquals(Reason.BAD_INPUT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
