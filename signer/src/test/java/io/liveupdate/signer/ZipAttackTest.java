package io.liveupdate.signer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.signer.SignerException.Reason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zips that two readers read differently, generated from a signed jar whose names and contents stay as signed (so the
 * JAR signature alone still verifies): every one is refused, with a reason, by verification, even of the JAR
 * signature only, and by signing. The one zip parser ({@link ZipArchive}) accounts for every byte of the file.
 */
class ZipAttackTest {
    private static final byte[] HIDDEN_CLASS = "evil bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private SigningKey key;
    private TrustPolicy trust;
    private List<RawZip.Entry> signedEntries;

    @BeforeEach
    void signedJar() throws Exception {
        key = Fixtures.fixedEd25519Key();
        trust = TrustPolicy.pinned(key.fingerprint());
        Path jar = Fixtures.sampleJar(dir, "app.jar");
        ReleaseSigner.sign(jar, key, null, SignOptions.defaults());
        signedEntries = RawZip.entriesOf(Files.readAllBytes(jar));
        // The same entries rewritten by our own zip writer verify: the attacks below change nothing else.
        Path clean = Files.write(dir.resolve("clean.jar"), RawZip.write(signedEntries, new byte[0]));
        ReleaseVerifier.verify(clean, trust, new ReleaseVerifier.Options(true, List.of()));
    }

    private SignerException refused(byte[] zip) throws Exception {
        Path jar = Files.write(dir.resolve("attack.jar"), zip);
        SignerException verifying = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(jar, trust, new ReleaseVerifier.Options(true, List.of())));
        SignerException signing =
                assertThrows(SignerException.class, () -> ReleaseSigner.sign(jar, key, null, SignOptions.defaults()));
        assertEquals(Reason.BAD_INPUT, signing.reason(), signing.getMessage());
        assertArrayEquals(zip, Files.readAllBytes(jar), "a refused signing leaves the input as it was");
        return verifying;
    }

    @Test
    void aSecondEndRecordInTheArchiveCommentIsRefused() throws Exception {
        byte[] comment = RawZip.concat("release".getBytes(StandardCharsets.US_ASCII), RawZip.fakeEndRecord());

        SignerException e = refused(RawZip.write(signedEntries, comment));

        assertEquals(Reason.ZIP_STRUCTURE_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("a zip record hidden in the archive comment"), e.getMessage());
    }

    @Test
    void aLocalHeaderHiddenAfterTheLastDeflateStreamIsRefused() throws Exception {
        List<RawZip.Entry> entries = new ArrayList<>(signedEntries);
        int last = entries.size() - 1;
        entries.set(last, entries.get(last).withAfterStream(RawZip.localEntry("org/example/App.class", HIDDEN_CLASS)));
        byte[] zip = RawZip.write(entries, new byte[0]);
        // What a streaming extraction makes of it: the hidden class is there.
        List<String> streamed = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                streamed.add(entry.getName());
            }
        } catch (java.util.zip.ZipException streamConfused) {
            streamed.add("(stream reader confused: " + streamConfused.getMessage() + ")");
        }

        SignerException e = refused(zip);

        assertEquals(Reason.ZIP_STRUCTURE_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("bytes after its deflate stream"), e.getMessage());
        assertTrue(
                streamed.contains("org/example/App.class")
                        || streamed.toString().contains("confused"),
                streamed::toString);
    }

    @Test
    void aZip64LocatorHiddenInACentralDirectoryCommentIsRefused() throws Exception {
        List<RawZip.Entry> entries = new ArrayList<>(signedEntries);
        int last = entries.size() - 1;
        // The last record's comment ends right before the end record: where the JDK looks for a ZIP64 locator.
        entries.set(last, entries.get(last).withComment(RawZip.zip64Locator()));

        SignerException e = refused(RawZip.write(entries, new byte[0]));

        assertEquals(Reason.ZIP_STRUCTURE_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("a zip record hidden in the comment of"), e.getMessage());
    }

    @Test
    void namesTheJdkSignsAsOrdinaryEntriesAreCoveredLikeAnyOther() throws Exception {
        Path jar = dir.resolve("sig.jar");
        Files.write(jar, Fixtures.sampleJarBytes(java.util.Map.of("META-INF/SIG-X.class", "code the JDK loads")));
        ReleaseSigner.sign(jar, key, null, SignOptions.defaults());
        ReleaseVerifier.verify(jar, trust, ReleaseVerifier.Options.defaults());
        // Added after signing, with a signature block's bytes as content: an ordinary, unsigned entry to the JDK.
        List<RawZip.Entry> entries = new ArrayList<>(RawZip.entriesOf(Files.readAllBytes(jar)));
        entries.add(RawZip.Entry.of("META-INF/SIG-Y.class", new byte[] {1, 2, 3}));
        Path tampered = Files.write(dir.resolve("tampered.jar"), RawZip.write(entries, new byte[0]));

        SignerException e = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(tampered, trust, new ReleaseVerifier.Options(true, List.of())));

        assertTrue(JarSignatureWriter.isSignatureRelated("META-INF/SIG-A.EC"));
        assertTrue(JarSignatureWriter.isSignatureRelated("meta-inf/sig-b"));
        assertTrue(!JarSignatureWriter.isSignatureRelated("META-INF/SIG-X.class"));
        assertTrue(!JarSignatureWriter.isSignatureRelated("META-INF/sub/X.SF"));
        assertEquals(Reason.UNSIGNED_ENTRY, e.reason(), e.getMessage());
    }

    @Test
    void anEntryThatInflatesBeyondItsDeclaredSizeOrTheLimitIsRefused() throws Exception {
        byte[] zeros = new byte[1 << 20];
        List<RawZip.Entry> entries = new ArrayList<>(signedEntries);
        entries.add(RawZip.Entry.of("org/example/big.bin", zeros));
        Path jar = Files.write(dir.resolve("big.jar"), RawZip.write(entries, new byte[0]));
        SignerLimits small = new SignerLimits(1 << 20, 64 << 10, 1 << 20, 100, 1 << 20);

        SignerException e = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(jar, trust, new ReleaseVerifier.Options(true, List.of(), small)));

        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("more than the limit of 65536"), e.getMessage());
    }
}
