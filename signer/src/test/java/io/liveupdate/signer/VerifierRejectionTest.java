package io.liveupdate.signer;

import static io.liveupdate.signer.Fixtures.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.signer.SignerException.Reason;
import io.liveupdate.testing.Interop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each refusal of issue 4 §3 has its own reason code; this test produces every one from a real file. */
class VerifierRejectionTest {
    private static final String STOREPASS = "rejection-storepass";

    @TempDir
    Path dir;

    private SigningKey key;
    private TrustPolicy trust;

    @BeforeEach
    void key() {
        key = Fixtures.key(KeyAlgorithm.EC_P256, dir.resolve("key"));
        trust = TrustPolicy.pinned(key.fingerprint());
    }

    private Reason reject(Path file, boolean jarOnly) {
        SignerException e = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(file, trust, new ReleaseVerifier.Options(jarOnly, List.of())));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), "message names the file: " + e.getMessage());
        return e.reason();
    }

    /** A signed jar with two entries whose names have the same length, ready for byte patching. */
    private byte[] signedJarWithPatchableNames() throws Exception {
        Path jar = dir.resolve("app.jar");
        Files.write(jar, Fixtures.sampleJarBytes(Map.of("org/example/Dup1.txt", "one", "org/example/Dup2.txt", "two")));
        ReleaseSigner.sign(jar, key, null, SignOptions.defaults());
        return Files.readAllBytes(jar);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = Files.createDirectories(dir.resolve("case-" + name)).resolve("app.jar");
        Files.write(file, bytes);
        return file;
    }

    @Test
    void wrongSigner() throws Exception {
        SigningKey other = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("other"));
        Path jar = Fixtures.sampleJar(dir, "app.jar");
        ReleaseSigner.sign(jar, other, null, SignOptions.defaults());
        assertEquals(Reason.WRONG_SIGNER, reject(jar, false));
        assertEquals(Reason.WRONG_SIGNER, reject(jar, true));
    }

    @Test
    void revokedKey() throws Exception {
        Path jar = Fixtures.sampleJar(dir, "app.jar");
        ReleaseSigner.sign(jar, key, null, SignOptions.defaults());
        trust = new TrustPolicy(key.fingerprint(), Set.of(key.fingerprint()));
        assertEquals(Reason.REVOKED_KEY, reject(jar, false));
    }

    @Test
    void duplicateEntries() throws Exception {
        byte[] bytes = patch(signedJarWithPatchableNames(), "org/example/Dup2.txt", "org/example/Dup1.txt", 2);
        assertEquals(Reason.DUPLICATE_ENTRY, reject(write("dup", bytes), true));
    }

    @Test
    void centralDirectoryAndLocalHeaderDisagree() throws Exception {
        byte[] bytes = patch(signedJarWithPatchableNames(), "org/example/Dup2.txt", "org/example/Dup3.txt", 1);
        assertEquals(Reason.ZIP_STRUCTURE_MISMATCH, reject(write("cenloc", bytes), true));
    }

    @Test
    void zipSlipName() throws Exception {
        byte[] bytes = patch(signedJarWithPatchableNames(), "org/example/Dup2.txt", "../../../../evil.txt", 2);
        assertEquals(Reason.UNSAFE_ENTRY_NAME, reject(write("slip", bytes), true));
    }

    @Test
    void truncatedOrCorruptFiles() throws Exception {
        Path jar = Fixtures.sampleJar(dir, "app.jar");
        ReleaseSigner.sign(jar, key, null, SignOptions.defaults());
        byte[] bytes = Files.readAllBytes(jar);
        Path truncated = write("truncated", Arrays.copyOf(bytes, bytes.length - 100));
        Files.copy(ReleaseSigner.cmsSignatureOf(jar), ReleaseSigner.cmsSignatureOf(truncated));
        assertEquals(Reason.CORRUPT, reject(truncated, false));
        assertEquals(Reason.CORRUPT, reject(write("empty", new byte[0]), true));
        Path garbageSignature = write("garbage", bytes);
        Files.writeString(ReleaseSigner.cmsSignatureOf(garbageSignature), "not a signature");
        assertEquals(Reason.CORRUPT, reject(garbageSignature, false));
    }

    @Test
    void missingOrMismatchedDetachedSignature() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "notes");
        assertEquals(Reason.MISSING_SIGNATURE, reject(file, false));
        ReleaseSigner.sign(file, key, null, SignOptions.defaults());
        Files.writeString(file, "notes, changed");
        assertEquals(Reason.BAD_SIGNATURE, reject(file, false));
        Path unsigned = Fixtures.sampleJar(Files.createDirectories(dir.resolve("unsigned")), "app.jar");
        assertEquals(Reason.MISSING_SIGNATURE, reject(unsigned, true));
    }

    @Test
    void missingFileIsAnInputErrorNotAVerdict() {
        SignerException e = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(dir.resolve("absent.jar"), trust, ReleaseVerifier.Options.defaults()));
        assertEquals(Reason.INPUT_NOT_FOUND, e.reason());
        assertTrue(!e.reason().isVerdict());
    }

    /** Jars from jarsigner with weak settings: SHA-1 digests, a 1024-bit RSA key, and no main-attributes digest. */
    @Test
    void weakAlgorithmsAndMissingMainAttributesDigest() throws Exception {
        String keytool = Interop.binary("keytool");
        String jarsigner = Interop.binary("jarsigner");
        assertSuccess(
                Fixtures.keytoolKeyPair(dir, keytool, "RSA", 1024, "weak", "CN=weak", "weak.p12", STOREPASS),
                "keytool");
        assertSuccess(Fixtures.keytoolKeyPair(dir, keytool, "EC", 256, "ok", "CN=ok", "ok.p12", STOREPASS), "keytool");
        // The project itself refuses to sign with a 1024-bit key, so the weak fingerprint comes from the store.
        SignerException refused = assertThrows(
                SignerException.class,
                () -> SigningKeyLoader.load(dir.resolve("weak.p12"), null, PassphraseSource.of(STOREPASS)));
        assertEquals(Reason.BAD_INPUT, refused.reason());
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(Files.newInputStream(dir.resolve("weak.p12")), STOREPASS.toCharArray());
        Fingerprint weakKey = Fingerprint.of((java.security.cert.X509Certificate) store.getCertificate("weak"));
        SigningKey okKey = SigningKeyLoader.load(dir.resolve("ok.p12"), null, PassphraseSource.of(STOREPASS));

        Path rsa1024 = Fixtures.sampleJar(Files.createDirectories(dir.resolve("rsa1024")), "app.jar");
        assertSuccess(
                Fixtures.run(
                        rsa1024.getParent(),
                        jarsigner,
                        "-keystore",
                        dir.resolve("weak.p12").toString(),
                        "-storepass",
                        STOREPASS,
                        "-sigalg",
                        "SHA256withRSA",
                        "app.jar",
                        "weak"),
                "jarsigner");
        trust = TrustPolicy.pinned(weakKey);
        assertEquals(Reason.WEAK_ALGORITHM, reject(rsa1024, true));

        Path sha1 = Fixtures.sampleJar(Files.createDirectories(dir.resolve("sha1")), "app.jar");
        assertSuccess(
                Fixtures.run(
                        sha1.getParent(),
                        jarsigner,
                        "-keystore",
                        dir.resolve("ok.p12").toString(),
                        "-storepass",
                        STOREPASS,
                        "-digestalg",
                        "SHA-1",
                        "app.jar",
                        "ok"),
                "jarsigner -digestalg SHA-1");
        trust = TrustPolicy.pinned(okKey.fingerprint());
        assertEquals(Reason.WEAK_ALGORITHM, reject(sha1, true));

        // jarsigner always writes the main-attributes digest (even with -sectionsonly), so drop it from a .SF and
        // sign that .SF again with the pinned key: the signature is valid, Main-Class would be unprotected.
        trust = TrustPolicy.pinned(key.fingerprint());
        Path jar = Fixtures.sampleJar(Files.createDirectories(dir.resolve("nomain")), "app.jar");
        ReleaseSigner.sign(jar, key, null, SignOptions.defaults());
        byte[] signedBytes = Files.readAllBytes(jar);
        String sf = new String(TamperTest.entryContent(signedBytes, "META-INF/RELEASE.SF"), StandardCharsets.UTF_8);
        String stripped = sf.replaceAll("SHA-256-Digest-Manifest-Main-Attributes: [^\\r]*\\r\\n( [^\\r]*\\r\\n)*", "");
        assertTrue(!stripped.equals(sf), "the main-attributes digest was removed");
        byte[] block = CmsSignatures.signDetached(
                key,
                new org.bouncycastle.cms.CMSProcessableByteArray(stripped.getBytes(StandardCharsets.UTF_8)),
                SignOptions.defaults());
        Path sectionsOnly = write(
                "nomain",
                TamperTest.replaceEntries(
                        signedBytes,
                        Map.of(
                                "META-INF/RELEASE.SF",
                                stripped.getBytes(StandardCharsets.UTF_8),
                                "META-INF/RELEASE.EC",
                                block)));
        assertEquals(Reason.MAIN_ATTRIBUTES_UNPROTECTED, reject(sectionsOnly, true));
    }

    static byte[] patch(byte[] bytes, String from, String to, int times) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        byte[] out = bytes.clone();
        int done = 0;
        for (int i = 0; i + f.length <= out.length && done < times; i++) {
            if (Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, t.length);
                done++;
            }
        }
        assertEquals(times, done, "patched occurrences of " + from);
        return out;
    }
}
