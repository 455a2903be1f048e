package io.liveupdate.signer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every key type signs a jar and a plain file in all three forms, and the project's verifier accepts them. */
class SigningRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"ED25519,false", "EC_P256,false", "EC_P384,false", "RSA_3072,false", "RSA_3072,true"})
    void signedJarVerifiesInEveryForm(KeyAlgorithm algorithm, boolean pss) throws Exception {
        SigningKey key = Fixtures.key(algorithm, dir.resolve("key"));
        OpenPgpKeys.UnlockedKey pgp =
                OpenPgpKeys.loadSecret(dir.resolve("key/pgp-secret.asc"), PassphraseSource.none());
        Path jar = Fixtures.sampleJar(dir, "app.jar");

        ReleaseSigner.Result result = ReleaseSigner.sign(jar, key, pgp, new SignOptions(pss, null, null));

        assertEquals(
                List.of(
                        jar.toAbsolutePath(),
                        dir.resolve("app.jar.p7s").toAbsolutePath(),
                        dir.resolve("app.jar.asc").toAbsolutePath()),
                result.written().stream().map(Path::toAbsolutePath).toList());
        ReleaseVerifier.Report report = ReleaseVerifier.verify(
                jar,
                TrustPolicy.pinned(key.fingerprint()),
                new ReleaseVerifier.Options(false, OpenPgpKeys.loadPublic(dir.resolve("key/pgp-public.asc"))));
        assertEquals(3, report.checked().size(), report.checked().toString());
        assertEquals(4, report.signedJarEntries());
        // The JDK sees every entry as signed (read to the end, then ask for signers).
        try (JarFile jarFile = new JarFile(jar.toFile(), true)) {
            int signed = 0;
            for (var e : java.util.Collections.list(jarFile.entries())) {
                if (e.isDirectory()
                        || e.getName().startsWith("META-INF/") && !e.getName().contains("maven")) {
                    continue;
                }
                jarFile.getInputStream(e).readAllBytes();
                assertTrue(e.getCodeSigners() != null && e.getCodeSigners().length == 1, e.getName());
                signed++;
            }
            assertEquals(4, signed);
            assertEquals(
                    "org.example.Main",
                    jarFile.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void plainFileVerifiesWithItsDetachedSignature(KeyAlgorithm algorithm) throws Exception {
        SigningKey key = Fixtures.key(algorithm, dir.resolve("key"));
        Path file = dir.resolve("release-notes.txt");
        Files.writeString(file, "liveupdate 1.0\n", StandardCharsets.UTF_8);

        ReleaseSigner.sign(file, key, null, SignOptions.defaults());

        ReleaseVerifier.Report report =
                ReleaseVerifier.verify(file, TrustPolicy.pinned(key.fingerprint()), ReleaseVerifier.Options.defaults());
        assertEquals(List.of("release-notes.txt.p7s (whole file)"), report.checked());
        assertEquals("liveupdate 1.0\n", Files.readString(file), "a plain file is never modified");
    }

    /** Ed25519 and RFC 6979 ECDSA make byte-identical signatures of identical inputs, with no signing-time attribute. */
    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"ED25519", "EC_P256", "EC_P384", "RSA_3072"})
    void signingIsReproducible(KeyAlgorithm algorithm) throws Exception {
        SigningKey key = Fixtures.key(algorithm, dir.resolve("key"));
        OpenPgpKeys.UnlockedKey pgp =
                OpenPgpKeys.loadSecret(dir.resolve("key/pgp-secret.asc"), PassphraseSource.none());
        Path first = Fixtures.sampleJar(Files.createDirectories(dir.resolve("one")), "app.jar");
        Path second = Fixtures.sampleJar(Files.createDirectories(dir.resolve("two")), "app.jar");

        ReleaseSigner.sign(first, key, pgp, SignOptions.defaults());
        ReleaseSigner.sign(second, key, pgp, SignOptions.defaults());

        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "signed jar");
        assertArrayEquals(
                Files.readAllBytes(ReleaseSigner.cmsSignatureOf(first)),
                Files.readAllBytes(ReleaseSigner.cmsSignatureOf(second)),
                ".p7s");
        if (algorithm == KeyAlgorithm.ED25519) {
            // OpenPGP ECDSA in Bouncy Castle is randomised; EdDSA is deterministic by definition (RFC 8032).
            assertArrayEquals(
                    Files.readAllBytes(ReleaseSigner.pgpSignatureOf(first)),
                    Files.readAllBytes(ReleaseSigner.pgpSignatureOf(second)),
                    ".asc");
        }
        CMSSignedData cms = new CMSSignedData(Files.readAllBytes(ReleaseSigner.cmsSignatureOf(first)));
        for (SignerInformation signer : cms.getSignerInfos().getSigners()) {
            assertNull(signer.getSignedAttributes().get(CMSAttributes.signingTime), "no signing-time attribute");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"ED25519"})
    void signingTimeIsAddedOnlyWhenAsked(KeyAlgorithm algorithm) throws Exception {
        SigningKey key = Fixtures.key(algorithm, dir.resolve("key"));
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "x");

        ReleaseSigner.sign(file, key, null, new SignOptions(false, java.time.Instant.now(), null));

        CMSSignedData cms = new CMSSignedData(Files.readAllBytes(ReleaseSigner.cmsSignatureOf(file)));
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        assertFalse(signer.getSignedAttributes().get(CMSAttributes.signingTime) == null);
        ReleaseVerifier.verify(file, TrustPolicy.pinned(key.fingerprint()), ReleaseVerifier.Options.defaults());
    }
}
