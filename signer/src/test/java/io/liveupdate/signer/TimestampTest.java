package io.liveupdate.signer;

import static io.liveupdate.signer.Fixtures.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.Interop;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 3161 time-stamps on the CMS and JAR signatures from a TSA started on localhost; and the atomicity of signing: a
 * TSA failure after the jar was signed in memory leaves the input and the directory as they were.
 */
class TimestampTest {
    private static final String STOREPASS = "timestamp-storepass";

    @TempDir
    Path dir;

    @Test
    void jarAndDetachedSignaturesCarryVerifiedTimestamps() throws Exception {
        String keytool = Interop.binary("keytool");
        String jarsigner = Interop.binary("jarsigner");
        String openssl = Interop.binary("openssl");
        SigningKey key = Fixtures.key(KeyAlgorithm.EC_P256, dir.resolve("key"));
        Path jar = Fixtures.sampleJar(dir, "app.jar");
        try (LocalTimestampAuthority tsa = new LocalTimestampAuthority()) {
            tsa.writeCertificate(dir.resolve("tsa.pem"));
            Instant before = Instant.now().minusSeconds(5);

            ReleaseSigner.sign(jar, key, null, new SignOptions(false, null, tsa.url()));

            ReleaseVerifier.Report report = ReleaseVerifier.verify(
                    jar, TrustPolicy.pinned(key.fingerprint()), ReleaseVerifier.Options.defaults());
            assertNotNull(report.timestamp(), "time-stamp reported");
            assertTrue(report.timestamp().isAfter(before)
                    && report.timestamp().isBefore(Instant.now().plus(Duration.ofSeconds(5))));
        }
        for (String[] cert : new String[][] {{"anchor", "key/certificate.pem"}, {"tsa", "tsa.pem"}}) {
            assertSuccess(
                    Fixtures.run(
                            dir,
                            keytool,
                            "-importcert",
                            "-noprompt",
                            "-alias",
                            cert[0],
                            "-file",
                            cert[1],
                            "-keystore",
                            "trust.p12",
                            "-storetype",
                            "PKCS12",
                            "-storepass",
                            STOREPASS),
                    "keytool");
        }
        Fixtures.Run verify = Fixtures.run(
                dir,
                jarsigner,
                "-verify",
                "-strict",
                "-verbose",
                "-keystore",
                "trust.p12",
                "-storepass",
                STOREPASS,
                "app.jar");
        assertSuccess(verify, "jarsigner -verify -strict of a time-stamped jar");
        assertTrue(
                verify.output().contains("timestamped by") || verify.output().contains("Timestamped by"),
                "jarsigner sees the time-stamp:\n" + verify.output());
        assertSuccess(
                Fixtures.opensslCmsVerify(dir, openssl, "app.jar.p7s", "app.jar", "key/certificate.pem"),
                "openssl cms -verify of a time-stamped signature");
    }

    /** A token taken from another signature (same key, same TSA) does not fit this one: BAD_TIMESTAMP. */
    @Test
    void timestampFromAnotherSignatureIsRejected() throws Exception {
        SigningKey key = Fixtures.key(KeyAlgorithm.EC_P256, dir.resolve("key"));
        Path first = dir.resolve("first.txt");
        Path second = dir.resolve("second.txt");
        Files.writeString(first, "first");
        Files.writeString(second, "second");
        try (LocalTimestampAuthority tsa = new LocalTimestampAuthority()) {
            ReleaseSigner.sign(first, key, null, new SignOptions(false, null, tsa.url()));
            ReleaseSigner.sign(second, key, null, new SignOptions(false, null, tsa.url()));
        }
        var firstCms = new org.bouncycastle.cms.CMSSignedData(Files.readAllBytes(ReleaseSigner.cmsSignatureOf(first)));
        var secondCms =
                new org.bouncycastle.cms.CMSSignedData(Files.readAllBytes(ReleaseSigner.cmsSignatureOf(second)));
        var foreignToken =
                secondCms.getSignerInfos().getSigners().iterator().next().getUnsignedAttributes();
        var signer = org.bouncycastle.cms.SignerInformation.replaceUnsignedAttributes(
                firstCms.getSignerInfos().getSigners().iterator().next(), foreignToken);
        byte[] swapped = org.bouncycastle.cms.CMSSignedData.replaceSigners(
                        firstCms, new org.bouncycastle.cms.SignerInformationStore(signer))
                .getEncoded("DER");
        Files.write(ReleaseSigner.cmsSignatureOf(first), swapped);

        SignerException e = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(
                        first, TrustPolicy.pinned(key.fingerprint()), ReleaseVerifier.Options.defaults()));

        assertEquals(SignerException.Reason.BAD_TIMESTAMP, e.reason(), e.getMessage());
    }

    @Test
    void failedSigningLeavesInputAndDirectoryUntouched() throws Exception {
        SigningKey key = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("key"));
        Path jar = Fixtures.sampleJar(dir, "app.jar");
        byte[] before = Files.readAllBytes(jar);
        List<Path> listingBefore = listing();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        SignerException e = assertThrows(
                SignerException.class,
                () -> ReleaseSigner.sign(
                        jar,
                        key,
                        null,
                        new SignOptions(false, null, URI.create("http://127.0.0.1:" + closedPort + "/tsa"))));

        assertEquals(SignerException.Reason.TIMESTAMP_AUTHORITY_FAILED, e.reason());
        assertArrayEquals(before, Files.readAllBytes(jar), "input untouched");
        assertEquals(listingBefore, listing(), "no signature and no temporary file left behind");
        assertFalse(Files.exists(ReleaseSigner.cmsSignatureOf(jar)));
    }

    private List<Path> listing() throws Exception {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
