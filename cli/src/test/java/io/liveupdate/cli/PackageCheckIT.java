package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.CliRunner;
import io.liveupdate.testing.GitHistory;
import io.liveupdate.testing.Interop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code liveupdate package} and {@code liveupdate check} on a generated history: reproducible signed units that check,
 * jarsigner and the descriptor accept, and each refusal as one line with its reason code.
 */
class PackageCheckIT {
    @TempDir
    Path tmp;

    Path repo;

    private CliRunner.Result liveupdate(int expectedExit, String... args) {
        return CliRunner.in(tmp).run(expectedExit, args);
    }

    @BeforeEach
    void history() {
        repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit(
                    "v1",
                    Map.of(
                            "src/main/java/demo/Greeter.java",
                            "package demo;\npublic class Greeter {\n  public String greet() { return \"v1\"; }\n}\n",
                            "src/main/resources/app.properties",
                            "greeting=v1\n"));
            git.commit(
                    "v2",
                    Map.of(
                            "src/main/java/demo/Greeter.java",
                            "package demo;\npublic class Greeter {\n  public String greet() { return Helper.h(); }\n}\n",
                            "src/main/java/demo/Helper.java",
                            "package demo;\nfinal class Helper {\n  static String h() { return \"v2\"; }\n}\n",
                            "src/main/resources/app.properties",
                            "greeting=v2\n"));
        }
        liveupdate(0, "keygen", "--alg", "ed25519", "--out", "key", "--no-passphrase");
        liveupdate(0, "keygen", "--alg", "ed25519", "--out", "other", "--no-passphrase");
    }

    private CliRunner.Result pack(int exit, String out, String... more) {
        List<String> args = new java.util.ArrayList<>(
                List.of("package", "--repo", "repo", "--base", "HEAD~1", "--out", out, "--key", "key/private-key.pem"));
        args.addAll(List.of(more));
        if (!args.contains("--validity")) {
            args.addAll(List.of("--validity", "P3650D")); // the generated history is from 2026-01-01
        }
        return liveupdate(exit, args.toArray(String[]::new));
    }

    @Test
    void twoPackagingsGiveTheSameSignedUnitWhichCheckAndJarsignerAccept() throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        Files.createDirectories(tmp.resolve("b"));
        CliRunner.Result first = pack(0, "a/u.jar");
        pack(0, "b/u.jar");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/u.jar")), Files.readAllBytes(tmp.resolve("b/u.jar")));
        assertArrayEquals(
                Files.readAllBytes(tmp.resolve("a/u.jar.p7s")), Files.readAllBytes(tmp.resolve("b/u.jar.p7s")));
        assertTrue(first.stdout().contains("2 classes at HOTSWAP, sequence 2"), first.stdout());
        assertTrue(first.stderr().contains("1 resource(s) changed"), first.stderr());

        Files.createDirectories(tmp.resolve("state"));
        CliRunner.Result check = liveupdate(
                0,
                "check",
                "a/u.jar",
                "--trust",
                "key/certificate.pem",
                "--state",
                "state",
                "--max-level",
                "HOTSWAP",
                "--profile",
                "hotswap");
        assertTrue(check.stdout().startsWith("accepted a/u.jar: unit "), check.stdout());
        assertTrue(check.stdout().contains("checked u.jar.p7s (whole file)"), check.stdout());
        assertTrue(check.stderr().contains("1 resource(s)"), check.stderr());
        try (var files = Files.list(tmp.resolve("state"))) {
            assertEquals(0, files.count(), "checking records nothing");
        }

        String keytool = Interop.binary("keytool");
        String jarsigner = Interop.binary("jarsigner");
        run(
                keytool,
                "-importcert",
                "-noprompt",
                "-alias",
                "anchor",
                "-file",
                "key/certificate.pem",
                "-keystore",
                "trust.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit");
        String verified =
                run(jarsigner, "-verify", "-strict", "-keystore", "trust.p12", "-storepass", "changeit", "a/u.jar");
        assertTrue(verified.contains("jar verified."), verified);
    }

    @Test
    void theClassesOfABuildAreDirtyUnlessTheWorkTreeIsTheTarget() throws Exception {
        liveupdate(0, "classes", "--repo", "repo", "--rev", "HEAD", "--out", "build");
        CliRunner.Result clean = pack(0, "clean.jar", "--classes", "build", "--sequence", "40");
        assertFalse(clean.stdout().contains("dirty"), clean.stdout());
        assertTrue(clean.stdout().contains("sequence 40"), clean.stdout());
        Files.writeString(repo.resolve("src/main/java/demo/Extra.java"), "package demo;\nclass Extra {}\n");
        CliRunner.Result dirty = pack(0, "dirty.jar", "--classes", "build");
        assertTrue(dirty.stdout().contains(", dirty"), dirty.stdout());
    }

    @Test
    void aReleasedBaseJarIsDiffedAgainstAndNamedWithAWarningWhereItDiffers() throws Exception {
        liveupdate(0, "classes", "--repo", "repo", "--rev", "HEAD~1", "--out", "base");
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put(
                "META-INF/maven/org.example/demo/pom.properties",
                "groupId=org.example\nartifactId=demo\nversion=1.0\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        entries.put("demo/Greeter.class", Files.readAllBytes(tmp.resolve("base/demo/Greeter.class")));
        jar(tmp.resolve("release.jar"), entries);
        CliRunner.Result same = pack(0, "u.jar", "--base-jar", "release.jar");
        assertFalse(same.stderr().contains("differ from the base revision"), same.stderr());
        assertTrue(Files.readString(tmp.resolve("u.jar"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("\"artifact\" : \"org.example:demo:1.0\""));

        // A release built from other sources than the base revision: diffed against, with a warning.
        Map<String, byte[]> other = io.liveupdate.testing.Javac.compile(
                Map.of(
                        "demo/Greeter.java",
                        "package demo;\npublic class Greeter {\n  public String greet() { return \"hotfix\"; }\n}\n"),
                tmp.resolve("hotfix"));
        entries.put("demo/Greeter.class", other.get("demo/Greeter.class"));
        jar(tmp.resolve("hotfix.jar"), entries);
        CliRunner.Result differs = pack(0, "h.jar", "--base-jar", "hotfix.jar");
        assertTrue(
                differs.stderr().contains("1 class(es) of hotfix.jar differ from the base revision"), differs.stderr());
    }

    private static void jar(Path file, Map<String, byte[]> entries) throws java.io.IOException {
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    @Test
    void refusalsAreOneLineWithTheirReasonCode() throws Exception {
        pack(0, "u.jar");
        assertTrue(liveupdate(1, "check", "u.jar", "--trust", "other/certificate.pem")
                .errorLine()
                .startsWith("liveupdate: rejected [WRONG_SIGNER] u.jar's JAR signature is signed by key "));
        assertTrue(liveupdate(1, "check", "u.jar", "--trust", "key/certificate.pem", "--state", "none")
                .errorLine()
                .startsWith("liveupdate: rejected [STATE_MISSING] none: state directory not found"));
        assertTrue(liveupdate(1, "check", "u.jar", "--trust", "key/certificate.pem", "--max-level", "NONE")
                .errorLine()
                .startsWith("liveupdate: rejected [LEVEL_TOO_HIGH] u.jar: level HOTSWAP"));

        // The generated history is from 2026-01-01: one second of validity has long passed.
        CliRunner.Result expiredUnit = pack(0, "old.jar", "--validity", "PT1S");
        assertTrue(expiredUnit.stderr().contains("the unit expired at"), expiredUnit.stderr());
        assertTrue(liveupdate(1, "check", "old.jar", "--trust", "key/certificate.pem")
                .errorLine()
                .startsWith("liveupdate: rejected [EXPIRED] old.jar: expired at 2026-01-01T"));

        assertTrue(pack(1, "none.jar", "--max-level", "NONE").errorLine().contains("[LEVEL_TOO_HIGH]"));
        assertTrue(pack(1, "same.jar", "--target", "HEAD~1").errorLine().contains("[NOTHING_TO_UPDATE]"));
        assertTrue(pack(2, "u.zip").errorLine().contains("a unit is a jar"));
        assertTrue(pack(2, "x.jar", "--classes", "build", "--target", "HEAD")
                .errorLine()
                .contains("not both"));
        assertTrue(pack(2, "x.jar", "--validity", "90 days").errorLine().contains("ISO-8601 duration"));
        assertTrue(liveupdate(2, "check", "missing.jar", "--trust", "key/certificate.pem")
                .errorLine()
                .contains("missing.jar: unit not found"));
    }

    private String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }
}
