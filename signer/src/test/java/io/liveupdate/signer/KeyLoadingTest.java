package io.liveupdate.signer;

import static io.liveupdate.signer.Fixtures.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.signer.SignerException.Reason;
import io.liveupdate.testing.Interop;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key files in every supported form, and every way loading one can fail, without a secret in any message. */
class KeyLoadingTest {
    private static final String PASSPHRASE = "s3cret-passphrase-value";

    @TempDir
    Path dir;

    @Test
    void encryptedPkcs8NeedsTheRightPassphrase() throws Exception {
        SigningKeyGenerator.generate(KeyAlgorithm.EC_P384, dir, PASSPHRASE.toCharArray(), true, "CN=encrypted");
        Path pem = dir.resolve("private-key.pem");
        assertTrue(Files.readString(pem).contains("BEGIN ENCRYPTED PRIVATE KEY"));

        SigningKey key = SigningKeyLoader.load(pem, null, PassphraseSource.of(PASSPHRASE));
        assertEquals(Fingerprint.of(key.certificate()), key.fingerprint());

        SignerException wrong = assertThrows(
                SignerException.class, () -> SigningKeyLoader.load(pem, null, PassphraseSource.of("wrong-guess")));
        assertEquals(Reason.BAD_PASSPHRASE, wrong.reason());
        assertNoSecret(wrong, "wrong-guess");
        SignerException none =
                assertThrows(SignerException.class, () -> SigningKeyLoader.load(pem, null, PassphraseSource.none()));
        assertEquals(Reason.BAD_PASSPHRASE, none.reason());

        SignerException pgpWrong = assertThrows(
                SignerException.class,
                () -> OpenPgpKeys.loadSecret(dir.resolve("pgp-secret.asc"), PassphraseSource.of("wrong-guess")));
        assertEquals(Reason.BAD_PASSPHRASE, pgpWrong.reason());
        assertNoSecret(pgpWrong, "wrong-guess");
        OpenPgpKeys.UnlockedKey pgp =
                OpenPgpKeys.loadSecret(dir.resolve("pgp-secret.asc"), PassphraseSource.of(PASSPHRASE));
        assertEquals(key.fingerprint(), OpenPgpKeys.fingerprint(pgp.publicKey()), "same key pair in both forms");
    }

    /** Keys written by OpenSSL: PKCS#8 plain, PKCS#8 encrypted (PBES2) and the traditional EC form. */
    @ParameterizedTest
    @ValueSource(strings = {"pkcs8", "pkcs8-encrypted", "traditional"})
    void opensslKeysLoad(String form) throws Exception {
        String openssl = Interop.binary("openssl");
        assertSuccess(
                Fixtures.run(
                        dir,
                        openssl,
                        "genpkey",
                        "-algorithm",
                        "EC",
                        "-pkeyopt",
                        "ec_paramgen_curve:P-256",
                        "-out",
                        "plain.pem"),
                "openssl genpkey");
        assertSuccess(
                Fixtures.run(
                        dir,
                        openssl,
                        "req",
                        "-new",
                        "-x509",
                        "-key",
                        "plain.pem",
                        "-subj",
                        "/CN=openssl key",
                        "-days",
                        "30",
                        "-out",
                        "cert.pem"),
                "openssl req -x509");
        String file =
                switch (form) {
                    case "pkcs8" -> "plain.pem";
                    case "pkcs8-encrypted" -> {
                        assertSuccess(
                                Fixtures.run(
                                        dir,
                                        openssl,
                                        "pkcs8",
                                        "-topk8",
                                        "-v2",
                                        "aes-256-cbc",
                                        "-in",
                                        "plain.pem",
                                        "-passout",
                                        "pass:" + PASSPHRASE,
                                        "-out",
                                        "enc.pem"),
                                "openssl pkcs8");
                        yield "enc.pem";
                    }
                    default -> {
                        assertSuccess(
                                Fixtures.run(dir, openssl, "ec", "-in", "plain.pem", "-out", "trad.pem"), "openssl ec");
                        yield "trad.pem";
                    }
                };

        SigningKey key =
                SigningKeyLoader.load(dir.resolve(file), dir.resolve("cert.pem"), PassphraseSource.of(PASSPHRASE));

        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "notes");
        ReleaseSigner.sign(notes, key, null, SignOptions.defaults());
        ReleaseVerifier.verify(notes, TrustPolicy.pinned(key.fingerprint()), ReleaseVerifier.Options.defaults());
    }

    @Test
    void keyAndCertificateMustMatch() throws Exception {
        Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("a"));
        Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("b"));
        SignerException e = assertThrows(
                SignerException.class,
                () -> SigningKeyLoader.load(
                        dir.resolve("a/private-key.pem"), dir.resolve("b/certificate.pem"), PassphraseSource.none()));
        assertEquals(Reason.KEY_CERTIFICATE_MISMATCH, e.reason());
    }

    @Test
    void missingAndUnreadableFiles() throws Exception {
        SignerException missing = assertThrows(
                SignerException.class,
                () -> SigningKeyLoader.load(dir.resolve("absent.pem"), null, PassphraseSource.none()));
        assertEquals(Reason.INPUT_NOT_FOUND, missing.reason());
        assertTrue(missing.getMessage().contains("absent.pem"));
        Files.writeString(
                dir.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n");
        SignerException garbage = assertThrows(
                SignerException.class,
                () -> SigningKeyLoader.load(dir.resolve("garbage.pem"), null, PassphraseSource.none()));
        assertEquals(Reason.BAD_INPUT, garbage.reason());
        Files.write(dir.resolve("random.p12"), new byte[] {1, 2, 3, 4});
        SignerException notAStore = assertThrows(
                SignerException.class,
                () -> SigningKeyLoader.load(dir.resolve("random.p12"), null, PassphraseSource.of("x")));
        assertEquals(Reason.BAD_INPUT, notAStore.reason());
        SignerException notACertificate =
                assertThrows(SignerException.class, () -> SigningKeyLoader.loadCertificates(dir.resolve("random.p12")));
        assertEquals(Reason.BAD_INPUT, notACertificate.reason());
        SignerException notPgp =
                assertThrows(SignerException.class, () -> OpenPgpKeys.loadPublic(dir.resolve("random.p12")));
        assertEquals(Reason.BAD_INPUT, notPgp.reason());
    }

    @Test
    void pkcs12WrongPassphrase() throws Exception {
        String keytool = Interop.binary("keytool");
        assertSuccess(Fixtures.keytoolKeyPair(dir, keytool, "EC", 256, "k", "CN=k", "k.p12", PASSPHRASE), "keytool");
        SignerException e = assertThrows(
                SignerException.class,
                () -> SigningKeyLoader.load(dir.resolve("k.p12"), null, PassphraseSource.of("wrong-guess")));
        assertEquals(Reason.BAD_PASSPHRASE, e.reason());
        assertNoSecret(e, "wrong-guess");
    }

    @Test
    void keygenNeverOverwrites() {
        Fixtures.key(KeyAlgorithm.ED25519, dir);
        SignerException e = assertThrows(SignerException.class, () -> Fixtures.key(KeyAlgorithm.ED25519, dir));
        assertEquals(Reason.BAD_INPUT, e.reason());
    }

    private static void assertNoSecret(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(secret), "secret in message: " + t);
            assertFalse(String.valueOf(t.getMessage()).contains(PASSPHRASE), "secret in message: " + t);
        }
    }
}
