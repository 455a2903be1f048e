package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.CliRunner;
import io.liveupdate.testing.Interop;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen, sign and verify end to end through the shaded jar: outputs, exit codes and one-line errors. */
class SignerCliIT {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path dir;

    private Path jar() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String[] e : new String[][] {
                {"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMain-Class: org.example.Main\r\n\r\n"},
                {"org/example/Main.class", "class bytes ".repeat(50)},
                {"org/example/app.properties", "name=app\n"}
            }) {
                ZipEntry entry = new ZipEntry(e[0]);
                entry.setTimeLocal(LocalDateTime.of(2026, 11, 22, 0, 0));
                zip.putNextEntry(entry);
                zip.write(e[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Path jar = dir.resolve("app.jar");
        Files.write(jar, bytes.toByteArray());
        return jar;
    }

    private static String fingerprint(CliRunner.Result keygen) {
        for (String line : keygen.stdout().split("\n")) {
            if (line.startsWith("fingerprint ")) {
                return line.substring("fingerprint ".length()).trim();
            }
        }
        throw new AssertionError("no fingerprint in\n" + keygen);
    }

    @Test
    void keygenSignVerifyWithEncryptedKey() throws Exception {
        Map<String, String> env = Map.of("LIVEUPDATE_KEY_PASSPHRASE", PASSPHRASE);
        CliRunner.Result keygen =
                CliRunner.in(dir).env(env).run(0, "keygen", "--alg", "ec-p256", "--out", "keys", "--pgp");
        assertEquals(0, keygen.exitCode(), keygen.toString());
        assertTrue(Files.readString(dir.resolve("keys/private-key.pem")).contains("BEGIN ENCRYPTED PRIVATE KEY"));
        for (String f : new String[] {"certificate.pem", "pgp-secret.asc", "pgp-public.asc"}) {
            assertTrue(Files.exists(dir.resolve("keys").resolve(f)), f);
        }
        assertFalse(keygen.stdout().contains(PASSPHRASE) || keygen.stderr().contains(PASSPHRASE));
        jar();

        CliRunner.Result sign = CliRunner.in(dir)
                .env(env)
                .run(
                        0,
                        "sign",
                        "app.jar",
                        "--key",
                        "keys/private-key.pem",
                        "--cert",
                        "keys/certificate.pem",
                        "--pgp-key",
                        "keys/pgp-secret.asc");
        assertEquals(0, sign.exitCode(), sign.toString());
        assertTrue(Files.exists(dir.resolve("app.jar.p7s")) && Files.exists(dir.resolve("app.jar.asc")));

        String fp = fingerprint(keygen);
        CliRunner.Result byFingerprint =
                CliRunner.in(dir).run(0, "verify", "app.jar", "--trust", fp, "--pgp-key", "keys/pgp-public.asc");
        assertEquals(0, byFingerprint.exitCode(), byFingerprint.toString());
        CliRunner.Result byCertificate = CliRunner.in(dir)
                .run(0, "verify", "app.jar", "--trust", "keys/certificate.pem", "--pgp-key", "keys/pgp-public.asc");
        assertEquals(0, byCertificate.exitCode(), byCertificate.toString());
        CliRunner.Result jarOnly = CliRunner.in(dir).run(0, "verify", "app.jar", "--trust", fp, "--jar-only");
        assertEquals(0, jarOnly.exitCode(), jarOnly.toString());
        assertTrue(jarOnly.stdout().contains("zip metadata"), "--jar-only says what it does not cover");

        // The .asc is present, so its key is needed: verifying without it is refused, not silently skipped.
        CliRunner.Result noPgpKey = CliRunner.in(dir).run(2, "verify", "app.jar", "--trust", fp);
        assertEquals(2, noPgpKey.exitCode(), noPgpKey.toString());
    }

    @Test
    void passphraseFromFileAndWrongPassphrase() throws Exception {
        Files.writeString(dir.resolve("pass.txt"), PASSPHRASE + "\n");
        CliRunner.Result keygen = CliRunner.in(dir)
                .run(0, "keygen", "--alg", "ed25519", "--out", "keys", "--passphrase-file", "pass.txt");
        assertEquals(0, keygen.exitCode(), keygen.toString());
        Path jar = jar();
        byte[] before = Files.readAllBytes(jar);

        CliRunner.Result noPassphrase = CliRunner.in(dir).run(2, "sign", "app.jar", "--key", "keys/private-key.pem");
        assertEquals(2, noPassphrase.exitCode(), noPassphrase.toString());
        assertEquals(1, noPassphrase.stderr().strip().lines().count(), noPassphrase.stderr());
        assertTrue(noPassphrase.stderr().contains("LIVEUPDATE_KEY_PASSPHRASE"), noPassphrase.stderr());

        CliRunner.Result wrong = CliRunner.in(dir)
                .env(Map.of("LIVEUPDATE_KEY_PASSPHRASE", "not the passphrase"))
                .run(2, "sign", "app.jar", "--key", "keys/private-key.pem");
        assertEquals(2, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.stderr().contains("wrong passphrase"), wrong.stderr());
        assertFalse(wrong.stderr().contains("not the passphrase"), "the passphrase is never printed");
        assertArrayEquals(before, Files.readAllBytes(jar), "a failed signing leaves the input untouched");
        assertFalse(Files.exists(dir.resolve("app.jar.p7s")));

        CliRunner.Result sign = CliRunner.in(dir)
                .run(0, "sign", "app.jar", "--key", "keys/private-key.pem", "--passphrase-file", "pass.txt");
        assertEquals(0, sign.exitCode(), sign.toString());
        CliRunner.Result verify = CliRunner.in(dir).run(0, "verify", "app.jar", "--trust", "keys/certificate.pem");
        assertEquals(0, verify.exitCode(), verify.toString());
    }

    @Test
    void rejectionsExitOneWithReasonAndInputErrorsExitTwo() throws Exception {
        assertEquals(
                0,
                CliRunner.in(dir)
                        .run(0, "keygen", "--alg", "ec-p256", "--out", "keys", "--no-passphrase")
                        .exitCode());
        assertEquals(
                0,
                CliRunner.in(dir)
                        .run(0, "keygen", "--alg", "ec-p256", "--out", "other", "--no-passphrase")
                        .exitCode());
        jar();
        assertEquals(
                0,
                CliRunner.in(dir)
                        .run(0, "sign", "app.jar", "--key", "keys/private-key.pem")
                        .exitCode());

        CliRunner.Result wrongSigner =
                CliRunner.in(dir).run(1, "verify", "app.jar", "--trust", "other/certificate.pem");
        assertEquals(1, wrongSigner.exitCode(), wrongSigner.toString());
        assertTrue(wrongSigner.stderr().contains("[WRONG_SIGNER]"), wrongSigner.stderr());
        assertEquals(1, wrongSigner.stderr().strip().lines().count(), wrongSigner.stderr());

        byte[] bytes = Files.readAllBytes(dir.resolve("app.jar"));
        Files.write(dir.resolve("app.jar"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        CliRunner.Result truncated = CliRunner.in(dir).run(1, "verify", "app.jar", "--trust", "keys/certificate.pem");
        assertEquals(1, truncated.exitCode(), truncated.toString());
        assertTrue(truncated.stderr().contains("[CORRUPT]"), truncated.stderr());

        CliRunner.Result missing = CliRunner.in(dir).run(2, "verify", "absent.jar", "--trust", "keys/certificate.pem");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.stderr().contains("absent.jar"), missing.stderr());
        CliRunner.Result badOption =
                CliRunner.in(dir).run(2, "verify", "app.jar", "--trust", "keys/certificate.pem", "--no-such-option");
        assertEquals(2, badOption.exitCode(), badOption.toString());
        CliRunner.Result badAlgorithm =
                CliRunner.in(dir).run(2, "keygen", "--alg", "dsa-1024", "--out", "k2", "--no-passphrase");
        assertEquals(2, badAlgorithm.exitCode(), badAlgorithm.toString());
        CliRunner.Result overwrite =
                CliRunner.in(dir).run(2, "keygen", "--alg", "ec-p256", "--out", "keys", "--no-passphrase");
        assertEquals(2, overwrite.exitCode(), overwrite.toString());
        CliRunner.Result badTrust = CliRunner.in(dir).run(2, "verify", "app.jar", "--trust", "app.jar");
        assertEquals(2, badTrust.exitCode(), badTrust.toString());
    }

    @Test
    void keygenWithoutAPassphraseRefusesUnlessToldToWriteAnUnencryptedKey() throws Exception {
        CliRunner.Result plain = CliRunner.in(dir).run(2, "keygen", "--alg", "ed25519", "--out", "plain");
        assertEquals(
                "liveupdate: plain/private-key.pem: no passphrase and no terminal to ask on: give --passphrase-file FILE"
                        + " or set LIVEUPDATE_KEY_PASSPHRASE to encrypt the key, or --no-passphrase for an unencrypted"
                        + " one",
                plain.errorLine());
        assertFalse(Files.exists(dir.resolve("plain")), "no key, no directory: nothing half-written");
        Files.writeString(dir.resolve("pass.txt"), PASSPHRASE + "\n");
        CliRunner.Result both = CliRunner.in(dir)
                .run(
                        2,
                        "keygen",
                        "--alg",
                        "ed25519",
                        "--out",
                        "both",
                        "--no-passphrase",
                        "--passphrase-file",
                        "pass.txt");
        assertEquals(
                "liveupdate: --no-passphrase and a passphrase (--passphrase-file or LIVEUPDATE_KEY_PASSPHRASE) were both"
                        + " given: choose one",
                both.errorLine());
        CliRunner.Result bothFromEnvironment = CliRunner.in(dir)
                .env(Map.of("LIVEUPDATE_KEY_PASSPHRASE", PASSPHRASE))
                .run(2, "keygen", "--alg", "ed25519", "--out", "both", "--no-passphrase");
        assertEquals(both.errorLine(), bothFromEnvironment.errorLine());
        assertFalse(Files.exists(dir.resolve("both")));

        CliRunner.Result quiet =
                CliRunner.in(dir).run(0, "keygen", "--alg", "ed25519", "--out", "quiet", "--no-passphrase");
        assertEquals("", quiet.stderr(), "--no-passphrase is a choice, not a mistake to warn about");
        assertTrue(quiet.stdout().contains("fingerprint "), quiet.stdout());
    }

    @Test
    void aPassphraseFileWinsOverTheEnvironmentAndAnEmptyOneIsRefused() throws Exception {
        Files.writeString(dir.resolve("pass.txt"), PASSPHRASE + "\n");
        Files.writeString(dir.resolve("empty.txt"), "\n");
        Map<String, String> env = Map.of("LIVEUPDATE_KEY_PASSPHRASE", "the environment's passphrase");

        CliRunner.Result empty = CliRunner.in(dir)
                .env(env)
                .run(2, "keygen", "--alg", "ed25519", "--out", "keys", "--passphrase-file", "empty.txt");
        assertTrue(empty.stderr().contains("empty.txt: the passphrase file's first line is empty"), empty.stderr());

        CliRunner.in(dir)
                .env(env)
                .run(0, "keygen", "--alg", "ed25519", "--out", "keys", "--passphrase-file", "pass.txt");
        jar();
        CliRunner.Result fromEnvironment =
                CliRunner.in(dir).env(env).run(2, "sign", "app.jar", "--key", "keys/private-key.pem");
        assertTrue(fromEnvironment.stderr().contains("wrong passphrase"), fromEnvironment.stderr());
        CliRunner.in(dir)
                .env(env)
                .run(0, "sign", "app.jar", "--key", "keys/private-key.pem", "--passphrase-file", "pass.txt");
    }

    @Test
    void aSubjectThatIsNotADistinguishedNameAndATsaThatIsNotAUrlAreUsageErrors() throws Exception {
        CliRunner.Result subject = CliRunner.in(dir)
                .run(
                        2,
                        "keygen",
                        "--alg",
                        "ed25519",
                        "--out",
                        "keys",
                        "--no-passphrase",
                        "--subject",
                        "release key, 2026");
        assertTrue(subject.stderr().contains("release key, 2026"), subject.stderr());
        CliRunner.in(dir).run(0, "keygen", "--alg", "ed25519", "--out", "keys", "--no-passphrase");
        jar();
        CliRunner.Result tsa =
                CliRunner.in(dir).run(2, "sign", "app.jar", "--key", "keys/private-key.pem", "--tsa", "notaurl");
        assertTrue(tsa.stderr().contains("notaurl"), tsa.stderr());
    }

    @Test
    void signingAgainReplacesOurSignatureKeepsAnotherToolsAndReplacesThatOnlyWhenAsked() throws Exception {
        String keytool = Interop.binary("keytool");
        String jarsigner = Interop.binary("jarsigner");
        for (String k : new String[] {"first", "second"}) {
            CliRunner.in(dir).run(0, "keygen", "--alg", "ec-p256", "--out", k, "--no-passphrase");
        }
        jar();
        Map<String, String> storePass = Map.of("STOREPASS", "vendor store pass");
        tool(
                storePass,
                keytool,
                "-genkeypair",
                "-keystore",
                "vendor.p12",
                "-storepass:env",
                "STOREPASS",
                "-alias",
                "vendor",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=vendor",
                "-validity",
                "30");
        tool(storePass, jarsigner, "-keystore", "vendor.p12", "-storepass:env", "STOREPASS", "app.jar", "vendor");

        CliRunner.in(dir).run(0, "sign", "app.jar", "--key", "first/private-key.pem");
        CliRunner.in(dir).run(0, "sign", "app.jar", "--key", "second/private-key.pem");
        CliRunner.Result first =
                CliRunner.in(dir).run(1, "verify", "app.jar", "--trust", "first/certificate.pem", "--jar-only");
        assertTrue(first.stderr().contains("[WRONG_SIGNER]"), "our own signature is replaced: " + first.stderr());
        CliRunner.in(dir).run(0, "verify", "app.jar", "--trust", "second/certificate.pem");
        assertTrue(entryNames().contains("META-INF/VENDOR.SF"), "jarsigner's signature is kept: " + entryNames());

        CliRunner.in(dir).run(0, "sign", "app.jar", "--key", "second/private-key.pem", "--replace-signatures");
        assertFalse(entryNames().contains("META-INF/VENDOR.SF"), entryNames().toString());
        CliRunner.in(dir).run(0, "verify", "app.jar", "--trust", "second/certificate.pem");
    }

    private List<String> entryNames() throws Exception {
        try (java.util.zip.ZipFile zip =
                new java.util.zip.ZipFile(dir.resolve("app.jar").toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    private void tool(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command[0] + " timed out");
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
    }

    /** On a terminal keygen asks twice; this runs it under script(1), which gives it a pseudo-terminal. */
    @Test
    void keygenAsksForThePassphraseTwiceOnATerminal() throws Exception {
        String script = Interop.binary("script");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " -jar " + System.getProperty("liveupdate.jar") + " keygen --alg ed25519 --out ";

        assertEquals(0, onTerminal(script, command + "asked", PASSPHRASE + "\n" + PASSPHRASE + "\n"));
        assertTrue(Files.readString(dir.resolve("asked/private-key.pem")).contains("BEGIN ENCRYPTED PRIVATE KEY"));
        jar();
        CliRunner.in(dir)
                .env(Map.of("LIVEUPDATE_KEY_PASSPHRASE", PASSPHRASE))
                .run(0, "sign", "app.jar", "--key", "asked/private-key.pem");

        assertEquals(2, onTerminal(script, command + "typo", PASSPHRASE + "\nsomething else\n"));
        assertFalse(Files.exists(dir.resolve("typo")), "two different passphrases write nothing");
    }

    private int onTerminal(String script, String command, String typed) throws Exception {
        Process process = new ProcessBuilder(List.of(script, "-q", "-e", "-c", command, "/dev/null"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = process.getOutputStream()) {
            in.write(typed.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "keygen on a terminal timed out");
        return process.exitValue();
    }
}
