package io.liveupdate.signer;

import static io.liveupdate.signer.Fixtures.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.liveupdate.testing.Interop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both directions with the real {@code openssl} (3.0 on these machines, which cannot do Ed25519 CMS: signing.md §8, so
 * ECDSA and RSA only): the project's {@code .p7s} passes {@code openssl cms -verify} with the anchor as CA file, and
 * {@code openssl cms -sign} output passes the project's verifier.
 */
class OpensslInteropTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"EC_P256,false", "EC_P384,false", "RSA_3072,false", "RSA_3072,true"})
    void opensslVerifiesProjectSignature(KeyAlgorithm algorithm, boolean pss) throws Exception {
        String openssl = Interop.binary("openssl");
        SigningKey key = Fixtures.key(algorithm, dir.resolve("key"));
        Path jar = Fixtures.sampleJar(dir, "app.jar");
        ReleaseSigner.sign(jar, key, null, new SignOptions(pss, null, null));

        Fixtures.Run verify = Fixtures.opensslCmsVerify(dir, openssl, "app.jar.p7s", "app.jar", "key/certificate.pem");

        assertSuccess(verify, "openssl cms -verify");
        // A changed byte makes openssl refuse too, so the check above is not vacuous.
        byte[] bytes = Files.readAllBytes(jar);
        bytes[bytes.length / 2] ^= 1;
        Files.write(dir.resolve("tampered.jar"), bytes);
        Fixtures.Run tampered =
                Fixtures.opensslCmsVerify(dir, openssl, "app.jar.p7s", "tampered.jar", "key/certificate.pem");
        assertNotEquals(0, tampered.exitCode(), tampered.output());
    }

    @ParameterizedTest
    @CsvSource({"EC_P256,sha256", "EC_P384,sha384", "RSA_3072,sha256"})
    void projectVerifiesOpensslSignature(KeyAlgorithm algorithm, String digest) throws Exception {
        String openssl = Interop.binary("openssl");
        SigningKey key = Fixtures.key(algorithm, dir.resolve("key"));
        Path file = dir.resolve("release.tar");
        Files.write(file, "release bytes\n".repeat(500).getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        Fixtures.Run sign = Fixtures.run(
                dir,
                openssl,
                "cms",
                "-sign",
                "-binary",
                "-md",
                digest,
                "-in",
                "release.tar",
                "-signer",
                "key/certificate.pem",
                "-inkey",
                "key/private-key.pem",
                "-outform",
                "DER",
                "-out",
                "release.tar.p7s");

        assertSuccess(sign, "openssl cms -sign");
        ReleaseVerifier.Report report =
                ReleaseVerifier.verify(file, TrustPolicy.pinned(key.fingerprint()), ReleaseVerifier.Options.defaults());
        assertEquals(List.of("release.tar.p7s (whole file)"), report.checked());
        // OpenSSL with SHA-1 is refused as weak.
        Fixtures.Run weak = Fixtures.run(
                dir,
                openssl,
                "cms",
                "-sign",
                "-binary",
                "-md",
                "sha1",
                "-in",
                "release.tar",
                "-signer",
                "key/certificate.pem",
                "-inkey",
                "key/private-key.pem",
                "-outform",
                "DER",
                "-out",
                "release.tar.p7s");
        assertSuccess(weak, "openssl cms -sign -md sha1");
        SignerException e = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(
                        file, TrustPolicy.pinned(key.fingerprint()), ReleaseVerifier.Options.defaults()));
        assertEquals(SignerException.Reason.WEAK_ALGORITHM, e.reason(), e.getMessage());
    }
}
