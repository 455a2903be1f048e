package io.liveupdate.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.signer.SignerException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust file moves forward through rotations signed by both keys and revocations signed by the anchor. */
class TrustRotationTest {
    @TempDir
    Path dir;

    private final List<SigningKey> keys = new ArrayList<>();

    @BeforeEach
    void keys() {
        for (int i = 0; i < 4; i++) {
            keys.add(Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("key" + i)));
        }
    }

    @Test
    void chainOfThreeRotations() throws Exception {
        Path file = dir.resolve("trust.txt");
        TrustFile.create(keys.get(0).certificate()).write(file);
        for (int i = 1; i <= 3; i++) {
            TrustFile current = TrustFile.read(file);
            byte[] statement = TrustStatements.rotation(current, keys.get(i - 1), keys.get(i));
            TrustStatements.apply(current, statement, "rotation " + i).write(file);
        }

        TrustFile last = TrustFile.read(file);
        assertEquals(3, last.sequence());
        assertEquals(keys.get(3).fingerprint(), last.anchor());
        assertEquals(
                List.of(
                        keys.get(0).fingerprint(),
                        keys.get(1).fingerprint(),
                        keys.get(2).fingerprint()),
                last.retired());
        assertEquals(last.format(), TrustFile.parse(last.format(), "round trip").format());

        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "release");
        ReleaseSigner.sign(notes, keys.get(3), null, SignOptions.defaults());
        ReleaseVerifier.verify(notes, last.policy(), ReleaseVerifier.Options.defaults());
        ReleaseSigner.sign(notes, keys.get(0), null, SignOptions.defaults());
        SignerException old = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(notes, last.policy(), ReleaseVerifier.Options.defaults()));
        assertEquals(Reason.WRONG_SIGNER, old.reason(), "a retired anchor no longer verifies");
    }

    @Test
    void rotationSignedByOnlyOneSideIsRejected() {
        TrustFile trust = TrustFile.create(keys.get(0).certificate());
        String text = TrustStatements.MAGIC + ": 1\ntype: rotate\nsequence: 1\nfrom: "
                + keys.get(0).fingerprint() + "\nto: " + keys.get(1).fingerprint() + "\n";

        for (SigningKey onlySigner : List.of(keys.get(0), keys.get(1))) {
            byte[] oneSided = TrustStatements.sign(text, List.of(onlySigner));
            SignerException e = assertThrows(
                    SignerException.class, () -> TrustStatements.apply(trust, oneSided, "one-sided statement"));
            assertEquals(Reason.BAD_TRUST_STATEMENT, e.reason());
            assertTrue(e.getMessage().contains("old and the new key"), e.getMessage());
        }
        // Signed by both, but the old side is not the anchor: an attacker's own pair of keys.
        byte[] foreign = TrustStatements.rotation(trust, keys.get(2), keys.get(3));
        assertEquals(
                Reason.BAD_TRUST_STATEMENT,
                assertThrows(SignerException.class, () -> TrustStatements.apply(trust, foreign, "foreign"))
                        .reason());
    }

    @Test
    void replayedStatementIsRejected() {
        TrustFile trust = TrustFile.create(keys.get(0).certificate());
        byte[] first = TrustStatements.rotation(trust, keys.get(0), keys.get(1));
        TrustFile next = TrustStatements.apply(trust, first, "first");
        SignerException e = assertThrows(SignerException.class, () -> TrustStatements.apply(next, first, "replayed"));
        assertEquals(Reason.BAD_TRUST_STATEMENT, e.reason());
        assertTrue(e.getMessage().contains("replayed"), e.getMessage());
        byte[] garbage = {1, 2, 3};
        assertEquals(
                Reason.BAD_TRUST_STATEMENT,
                assertThrows(SignerException.class, () -> TrustStatements.apply(next, garbage, "garbage"))
                        .reason());
    }

    @Test
    void revocationByTheAnchorRetiresAKeyForGood() throws Exception {
        TrustFile trust = TrustFile.create(keys.get(0).certificate());
        trust = TrustStatements.apply(trust, TrustStatements.rotation(trust, keys.get(0), keys.get(1)), "rotation");
        TrustFile rotated = trust;

        // Only the anchor may revoke; not a retired key, not a stranger.
        byte[] byRetired =
                TrustStatements.revocation(rotated, keys.get(0), keys.get(2).fingerprint());
        assertEquals(
                Reason.BAD_TRUST_STATEMENT,
                assertThrows(SignerException.class, () -> TrustStatements.apply(rotated, byRetired, "by retired"))
                        .reason());
        byte[] self =
                TrustStatements.revocation(rotated, keys.get(1), keys.get(1).fingerprint());
        assertEquals(
                Reason.BAD_TRUST_STATEMENT,
                assertThrows(SignerException.class, () -> TrustStatements.apply(rotated, self, "self"))
                        .reason());

        TrustFile revoked = TrustStatements.apply(
                rotated,
                TrustStatements.revocation(rotated, keys.get(1), keys.get(2).fingerprint()),
                "revocation");
        assertTrue(revoked.revoked().contains(keys.get(2).fingerprint()));
        assertEquals(2, revoked.sequence());
        byte[] toRevoked = TrustStatements.rotation(revoked, keys.get(1), keys.get(2));
        SignerException e =
                assertThrows(SignerException.class, () -> TrustStatements.apply(revoked, toRevoked, "to revoked"));
        assertEquals(Reason.BAD_TRUST_STATEMENT, e.reason());
    }

    @Test
    void malformedTrustFilesAreInputErrors() throws Exception {
        Path file = dir.resolve("trust.txt");
        Files.writeString(file, "liveupdate-trust: 2\n");
        assertEquals(
                Reason.BAD_INPUT,
                assertThrows(SignerException.class, () -> TrustFile.read(file)).reason());
        Files.writeString(file, "liveupdate-trust: 1\nsequence: 0\n");
        assertEquals(
                Reason.BAD_INPUT,
                assertThrows(SignerException.class, () -> TrustFile.read(file)).reason());
    }
}
