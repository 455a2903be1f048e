package io.liveupdate.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tamper suite of issue 4 §6. Every single-byte change of a signed jar, at 2,000+ positions drawn with a fixed seed
 * from every region of the file, is rejected (in-process, so the suite stays fast); and structural edits are rejected
 * even when only the JAR signature is checked. The key, certificate, jar and Ed25519 signature are all fixed, so the
 * signed jar and therefore the counts are the same on every run; they are printed and recorded in docs/security.md.
 */
class TamperTest {
    private static final long SEED = 20261122L;
    private static final int POSITIONS = 2000;

    @TempDir
    Path dir;

    private SigningKey key;
    private TrustPolicy trust;
    private Path jar;
    private byte[] signed;

    @BeforeEach
    void signJar() throws Exception {
        key = Fixtures.fixedEd25519Key();
        trust = TrustPolicy.pinned(key.fingerprint());
        jar = Fixtures.sampleJar(dir, "app.jar");
        ReleaseSigner.sign(jar, key, null, SignOptions.defaults());
        signed = Files.readAllBytes(jar);
        ReleaseVerifier.verify(jar, trust, ReleaseVerifier.Options.defaults());
    }

    @Test
    void everySingleByteChangeIsRejected() throws Exception {
        assertTrue(signed.length >= POSITIONS, "the sample jar must have at least " + POSITIONS + " bytes");
        // One position per stratum, so every region (local headers, data, signature files, central directory, end
        // record) is hit; plus the whole end-of-central-directory record and the first header explicitly.
        Random random = new Random(SEED);
        TreeSet<Integer> positions = new TreeSet<>();
        for (int i = 0; i < POSITIONS; i++) {
            long from = (long) signed.length * i / POSITIONS;
            long to = (long) signed.length * (i + 1) / POSITIONS;
            positions.add((int) (from + random.nextInt((int) Math.max(1, to - from))));
        }
        for (int i = 0; i < 30; i++) {
            positions.add(i);
        }
        for (int i = signed.length - 22; i < signed.length; i++) {
            positions.add(i);
        }
        Path tampered = Files.createDirectories(dir.resolve("tampered")).resolve("app.jar");
        Files.copy(ReleaseSigner.cmsSignatureOf(jar), ReleaseSigner.cmsSignatureOf(tampered));
        Map<SignerException.Reason, Integer> full = new EnumMap<>(SignerException.Reason.class);
        Map<SignerException.Reason, Integer> jarOnly = new EnumMap<>(SignerException.Reason.class);
        int jarOnlyAccepted = 0;
        for (int position : positions) {
            byte[] bytes = signed.clone();
            bytes[position] ^= (byte) (1 + random.nextInt(255));
            Files.write(tampered, bytes);
            full.merge(rejection(tampered, false, position), 1, Integer::sum);
            SignerException.Reason r = rejectionOrNull(tampered, true, position);
            if (r == null) {
                jarOnlyAccepted++;
            } else {
                jarOnly.merge(r, 1, Integer::sum);
            }
        }
        int total = positions.size();
        System.out.printf(
                "tamper suite: %d single-byte changes in a %d-byte signed jar (seed %d): %d rejected by full"
                        + " verification %s; --jar-only rejected %d %s and accepted %d (zip metadata the JAR signature"
                        + " does not cover)%n",
                total,
                signed.length,
                SEED,
                full.values().stream().mapToInt(Integer::intValue).sum(),
                full,
                total - jarOnlyAccepted,
                jarOnly,
                jarOnlyAccepted);
        assertTrue(total >= POSITIONS);
        assertEquals(total, full.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** Rejects or fails the test; any exception other than a verdict is a bug in the verifier. */
    private SignerException.Reason rejection(Path file, boolean jarOnly, int position) {
        SignerException.Reason r = rejectionOrNull(file, jarOnly, position);
        if (r == null) {
            fail("a change at byte " + position + " was accepted");
        }
        return r;
    }

    private SignerException.Reason rejectionOrNull(Path file, boolean jarOnly, int position) {
        try {
            ReleaseVerifier.verify(file, trust, new ReleaseVerifier.Options(jarOnly, List.of()));
            return null;
        } catch (SignerException e) {
            if (!e.reason().isVerdict()) {
                fail("byte " + position + ": not a verdict: " + e.reason() + " " + e.getMessage(), e);
            }
            return e.reason();
        } catch (RuntimeException e) {
            fail("byte " + position + ": verifier crashed instead of rejecting", e);
            return null;
        }
    }

    @Test
    void structuralEditsAreRejectedEvenWithJarOnly() throws Exception {
        Path otherJar = Fixtures.sampleJar(Files.createDirectories(dir.resolve("other")), "other.jar");
        Files.write(otherJar, Fixtures.sampleJarBytes(Map.of("extra.txt", "other content")));
        ReleaseSigner.sign(otherJar, key, null, SignOptions.defaults());
        byte[] otherBlock = entryContent(Files.readAllBytes(otherJar), "META-INF/RELEASE.EC");
        SigningKey stranger = Fixtures.key(KeyAlgorithm.EC_P256, dir.resolve("stranger"));
        Path strangerJar = Fixtures.sampleJar(dir.resolve("other"), "stranger.jar");
        ReleaseSigner.sign(strangerJar, stranger, null, SignOptions.defaults());
        byte[] strangerBlock = entryContent(Files.readAllBytes(strangerJar), "META-INF/RELEASE.EC");

        Map<String, SignerException.Reason> expected = new java.util.LinkedHashMap<>();
        Map<String, byte[]> edits = new java.util.LinkedHashMap<>();
        edits.put(
                "entry removed",
                rewrite((name, content) -> name.equals("org/example/Helper.class") ? null : content, Map.of()));
        expected.put("entry removed", SignerException.Reason.MISSING_ENTRY);
        edits.put("entry added", rewrite((name, content) -> content, Map.of("org/example/Evil.class", "evil")));
        expected.put("entry added", SignerException.Reason.UNSIGNED_ENTRY);
        edits.put(
                "entry added with its own manifest section",
                rewrite(
                        (name, content) -> name.equals("META-INF/MANIFEST.MF")
                                ? concat(
                                        content,
                                        "Name: org/example/Evil.class\r\nSHA-256-Digest: "
                                                + JarSignatureWriter.base64(JarSignatureWriter.sha256(
                                                        "evil".getBytes(StandardCharsets.UTF_8)))
                                                + "\r\n\r\n")
                                : content,
                        Map.of("org/example/Evil.class", "evil")));
        expected.put("entry added with its own manifest section", SignerException.Reason.UNSIGNED_ENTRY);
        edits.put("entry renamed", renameEntry("org/example/Helper.class", "org/example/Helpex.class"));
        expected.put("entry renamed", SignerException.Reason.UNSIGNED_ENTRY);
        edits.put(
                "manifest main section edited",
                rewrite(
                        (name, content) -> name.equals("META-INF/MANIFEST.MF")
                                ? new String(content, StandardCharsets.UTF_8)
                                        .replace("org.example.Main", "org.example.Evil")
                                        .getBytes(StandardCharsets.UTF_8)
                                : content,
                        Map.of()));
        expected.put("manifest main section edited", SignerException.Reason.BAD_SIGNATURE);
        edits.put(
                "entry content edited",
                rewrite(
                        (name, content) -> name.equals("org/example/messages.properties")
                                ? "greeting=evil\n".getBytes(StandardCharsets.UTF_8)
                                : content,
                        Map.of()));
        expected.put("entry content edited", SignerException.Reason.BAD_SIGNATURE);
        edits.put(
                "signature block swapped in from another jar (same key)",
                rewrite((name, content) -> name.equals("META-INF/RELEASE.EC") ? otherBlock : content, Map.of()));
        expected.put("signature block swapped in from another jar (same key)", SignerException.Reason.BAD_SIGNATURE);
        edits.put(
                "signature block swapped in from another signer",
                rewrite((name, content) -> name.equals("META-INF/RELEASE.EC") ? strangerBlock : content, Map.of()));
        expected.put("signature block swapped in from another signer", SignerException.Reason.WRONG_SIGNER);

        Path tampered = Files.createDirectories(dir.resolve("edited")).resolve("app.jar");
        Files.copy(ReleaseSigner.cmsSignatureOf(jar), ReleaseSigner.cmsSignatureOf(tampered));
        int rejected = 0;
        for (Map.Entry<String, byte[]> edit : edits.entrySet()) {
            Files.write(tampered, edit.getValue());
            SignerException.Reason jarOnly = rejectionOrNull(tampered, true, -1);
            assertEquals(expected.get(edit.getKey()), jarOnly, edit.getKey() + " with --jar-only");
            SignerException.Reason full = rejectionOrNull(tampered, false, -1);
            assertTrue(full != null, edit.getKey() + " accepted by full verification");
            rejected++;
        }
        System.out.printf(
                "tamper suite: %d structural edits, all rejected with --jar-only and without: %s%n",
                rejected, expected);
    }

    private byte[] rewrite(BiFunction<String, byte[], byte[]> transform, Map<String, String> added) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(signed));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = transform.apply(e.getName(), in.readAllBytes());
                if (content != null) {
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTimeLocal(e.getTimeLocal());
                    zip.putNextEntry(copy);
                    zip.write(content);
                    zip.closeEntry();
                }
            }
            for (Map.Entry<String, String> a : added.entrySet()) {
                Fixtures.entry(zip, a.getKey(), a.getValue());
            }
        }
        return out.toByteArray();
    }

    private byte[] renameEntry(String from, String to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(signed));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                ZipEntry copy = new ZipEntry(e.getName().equals(from) ? to : e.getName());
                zip.putNextEntry(copy);
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] replaceEntries(byte[] jarBytes, Map<String, byte[]> replacements) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jarBytes));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(e.getTimeLocal());
                zip.putNextEntry(copy);
                zip.write(replacements.getOrDefault(e.getName(), content));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] entryContent(byte[] jarBytes, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jarBytes))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static byte[] concat(byte[] a, String b) {
        byte[] tail = b.getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(a, a.length + tail.length);
        System.arraycopy(tail, 0, all, a.length, tail.length);
        return all;
    }
}
