package io.liveupdate.signer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.openpgp.PGPPublicKey;

/**
 * Fuzz tests of the signer's readers of untrusted bytes: the zip structure check, the CMS and OpenPGP signature
 * readers and the trust-file parser. Every input must end in a result or a {@link SignerException}; anything else is a
 * finding. A normal build replays the committed inputs ({@code src/test/resources/.../SignerFuzzTestInputs}: seeds and
 * every finding); {@code JAZZER_FUZZ=1} fuzzes ({@code bench/fuzz.sh}).
 */
class SignerFuzzTest {
    private static final SignerLimits SMALL = new SignerLimits(1 << 20, 256 << 10, 1 << 20, 256, 64 << 10);
    private static final SigningKey KEY = Fixtures.fixedEd25519Key();
    private static final TrustPolicy TRUST = TrustPolicy.pinned(KEY.fingerprint());
    private static final List<PGPPublicKey> PGP_KEYS = pgpKeys();

    private static List<PGPPublicKey> pgpKeys() {
        try {
            java.security.KeyPair pair = new java.security.KeyPair(KEY.publicKey(), KEY.privateKey());
            OpenPgpKeys.KeyRings rings = OpenPgpKeys.generate(pair, "CN=fuzz", new java.util.Date(0), null);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            rings.writePublic(out);
            java.nio.file.Path file = java.nio.file.Files.createTempFile("fuzz-pgp", ".asc");
            java.nio.file.Files.write(file, out.toByteArray());
            List<PGPPublicKey> keys = OpenPgpKeys.loadPublic(file);
            java.nio.file.Files.delete(file);
            return keys;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Any bytes as a zip: structure checked, every entry inflated. */
    @FuzzTest(maxDuration = "10m")
    void readZip(byte[] data) {
        try {
            ZipArchive archive = ZipArchive.read(data, "fuzz.jar", SMALL);
            for (ZipArchive.Entry e : archive.entries()) {
                archive.content(e);
            }
        } catch (SignerException expected) {
            // refused with a reason
        }
    }

    /** The first four bytes say where the content ends; the rest is a detached signature over it (CMS, then OpenPGP). */
    @FuzzTest(maxDuration = "10m")
    void verifySignatures(byte[] data) {
        if (data.length < 4) {
            return;
        }
        int split = Math.floorMod(ByteBuffer.wrap(data, 0, 4).getInt(), data.length - 3);
        byte[] content = Arrays.copyOfRange(data, 4, 4 + split);
        byte[] signature = Arrays.copyOfRange(data, 4 + split, data.length);
        try {
            CmsSignatures.verifyDetachedAnySigner(new CMSProcessableByteArray(content), signature, "fuzz.p7s");
        } catch (SignerException expected) {
            // refused with a reason
        }
        try {
            OpenPgpSignatures.verify(content, signature, PGP_KEYS, TRUST, "fuzz.asc");
        } catch (SignerException expected) {
            // refused with a reason
        }
    }

    /** Any bytes as a trust file. */
    @FuzzTest(maxDuration = "10m")
    void parseTrustFile(byte[] data) {
        try {
            TrustFile.parse(data, "fuzz-trust.txt");
        } catch (SignerException expected) {
            // refused with a reason
        }
    }
}
