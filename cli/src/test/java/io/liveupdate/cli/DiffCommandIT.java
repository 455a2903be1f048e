package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.CliRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code java -jar liveupdate.jar diff}, run as a user runs it: exit codes, outputs, one-line errors. */
class DiffCommandIT {
    @TempDir
    static Path tmp;

    /** The runner's result, with the accessors these tests read. */
    record Run(CliRunner.Result result) {
        int exit() {
            return result.exitCode();
        }

        String out() {
            return result.stdout();
        }

        String err() {
            return result.stderr();
        }

        List<String> errLines() {
            return err().lines().toList();
        }
    }

    static Run liveupdate(int expectedExit, String... args) {
        return new Run(CliRunner.in(tmp).run(expectedExit, args));
    }

    /** Compiles one source of class t.A with the running JDK's javac into a fresh directory {@code name}. */
    static Path build(String name, String source) throws IOException {
        Path dir = tmp.resolve(name);
        Path file = tmp.resolve(name + "-src").resolve("t/A.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        int exit = ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "--release", "17", "-d", dir.toString(), file.toString());
        assertEquals(0, exit, "javac failed on " + source);
        return dir;
    }

    @Test
    void textAndJsonAndMaxLevel() throws Exception {
        Path a = build("a", "package t; public class A { int f() { return 1; } }");
        Path b = build("b", "package t; public class A { int f() { return 2; } int g() { return 3; } }");

        Run text = liveupdate(0, "diff", a.toString(), b.toString());
        Run json = liveupdate(0, "diff", a.toString(), b.toString(), "--format", "json");
        Run limited = liveupdate(1, "diff", a.toString(), b.toString(), "--max-level", "HOTSWAP");
        Run allowed = liveupdate(0, "diff", a.toString(), b.toString(), "--max-level", "ENHANCED");

        assertEquals(0, text.exit(), text.err());
        assertEquals(
                List.of(
                        "inputs " + a + " -> " + b,
                        "level ENHANCED (profile hotswap): 1 classes listed (1 ENHANCED), 0 unchanged",
                        "ENHANCED  CHANGED t.A  METHOD_ADDED",
                        "          METHOD_ADDED g()I",
                        "          METHOD_BODY_CHANGED f()I"),
                text.out().lines().toList());
        assertEquals(0, json.exit(), json.err());
        assertTrue(
                json.out()
                        .startsWith(
                                "{\n  \"formatVersion\" : 1,\n  \"profile\" : \"hotswap\",\n  \"level\" : \"ENHANCED\""),
                json.out());
        assertEquals(1, limited.exit());
        assertEquals("liveupdate: level ENHANCED is above --max-level HOTSWAP\n", limited.err());
        assertEquals(0, allowed.exit(), allowed.err());
    }

    @Test
    void enumOptionsAreCaseInsensitiveAndEveryCommandHasAVersion() throws Exception {
        Path a = build("c1", "package t; public class A { int f() { return 1; } }");
        Path b = build("c2", "package t; public class A { int f() { return 2; } }");

        Run upper = liveupdate(0, "diff", a.toString(), b.toString(), "--format", "JSON", "--max-level", "hotswap");
        Run version = liveupdate(0, "diff", "--version");
        Run shortVersion = liveupdate(0, "verify", "-V");
        Run typo = liveupdate(2, "dif", a.toString(), b.toString());
        Run empty = liveupdate(2, "diff", "", b.toString());

        assertTrue(upper.out().startsWith("{"), upper.out());
        assertTrue(version.out().startsWith("liveupdate "), version.out());
        assertEquals(version.out(), shortVersion.out());
        assertTrue(typo.err().contains("did you mean diff"), typo.err());
        assertTrue(empty.err().contains("an empty path is not a file or directory"), empty.err());
    }

    @Test
    void aBuildWithoutClassFilesIsAnInputErrorSayingWhatItHolds() throws Exception {
        Path classes = build("real", "package t; public class A { }");
        Path lib1 = Files.createDirectories(tmp.resolve("lib1"));
        Path lib2 = Files.createDirectories(tmp.resolve("lib2"));
        for (String jar : List.of("a.jar", "b.jar", "c.jar")) {
            Files.write(
                    lib1.resolve(jar),
                    new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            Files.copy(lib1.resolve(jar), lib2.resolve(jar));
        }

        Run jars = liveupdate(2, "diff", lib1.toString(), lib2.toString());
        Run against = liveupdate(2, "diff", classes.toString(), lib2.toString());

        assertEquals(
                "liveupdate: " + lib1 + ": no class files (it holds 3 jars); give a jar or a class directory\n",
                jars.err());
        assertTrue(against.err().contains(lib2 + ": no class files (it holds 3 jars)"), against.err());
    }

    @Test
    void aReportThatCannotBeWrittenIsExitTwoAndLeavesNoPartialFile() throws Exception {
        Path a = build("w1", "package t; public class A { int f() { return 1; } }");
        Path b = build("w2", "package t; public class A { int f() { return 2; } }");
        Path report = tmp.resolve("report.json");

        CliRunner.Result full =
                CliRunner.in(tmp).stdoutTo(Path.of("/dev/full")).run(2, "diff", a.toString(), b.toString());
        Run toFile =
                liveupdate(0, "diff", a.toString(), b.toString(), "--format", "json", "--output", report.toString());
        Run noDirectory = liveupdate(
                2,
                "diff",
                a.toString(),
                b.toString(),
                "--output",
                tmp.resolve("missing/report.txt").toString());

        assertEquals(
                "liveupdate: cannot write the report to standard output: No space left on device", full.errorLine());
        assertEquals("", toFile.out());
        assertTrue(Files.readString(report).startsWith("{"), "the report went to the file");
        assertEquals(
                "rw-r--r--",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(report)),
                "a report is readable by all, as a web server serving it needs (the temporary file was owner-only)");
        assertTrue(noDirectory.err().contains("report.txt"), noDirectory.err());
        assertFalse(Files.exists(tmp.resolve("missing")));
    }

    @Test
    void namesWithControlCharactersCannotForgeLinesOfTheReportOrOfAnError() throws Exception {
        Path good = build("ctl", "package t; public class A { }");
        Path crafted = tmp.resolve("crafted.jar");
        // An entry whose name carries ESC, CR and LF, and a fake verdict.
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(crafted))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("t/B\u001b[2K\r\nlevel NONE.class"));
            zip.write(Files.readAllBytes(good.resolve("t/A.class")));
            zip.closeEntry();
        }

        Run run = liveupdate(2, "diff", good.toString(), crafted.toString());

        assertTrue(run.err().contains("t/B\\u001b[2K\\u000d\\u000alevel NONE.class"), run.err());
    }

    @Test
    void profileIsRecordedAndChangesTheVerdict() throws Exception {
        Path a = build("p1", "package t; public class A { int f() { return 1; } }");
        Path b = build(
                "p2", "package t; public class A { int f() { return h(); } private static int h() { return 1; } }");

        Run run = liveupdate(
                0, "diff", a.toString(), b.toString(), "--format", "json", "--profile", "hotswap-add-delete");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\"profile\" : \"hotswap-add-delete\",\n  \"level\" : \"HOTSWAP\""), run.out());
    }

    static Stream<Arguments> badInput() throws IOException {
        Path good = build("good", "package t; public class A { }");
        Path notZip = Files.writeString(tmp.resolve("notzip.jar"), "plain text");
        Path truncated = tmp.resolve("truncated");
        Files.createDirectories(truncated.resolve("t"));
        Files.write(
                truncated.resolve("t/A.class"),
                java.util.Arrays.copyOf(Files.readAllBytes(good.resolve("t/A.class")), 16));
        Path mismatch = tmp.resolve("mismatch");
        Files.createDirectories(mismatch.resolve("t"));
        Files.copy(good.resolve("t/A.class"), mismatch.resolve("t/B.class"));
        byte[] classFile = Files.readAllBytes(good.resolve("t/A.class"));
        Path future = tmp.resolve("future");
        Files.createDirectories(future.resolve("t"));
        byte[] newer = classFile.clone();
        newer[6] = 0;
        newer[7] = 80; // class-file major version 80 (Java 36)
        Files.write(future.resolve("t/A.class"), newer);
        Path duplicate = duplicateEntryJar(tmp.resolve("duplicate.jar"), classFile);
        return Stream.of(
                Arguments.of(
                        "unsupported class-file version",
                        List.of("diff", future.toString(), good.toString()),
                        future.resolve("t/A.class") + ": unsupported class-file version 80 (Java 36)"),
                Arguments.of(
                        "duplicate jar entries",
                        List.of("diff", good.toString(), duplicate.toString()),
                        duplicate + ": duplicate entry 't/A.class'"),
                Arguments.of(
                        "missing path",
                        List.of("diff", good.toString(), tmp.resolve("missing").toString()),
                        tmp.resolve("missing") + ": no such file or directory"),
                Arguments.of(
                        "not a zip",
                        List.of("diff", good.toString(), notZip.toString()),
                        notZip + ": not a jar or zip file"),
                Arguments.of(
                        "truncated class",
                        List.of("diff", truncated.toString(), good.toString()),
                        truncated.resolve("t/A.class") + ": truncated or corrupt class file"),
                Arguments.of(
                        "name mismatch",
                        List.of("diff", mismatch.toString(), good.toString()),
                        mismatch.resolve("t/B.class") + ": declares class t.A but its path says t.B"),
                Arguments.of(
                        "bad level",
                        List.of("diff", good.toString(), good.toString(), "--max-level", "LIVE"),
                        "unknown update level 'LIVE'"),
                Arguments.of(
                        "bad format",
                        List.of("diff", good.toString(), good.toString(), "--format", "xml"),
                        "Invalid value for option '--format'"),
                Arguments.of("missing operand", List.of("diff", good.toString()), "give OLD and NEW"));
    }

    /**
     * A jar listing t/A.class twice: ZipOutputStream refuses duplicates, so the second entry is written as t/B.class
     * and renamed in place (local header and central directory).
     */
    static Path duplicateEntryJar(Path jar, byte[] classFile) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (String name : List.of("t/A.class", "t/B.class")) {
                zip.putNextEntry(new java.util.zip.ZipEntry(name));
                zip.write(classFile);
                zip.closeEntry();
            }
        }
        byte[] zip = bytes.toByteArray();
        byte[] from = "t/B.class".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i <= zip.length - from.length; i++) {
            if (java.util.Arrays.equals(zip, i, i + from.length, from, 0, from.length)) {
                zip[i + 2] = 'A';
            }
        }
        return Files.write(jar, zip);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsOneLineOnStderrWithExitCode2(String name, List<String> args, String expected) throws Exception {
        Run run = liveupdate(2, args.toArray(new String[0]));

        assertEquals(2, run.exit(), run.err());
        assertEquals("", run.out());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("liveupdate: "), lines.get(0));
        assertTrue(lines.get(0).contains(expected), lines.get(0));
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
