package io.liveupdate.differ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.differ.DifferException.Reason;
import io.liveupdate.differ.testing.InMemoryCompiler;
import io.liveupdate.differ.testing.Jars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading builds: directories, jars, multi-release jars, and every kind of bad input. */
class ClassSetTest {
    private static final Map<String, byte[]> BUILD =
            InMemoryCompiler.compile(Map.of("t/A.java", "package t; public class A { int f() { return 1; } }"), 17);
    private static final byte[] A = BUILD.get("t/A.class");

    @TempDir
    Path tmp;

    @Test
    void readsADirectoryAndAJarAlike() {
        Path dir = Jars.writeClasses(tmp.resolve("classes"), BUILD);
        Path jar = Jars.writeJar(tmp.resolve("a.jar"), Map.of("t/A.class", A, "META-INF/MANIFEST.MF", new byte[0]));

        ClassSet fromDir = ClassSet.read(dir);
        ClassSet fromJar = ClassSet.read(jar);

        assertEquals(
                fromDir.classes(ClassSet.BASE).keySet(),
                fromJar.classes(ClassSet.BASE).keySet());
        assertEquals("t.A", fromJar.classes(ClassSet.BASE).firstKey());
    }

    @Test
    void multiReleaseEntriesFormTheirOwnSetsAndIgnoredMetaInfClassesAreSkipped() {
        Path jar = Jars.writeJar(
                tmp.resolve("mr.jar"),
                Map.of(
                        "t/A.class", A,
                        "META-INF/versions/11/t/A.class", A,
                        "META-INF/other/t/A.class", A));

        ClassSet set = ClassSet.read(jar);

        assertEquals(java.util.List.of(0, 11), set.releases());
        assertEquals(2, set.size());
    }

    @Test
    void changedVersionedEntryIsReportedWithItsRelease() {
        byte[] a2 = InMemoryCompiler.compile(
                        Map.of("t/A.java", "package t; public class A { int f() { return 2; } }"), 17)
                .get("t/A.class");
        Path before = Jars.writeJar(tmp.resolve("1.jar"), Map.of("t/A.class", A, "META-INF/versions/11/t/A.class", A));
        Path after = Jars.writeJar(tmp.resolve("2.jar"), Map.of("t/A.class", A, "META-INF/versions/11/t/A.class", a2));

        DiffResult diff = new Differ(Profile.HOTSWAP).diff(ClassSet.read(before), ClassSet.read(after));

        assertEquals(1, diff.unchanged());
        assertEquals(1, diff.classes().size());
        assertEquals(11, diff.classes().get(0).release());
        assertEquals("t.A", diff.classes().get(0).name());
    }

    @Test
    void missingPath() {
        Path missing = tmp.resolve("nope.jar");

        DifferException e = assertThrows(DifferException.class, () -> ClassSet.read(missing));

        assertEquals(Reason.NOT_FOUND, e.reason());
        assertEquals(missing + ": no such file or directory", e.getMessage());
    }

    @Test
    void fileThatIsNotAZip() throws Exception {
        Path notZip = Files.writeString(tmp.resolve("text.jar"), "hello, I am not a jar");

        DifferException e = assertThrows(DifferException.class, () -> ClassSet.read(notZip));

        assertEquals(Reason.NOT_A_ZIP, e.reason());
        assertTrue(e.getMessage().startsWith(notZip + ": not a jar or zip file"), e.getMessage());
    }

    @Test
    void duplicateJarEntries() {
        Path jar = Jars.writeJarWithDuplicate(tmp.resolve("dup.jar"), "t/A.class", A, A);

        DifferException e = assertThrows(DifferException.class, () -> ClassSet.read(jar));

        assertEquals(Reason.DUPLICATE_ENTRY, e.reason());
        assertEquals(
                jar + ": duplicate entry 't/A.class' (which copy the JVM loads is undefined; rebuild the archive)",
                e.getMessage());
    }

    @Test
    void truncatedClassFile() {
        Path dir = Jars.writeClasses(tmp.resolve("c"), Map.of("t/A.class", Arrays.copyOf(A, 20)));

        DifferException e = assertThrows(DifferException.class, () -> ClassSet.read(dir));

        assertEquals(Reason.CORRUPT_CLASS, e.reason());
        assertTrue(
                e.getMessage().startsWith(dir.resolve("t/A.class") + ": truncated or corrupt class file"),
                e.getMessage());
    }

    @Test
    void classFileTruncatedAfterItsConstantPoolFailsWhenCompared() {
        ClassSet before = ClassSet.of("before", Map.of("t/A.class", A));
        ClassSet after = ClassSet.of("after", Map.of("t/A.class", Arrays.copyOf(A, A.length - 12)));

        DifferException e = assertThrows(DifferException.class, () -> new Differ(Profile.HOTSWAP).diff(before, after));

        assertEquals(Reason.CORRUPT_CLASS, e.reason());
        assertTrue(e.getMessage().startsWith("after!/t/A.class: truncated or corrupt class file"), e.getMessage());
    }

    @Test
    void notAClassFile() {
        Path dir = Jars.writeClasses(tmp.resolve("c"), Map.of("t/A.class", "just some text here".getBytes()));

        DifferException e = assertThrows(DifferException.class, () -> ClassSet.read(dir));

        assertEquals(Reason.CORRUPT_CLASS, e.reason());
        assertTrue(e.getMessage().contains("not a class file (magic 0x6A757374, expected 0xCAFEBABE)"), e.getMessage());
    }

    @Test
    void classWhoseNameDoesNotMatchItsPath() {
        Path dir = Jars.writeClasses(tmp.resolve("c"), Map.of("t/B.class", A));

        DifferException e = assertThrows(DifferException.class, () -> ClassSet.read(dir));

        assertEquals(Reason.NAME_MISMATCH, e.reason());
        assertEquals(dir.resolve("t/B.class") + ": declares class t.A but its path says t.B", e.getMessage());
    }

    @Test
    void unsupportedClassFileVersion() {
        byte[] future = A.clone();
        future[6] = 0;
        future[7] = 80;
        Path jar = Jars.writeJar(tmp.resolve("future.jar"), Map.of("t/A.class", future));

        DifferException e = assertThrows(DifferException.class, () -> ClassSet.read(jar));

        assertEquals(Reason.UNSUPPORTED_VERSION, e.reason());
        assertTrue(
                e.getMessage().startsWith(jar + "!/t/A.class: unsupported class-file version 80 (Java 36)"),
                e.getMessage());
    }
}
