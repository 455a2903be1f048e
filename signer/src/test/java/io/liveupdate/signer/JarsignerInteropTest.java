package io.liveupdate.signer;

import static io.liveupdate.signer.Fixtures.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.Interop;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both directions with the JDK's real {@code jarsigner} and {@code keytool}: jars the project signs pass
 * {@code jarsigner -verify -strict} with the anchor in a trust store (signing.md §8), and jars jarsigner signs with a
 * keytool key pass the project's verifier.
 */
class JarsignerInteropTest {
    private static final String STOREPASS = "interop-storepass";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"ED25519,false", "EC_P256,false", "EC_P384,false", "RSA_3072,false", "RSA_3072,true"})
    void jarsignerStrictAcceptsProjectSignedJar(KeyAlgorithm algorithm, boolean pss) throws Exception {
        String jarsigner = Interop.binary("jarsigner");
        String keytool = Interop.binary("keytool");
        Fixtures.key(algorithm, dir.resolve("key"));
        SigningKey key = SigningKeyLoader.load(
                dir.resolve("key/private-key.pem"), dir.resolve("key/certificate.pem"), PassphraseSource.none());
        Path jar = Fixtures.sampleJar(dir, "app.jar");
        ReleaseSigner.sign(jar, key, null, new SignOptions(pss, null, null));
        Fixtures.Run trust = Fixtures.run(
                dir,
                keytool,
                "-importcert",
                "-noprompt",
                "-alias",
                "anchor",
                "-file",
                "key/certificate.pem",
                "-keystore",
                "truststore.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                STOREPASS);
        assertSuccess(trust, "keytool -importcert");

        Fixtures.Run verify = Fixtures.run(
                dir,
                jarsigner,
                "-verify",
                "-strict",
                "-verbose",
                "-keystore",
                "truststore.p12",
                "-storepass",
                STOREPASS,
                "app.jar");

        assertSuccess(verify, "jarsigner -verify -strict");
        assertTrue(verify.output().contains("jar verified."), verify.output());
        // Without the anchor in a trust store, -strict refuses the self-signed signer (exit 4): the check is real.
        // (Once per run is enough to show it; each jarsigner run is a JVM start.)
        if (algorithm == KeyAlgorithm.ED25519) {
            Fixtures.Run untrusted = Fixtures.run(dir, jarsigner, "-verify", "-strict", "app.jar");
            assertEquals(4, untrusted.exitCode(), untrusted.output());
        }
    }

    @ParameterizedTest
    @CsvSource({"EC,256,SHA256withECDSA", "RSA,3072,SHA256withRSA", "Ed25519,255,Ed25519"})
    void projectVerifiesJarsignerSignedJar(String keyalg, int size, String sigalg) throws Exception {
        String jarsigner = Interop.binary("jarsigner");
        String keytool = Interop.binary("keytool");
        Fixtures.Run gen = Fixtures.run(
                dir,
                keytool,
                "-genkeypair",
                "-keyalg",
                keyalg,
                "-keysize",
                String.valueOf(size),
                "-alias",
                "release",
                "-dname",
                "CN=keytool release key",
                "-validity",
                "30",
                "-keystore",
                "keys.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                STOREPASS,
                "-ext",
                "KeyUsage=digitalSignature",
                "-ext",
                "ExtendedKeyUsage=codeSigning");
        assertSuccess(gen, "keytool -genkeypair");
        Fixtures.Run export = Fixtures.run(
                dir,
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                "release",
                "-keystore",
                "keys.p12",
                "-storepass",
                STOREPASS,
                "-file",
                "release.pem");
        assertSuccess(export, "keytool -exportcert");
        Path jar = Fixtures.sampleJar(dir, "app.jar");
        Fixtures.Run sign = Fixtures.run(
                dir,
                jarsigner,
                "-keystore",
                "keys.p12",
                "-storepass",
                STOREPASS,
                "-sigalg",
                sigalg,
                "-digestalg",
                "SHA-256",
                "app.jar",
                "release");
        assertSuccess(sign, "jarsigner");
        Fingerprint anchor = Fingerprint.of(
                SigningKeyLoader.loadCertificates(dir.resolve("release.pem")).get(0));

        ReleaseVerifier.Report report = ReleaseVerifier.verify(
                jar, TrustPolicy.pinned(anchor), new ReleaseVerifier.Options(true, java.util.List.of()));

        assertEquals(4, report.signedJarEntries());
        // The same jar is refused when another key is pinned, and (without --jar-only) without its .p7s.
        SigningKey other = Fixtures.key(KeyAlgorithm.EC_P256, dir.resolve("other"));
        SignerException wrong = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(
                        jar,
                        TrustPolicy.pinned(other.fingerprint()),
                        new ReleaseVerifier.Options(true, java.util.List.of())));
        assertEquals(SignerException.Reason.WRONG_SIGNER, wrong.reason());
        SignerException noP7s = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(jar, TrustPolicy.pinned(anchor), ReleaseVerifier.Options.defaults()));
        assertEquals(SignerException.Reason.MISSING_SIGNATURE, noP7s.reason());
    }

    /** The PKCS#12 key store keytool writes is a valid signing key for the project too. */
    @Test
    void projectSignsWithKeytoolPkcs12() throws Exception {
        String keytool = Interop.binary("keytool");
        String jarsigner = Interop.binary("jarsigner");
        assertSuccess(
                Fixtures.keytoolKeyPair(
                        dir,
                        keytool,
                        "EC",
                        256,
                        "release",
                        "CN=p12 key",
                        "keys.p12",
                        STOREPASS,
                        "-ext",
                        "KeyUsage=digitalSignature",
                        "-ext",
                        "ExtendedKeyUsage=codeSigning"),
                "keytool");
        SigningKey key = SigningKeyLoader.load(dir.resolve("keys.p12"), null, PassphraseSource.of(STOREPASS));
        Path jar = Fixtures.sampleJar(dir, "app.jar");

        ReleaseSigner.sign(jar, key, null, SignOptions.defaults());

        ReleaseVerifier.verify(jar, TrustPolicy.pinned(key.fingerprint()), ReleaseVerifier.Options.defaults());
        assertSuccess(
                Fixtures.run(
                        dir,
                        jarsigner,
                        "-verify",
                        "-strict",
                        "-keystore",
                        "keys.p12",
                        "-storepass",
                        STOREPASS,
                        "app.jar"),
                "jarsigner -verify -strict");
        assertTrue(Files.exists(dir.resolve("app.jar.p7s")));
    }
}
