package io.liveupdate.signer;

import static io.liveupdate.signer.Fixtures.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.signer.SignerException.Reason;
import io.liveupdate.testing.Interop;
import java.io.RandomAccessFile;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and signing that hold against misuse: certificates, identities, stale signatures, modes, sizes, subjects. */
class SigningHardeningTest {
    @TempDir
    Path dir;

    private Path notes() throws Exception {
        return Files.writeString(dir.resolve("notes.txt"), "release notes");
    }

    @Test
    void aCertificateWhoseKeyUsageForbidsSignaturesIsRefusedAtSigning() throws Exception {
        KeyPair pair = SigningKeyGenerator.generateKeyPair(KeyAlgorithm.EC_P256);
        X500Name name = new X500Name("CN=encryption only");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.TEN,
                Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plusSeconds(3600)),
                name,
                pair.getPublic());
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
        SigningKey key = new SigningKey(
                pair.getPrivate(),
                List.of(new JcaX509CertificateConverter()
                        .getCertificate(builder.build(
                                SignatureAlgorithms.contentSigner(pair.getPrivate(), pair.getPublic(), null, false)))),
                null);
        Path file = notes();

        SignerException e =
                assertThrows(SignerException.class, () -> ReleaseSigner.sign(file, key, null, SignOptions.defaults()));

        assertEquals(Reason.BAD_INPUT, e.reason());
        assertTrue(e.getMessage().contains("key usage does not allow digital signatures"), e.getMessage());
        assertFalse(Files.exists(ReleaseSigner.cmsSignatureOf(file)));
    }

    @Test
    void anOpenPgpKeyOfAnotherIdentityIsRefused() throws Exception {
        SigningKey key = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("k1"));
        Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("k2"));
        OpenPgpKeys.UnlockedKey other =
                OpenPgpKeys.loadSecret(dir.resolve("k2/pgp-secret.asc"), PassphraseSource.none());
        Path file = notes();

        SignerException e =
                assertThrows(SignerException.class, () -> ReleaseSigner.sign(file, key, other, SignOptions.defaults()));

        assertEquals(Reason.KEY_CERTIFICATE_MISMATCH, e.reason());
        assertFalse(Files.exists(ReleaseSigner.pgpSignatureOf(file)));
    }

    @Test
    void reSigningWithoutAnOpenPgpKeyRemovesTheStaleAscAndKeepsTheFileMode() throws Exception {
        SigningKey key = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("k"));
        OpenPgpKeys.UnlockedKey pgp = OpenPgpKeys.loadSecret(dir.resolve("k/pgp-secret.asc"), PassphraseSource.none());
        Path jar = Fixtures.sampleJar(dir, "app.jar");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        ReleaseSigner.sign(jar, key, pgp, SignOptions.defaults());
        assertTrue(Files.exists(ReleaseSigner.pgpSignatureOf(jar)));

        ReleaseSigner.sign(jar, key, null, SignOptions.defaults());

        assertFalse(
                Files.exists(ReleaseSigner.pgpSignatureOf(jar)), "an .asc of the old bytes would fail verification");
        ReleaseVerifier.verify(jar, TrustPolicy.pinned(key.fingerprint()), ReleaseVerifier.Options.defaults());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(jar)));
        assertEquals(
                "rw-r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(ReleaseSigner.cmsSignatureOf(jar))));
    }

    @Test
    void existingSignersAreKeptUnlessReplaced() throws Exception {
        String jarsigner = Interop.binary("jarsigner");
        String keytool = Interop.binary("keytool");
        Path jar = Fixtures.sampleJar(dir, "app.jar");
        assertSuccess(
                Fixtures.keytoolKeyPair(dir, keytool, "EC", 256, "vendor", "CN=vendor", "vendor.p12", "vendorpass"),
                "keytool -genkeypair");
        assertSuccess(
                Fixtures.run(
                        dir, jarsigner, "-keystore", "vendor.p12", "-storepass", "vendorpass", "app.jar", "vendor"),
                "jarsigner");
        SigningKey ours = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("k"));
        TrustPolicy trust = TrustPolicy.pinned(ours.fingerprint());

        ReleaseSigner.sign(jar, ours, null, SignOptions.defaults());
        List<String> kept = entryNames(jar);
        ReleaseVerifier.verify(jar, trust, ReleaseVerifier.Options.defaults());
        Fixtures.Run both = Fixtures.run(dir, jarsigner, "-verify", "-verbose", "-certs", "app.jar");
        ReleaseSigner.sign(jar, ours, null, SignOptions.defaults().withReplaceSignatures(true));
        List<String> replaced = entryNames(jar);

        assertTrue(kept.contains("META-INF/VENDOR.SF") && kept.contains("META-INF/RELEASE.SF"), kept::toString);
        assertEquals(0, both.exitCode(), both.output());
        assertTrue(both.output().contains("CN=vendor") && both.output().contains("CN=liveupdate test"), both.output());
        assertFalse(replaced.contains("META-INF/VENDOR.SF"), replaced::toString);
        ReleaseVerifier.verify(jar, trust, ReleaseVerifier.Options.defaults());
    }

    private static List<String> entryNames(Path jar) throws Exception {
        return RawZip.entriesOf(Files.readAllBytes(jar)).stream()
                .map(RawZip.Entry::name)
                .toList();
    }

    @Test
    void aFileBeyondTheLimitOrASignatureThatNeverEndsIsRefusedNotReadIntoTheHeap() throws Exception {
        SigningKey key = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("k"));
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(3L << 30); // sparse: no disk space
        }
        SignerLimits small = new SignerLimits(1 << 20, 1 << 20, 1 << 20, 100, 64 << 10);
        Path file = notes();
        ReleaseSigner.sign(file, key, null, SignOptions.defaults());
        Files.delete(ReleaseSigner.cmsSignatureOf(file));
        Files.createSymbolicLink(ReleaseSigner.cmsSignatureOf(file), Path.of("/dev/zero"));
        TrustPolicy trust = TrustPolicy.pinned(key.fingerprint());

        SignerException signing =
                assertThrows(SignerException.class, () -> ReleaseSigner.sign(big, key, null, SignOptions.defaults()));
        SignerException verifying = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(big, trust, new ReleaseVerifier.Options(false, List.of(), small)));
        SignerException endless = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(file, trust, new ReleaseVerifier.Options(false, List.of(), small)));

        assertEquals(Reason.BAD_INPUT, signing.reason());
        assertTrue(signing.getMessage().contains("larger than the limit"), signing.getMessage());
        assertEquals(Reason.CORRUPT, verifying.reason());
        assertEquals(Reason.CORRUPT, endless.reason());
        assertTrue(endless.getMessage().contains(".p7s: larger than the limit of 65536"), endless.getMessage());
    }

    @Test
    void keygenNamesEachKeyAndRefusesASubjectThatIsNotADistinguishedName() {
        SigningKeyGenerator.GeneratedKey first =
                SigningKeyGenerator.generate(KeyAlgorithm.ED25519, dir.resolve("a"), null, false, null);
        SigningKeyGenerator.GeneratedKey second =
                SigningKeyGenerator.generate(KeyAlgorithm.ED25519, dir.resolve("b"), null, false, null);

        for (String bad : new String[] {"not a dn", ""}) {
            SignerException e = assertThrows(
                    SignerException.class,
                    () -> SigningKeyGenerator.generate(KeyAlgorithm.ED25519, dir.resolve("c"), null, false, bad));
            assertEquals(Reason.BAD_INPUT, e.reason(), bad);
            assertFalse(Files.exists(dir.resolve("c/private-key.pem")));
        }
        String subject = first.key().certificate().getSubjectX500Principal().getName();
        assertEquals("CN=liveupdate " + first.key().fingerprint().hex().substring(0, 16), subject);
        assertFalse(subject.equals(
                second.key().certificate().getSubjectX500Principal().getName()));
    }

    @Test
    void aTimeStampingAuthorityThatIsNotAnHttpUrlIsAnInputError() {
        SignerException e =
                assertThrows(SignerException.class, () -> new SignOptions(false, null, URI.create("notaurl")));

        assertEquals(Reason.BAD_INPUT, e.reason());
    }

    @Test
    void opensslReadsKeygensPrivateKeysPlainAndEncrypted() throws Exception {
        String openssl = Interop.binary("openssl");
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            Path plain = dir.resolve("plain-" + algorithm);
            Path encrypted = dir.resolve("encrypted-" + algorithm);
            SigningKeyGenerator.generate(algorithm, plain, null, false, null);
            SigningKeyGenerator.generate(algorithm, encrypted, "open sesame".toCharArray(), false, null);

            assertSuccess(
                    Fixtures.run(
                            dir,
                            openssl,
                            "pkey",
                            "-in",
                            plain.resolve("private-key.pem").toString(),
                            "-noout"),
                    "openssl pkey " + algorithm);
            assertSuccess(
                    Fixtures.run(
                            dir,
                            openssl,
                            "pkey",
                            "-in",
                            encrypted.resolve("private-key.pem").toString(),
                            "-passin",
                            "pass:open sesame",
                            "-noout"),
                    "openssl pkey (encrypted) " + algorithm);
            // and liveupdate still reads its own keys
            SigningKeyLoader.load(encrypted.resolve("private-key.pem"), null, PassphraseSource.of("open sesame"));
        }
    }
}
