package io.liveupdate.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Shared test fixtures: sample jars, generated keys, and the real external binaries. */
final class Fixtures {
    static final LocalDateTime TIME = LocalDateTime.of(2026, 11, 22, 0, 0);

    private Fixtures() {}

    /** A small jar with a Main-Class, classes, a resource, a directory entry and a META-INF file. */
    static Path sampleJar(Path dir, String name) throws IOException {
        Path jar = dir.resolve(name);
        Files.write(jar, sampleJarBytes(Map.of()));
        return jar;
    }

    static byte[] sampleJarBytes(Map<String, String> extra) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "META-INF/", null);
            entry(
                    zip,
                    "META-INF/MANIFEST.MF",
                    "Manifest-Version: 1.0\r\nMain-Class: org.example.Main\r\nCreated-By: test\r\n\r\n");
            entry(zip, "org/", null);
            entry(zip, "org/example/", null);
            entry(zip, "org/example/Main.class", "not really a class, but bytes all the same ".repeat(20));
            entry(zip, "org/example/Helper.class", "another entry with some content ".repeat(30));
            entry(zip, "org/example/messages.properties", "greeting=hello\nfarewell=bye\n");
            entry(zip, "META-INF/maven/org.example/app/pom.properties", "version=1.0\n");
            for (Map.Entry<String, String> e : extra.entrySet()) {
                entry(zip, e.getKey(), e.getValue());
            }
        }
        return bytes.toByteArray();
    }

    static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(TIME);
        zip.putNextEntry(e);
        if (content != null) {
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        zip.closeEntry();
    }

    /** Generates an unencrypted key with certificate (and OpenPGP key) into {@code dir}. */
    static SigningKey key(KeyAlgorithm algorithm, Path dir) {
        return SigningKeyGenerator.generate(algorithm, dir, null, true, "CN=liveupdate test " + algorithm.cliName())
                .key();
    }

    /** An Ed25519 key and certificate derived from a fixed seed: every signature it makes is reproducible. */
    static SigningKey fixedEd25519Key() {
        try {
            byte[] seed = new byte[32];
            for (int i = 0; i < seed.length; i++) {
                seed[i] = (byte) (i * 7 + 1);
            }
            var parameters = new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(seed, 0);
            var factory = java.security.KeyFactory.getInstance("Ed25519", SignatureAlgorithms.BC);
            var privateKey = factory.generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(
                                    new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                                            org.bouncycastle.asn1.edec.EdECObjectIdentifiers.id_Ed25519),
                                    new org.bouncycastle.asn1.DEROctetString(seed))
                            .getEncoded()));
            var publicKey = factory.generatePublic(
                    new java.security.spec.X509EncodedKeySpec(new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
                                    new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                                            org.bouncycastle.asn1.edec.EdECObjectIdentifiers.id_Ed25519),
                                    parameters.generatePublicKey().getEncoded())
                            .getEncoded()));
            var pair = new java.security.KeyPair(publicKey, privateKey);
            var certificate = SigningKeyGenerator.selfSignedCertificate(
                    pair,
                    "CN=liveupdate tamper suite",
                    java.time.Instant.parse("2026-01-01T00:00:00Z"),
                    java.math.BigInteger.valueOf(20261122));
            return new SigningKey(privateKey, List.of(certificate), null);
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code keytool -genkeypair} for a PKCS#12 key store in {@code dir}, valid for 30 days, with the given
     * extra arguments (such as {@code -ext} extensions).
     */
    static Run keytoolKeyPair(
            Path dir,
            String keytool,
            String keyalg,
            int keysize,
            String alias,
            String dname,
            String keystore,
            String storepass,
            String... extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                keytool,
                "-genkeypair",
                "-keyalg",
                keyalg,
                "-keysize",
                String.valueOf(keysize),
                "-alias",
                alias,
                "-dname",
                dname,
                "-validity",
                "30",
                "-keystore",
                keystore,
                "-storetype",
                "PKCS12",
                "-storepass",
                storepass));
        command.addAll(List.of(extra));
        return run(dir, command.toArray(new String[0]));
    }

    /**
     * Runs {@code openssl cms -verify} on a detached DER signature over {@code content}, trusting {@code caFile}
     * (all paths relative to {@code dir}).
     */
    static Run opensslCmsVerify(Path dir, String openssl, String signature, String content, String caFile)
            throws IOException, InterruptedException {
        return run(
                dir,
                openssl,
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                signature,
                "-content",
                content,
                "-CAfile",
                caFile,
                "-purpose",
                "any",
                "-out",
                "/dev/null");
    }

    /** The result of running an external program. */
    record Run(int exitCode, String output) {}

    static Run run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, Map.of(), command);
    }

    static void assertSuccess(Run run, String what) {
        assertEquals(0, run.exitCode(), what + " failed:\n" + run.output());
    }

    static List<String> list(String... items) {
        return new ArrayList<>(List.of(items));
    }
}
