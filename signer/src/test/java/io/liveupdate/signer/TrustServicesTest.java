package io.liveupdate.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.signer.SignerException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a front end asks of trust: an anchor as the user names it (fingerprint, certificate or trust file), and a
 * statement applied to, or created for, a trust file that is rewritten only when the statement verifies.
 */
class TrustServicesTest {
    @TempDir
    Path dir;

    @Test
    void anAnchorIsAFingerprintACertificateOrATrustFile() throws Exception {
        SigningKey key = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("k"));
        SigningKey revoked = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("r"));
        Path trust = dir.resolve("trust.txt");
        TrustFile.create(key.certificate()).write(trust);
        TrustStatements.createAndApply(
                trust, dir.resolve("revoke.p7m"), t -> TrustStatements.revocation(t, key, revoked.fingerprint()));

        TrustPolicy byFingerprint = TrustPolicy.parse(key.fingerprint().hex());
        TrustPolicy byPrefixedFingerprint =
                TrustPolicy.parse("sha256:" + key.fingerprint().hex());
        TrustPolicy byCertificate =
                TrustPolicy.parse(dir.resolve("k/certificate.pem").toString());
        TrustPolicy byTrustFile = TrustPolicy.parse(trust.toString());

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

        assertEquals(Reason.INPUT_NOT_FOUND, missing.reason());
        assertTrue(missing.getMessage().contains("give a certificate, a trust file or a 64-hex-digit fingerprint"));
        assertEquals(Reason.BAD_INPUT, notACertificate.reason());
        assertFalse(missing.reason().isVerdict());
    }

    @Test
    void aCreatedStatementIsWrittenWithTheTrustFileAndAReplayLeavesBothAlone() throws Exception {
        SigningKey first = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("a"));
        SigningKey second = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("b"));
        Path trust = dir.resolve("trust.txt");
        TrustFile.create(first.certificate()).write(trust);
        Path statement = dir.resolve("rotation-1.p7m");

        TrustFile rotated =
                TrustStatements.createAndApply(trust, statement, t -> TrustStatements.rotation(t, first, second));
        String afterRotation = Files.readString(trust);
        SignerException replay = assertThrows(SignerException.class, () -> TrustStatements.applyFile(trust, statement));

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
                        trust, statement, t -> TrustStatements.revocation(t, stranger, anchor.fingerprint())));

        assertEquals(Reason.BAD_TRUST_STATEMENT, e.reason());
        assertEquals(before, Files.readString(trust));
        assertFalse(Files.exists(statement));
    }
}
