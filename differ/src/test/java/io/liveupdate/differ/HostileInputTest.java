package io.liveupdate.differ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.differ.DifferException.Reason;
import io.liveupdate.differ.testing.InMemoryCompiler;
import io.liveupdate.differ.testing.Jars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Input built to hurt the reader ends in a {@link DifferException} naming the file, not in a crash, a hang or an
 * exhausted heap or stack: every read is within {@link InputLimits} (small ones here; no large file is written, the
 * big "class file" is sparse), every jar entry is CRC-checked, and malformed constant-pool references are refused.
 */
class HostileInputTest {
    private static final byte[] A = InMemoryCompiler.compile(
                    Map.of("t/A.java", "package t; public class A { int x; int f() { return 1; } }"), 17)
            .get("t/A.class");

    /** Small caps, so that tests stay small: 64 KiB per class, 256 KiB in all, 8 entries, nesting 16. */
    private static final InputLimits SMALL = new InputLimits(64 << 10, 256 << 10, 8, 16);

    @TempDir
    Path tmp;

    private static DifferException refused(Reason reason, Path input, InputLimits limits) {
        DifferException e = assertThrows(DifferException.class, () -> {
            ClassSet set = ClassSet.read(input, limits);
            new Differ(Profile.HOTSWAP).diff(ClassSet.of("empty", Map.of()), set);
        });
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e;
    }

    @Test
    void aClassFileBeyondTheLimitIsNotReadEvenWhenItIsSparse() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("big/t"));
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("A.class").toFile(), "rw")) {
            file.setLength(3L << 30); // 3 GiB of holes: no disk space, and never read
        }

        DifferException e = refused(Reason.TOO_LARGE, tmp.resolve("big"), InputLimits.DEFAULTS);

        assertTrue(e.getMessage().contains("A.class: 3221225472 bytes than the class-file limit of"), e.getMessage());
    }

    @Test
    void aZipBombEntryIsReadNoFurtherThanTheLimit() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("t/A.class"));
            zip.write(new byte[1 << 20]); // 1 MiB of zeros deflates to about a kilobyte
            zip.closeEntry();
        }
        Path jar = Files.write(tmp.resolve("bomb.jar"), bytes.toByteArray());

        DifferException e = refused(Reason.TOO_LARGE, jar, SMALL);

        assertTrue(e.getMessage().contains("bomb.jar!/t/A.class"), e.getMessage());
    }

    @Test
    void tooManyEntriesAndTooManyBytesInAllAreRefused() {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            many.put("t/x" + i + ".txt", new byte[0]);
        }
        Path crowded = Jars.writeJar(tmp.resolve("crowded.jar"), many);
        Map<String, byte[]> heavy = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            byte[] small = InMemoryCompiler.compile(Map.of("p" + i + "/A.java", "package p" + i + "; class A { }"), 17)
                    .get("p" + i + "/A.class");
            heavy.put("p" + i + "/A.class", withPadding(small, 60 << 10));
        }
        Path dir = Jars.writeClasses(tmp.resolve("heavy"), heavy);

        DifferException entries = refused(Reason.TOO_LARGE, crowded, SMALL);
        DifferException total = refused(Reason.TOO_LARGE, dir, SMALL);

        assertTrue(entries.getMessage().contains("lists 9 entries, more than the limit of 8"), entries.getMessage());
        assertTrue(total.getMessage().contains("more than 262144 bytes of class files"), total.getMessage());
    }

    @Test
    void aStoredEntryWhoseBytesFailTheirCrcIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry("t/A.class");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(A.length);
            CRC32 crc = new CRC32();
            crc.update(A);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(A);
            zip.closeEntry();
        }
        byte[] zip = bytes.toByteArray();
        // The entry's data follows its local header: 30 bytes, the name, the extra field (JVMS has no say; APPNOTE
        // 4.3.7).
        int data = 30 + "t/A.class".length() + ((zip[28] & 0xff) | (zip[29] & 0xff) << 8);
        zip[data + 20] ^= 1; // one byte of the constant pool; the recorded CRC is the original's
        Path jar = Files.write(tmp.resolve("crc.jar"), zip);

        DifferException e = refused(Reason.CORRUPT_ENTRY, jar, InputLimits.DEFAULTS);

        assertTrue(e.getMessage().contains("entry 't/A.class' fails its CRC check"), e.getMessage());
    }

    @Test
    void anEntryCommentThatIsNotUtf8IsACorruptEntryNotACrash() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("t/A.class"));
            zip.write(A);
            zip.closeEntry();
            ZipEntry second = new ZipEntry("t/B.class");
            second.setComment("QQ");
            zip.putNextEntry(second);
            zip.closeEntry();
        }
        byte[] zip = bytes.toByteArray();
        // the comment "QQ" becomes 0xC3 0x28: a lead byte with no continuation (found by JarFuzzTest)
        for (int i = 0; i + 1 < zip.length; i++) {
            if (zip[i] == 'Q' && zip[i + 1] == 'Q') {
                zip[i] = (byte) 0xC3;
                zip[i + 1] = '(';
            }
        }
        Path jar = Files.write(tmp.resolve("names.jar"), zip);

        DifferException e = refused(Reason.CORRUPT_ENTRY, jar, InputLimits.DEFAULTS);

        assertTrue(e.getMessage().contains("names.jar: entry 2 has a comment that is not valid UTF-8"), e.getMessage());
    }

    @Test
    void annotationsNestedThousandsDeepEndInAnErrorNotAStackOverflow() throws IOException {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "t/A", null, "java/lang/Object", null);
        java.util.Deque<AnnotationVisitor> open = new java.util.ArrayDeque<>();
        open.push(writer.visitAnnotation("Lt/N;", true));
        for (int depth = 0; depth < 3000; depth++) {
            open.push(open.peek().visitAnnotation("value", "Lt/N;"));
        }
        while (!open.isEmpty()) {
            open.pop().visitEnd(); // ASM counts an annotation's values when it ends
        }
        writer.visitEnd();
        Path dir = Jars.writeClasses(tmp.resolve("deep"), Map.of("t/A.class", writer.toByteArray()));

        DifferException e = refused(Reason.CORRUPT_CLASS, dir, InputLimits.DEFAULTS);

        assertTrue(e.getMessage().contains("annotation values nested deeper than 64"), e.getMessage());
    }

    @Test
    void aFieldOrMethodWithoutANameIsACorruptClass() throws IOException {
        ClassReader reader = new ClassReader(A);
        // After the constant pool: access, this, super, interfaces_count (no interfaces), fields_count, then the first
        // field_info: access_flags, name_index (JVMS §4.1, §4.5).
        int nameIndex = reader.header + 2 + 2 + 2 + 2 + 2 + 2;
        byte[] nameless = A.clone();
        nameless[nameIndex] = 0;
        nameless[nameIndex + 1] = 0;
        Path dir = Jars.writeClasses(tmp.resolve("nameless"), Map.of("t/A.class", nameless));

        DifferException e = refused(Reason.CORRUPT_CLASS, dir, InputLimits.DEFAULTS);

        assertTrue(e.getMessage().contains("a field has no valid constant-pool entry"), e.getMessage());
    }

    @Test
    void aBuildWithoutClassFilesSaysWhatItHoldsInstead() throws IOException {
        Path libs = Files.createDirectories(tmp.resolve("lib2"));
        for (String name : new String[] {"a.jar", "b.jar", "c.jar"}) {
            Jars.writeJar(libs.resolve(name), Map.of("t/A.class", A));
        }
        Path resourcesOnly = Jars.writeJar(tmp.resolve("resources.jar"), Map.of("app.properties", new byte[1]));

        DifferException jars =
                assertThrows(DifferException.class, () -> ClassSet.read(libs).requireClasses());
        DifferException resources = assertThrows(
                DifferException.class, () -> ClassSet.read(resourcesOnly).requireClasses());

        assertEquals(Reason.NO_CLASSES, jars.reason());
        assertEquals(libs + ": no class files (it holds 3 jars); give a jar or a class directory", jars.getMessage());
        assertTrue(resources.getMessage().contains("(it holds 1 entries, none a class file)"), resources.getMessage());
        assertEquals(0, ClassSet.read(libs).size(), "the library itself allows an empty side");
    }

    /** The class file with a custom attribute of {@code size} bytes, to make it as large as a test needs. */
    private static byte[] withPadding(byte[] classFile, int size) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile).accept(writer, 0);
        writer.visitAttribute(new org.objectweb.asm.Attribute("Padding") {
            @Override
            protected org.objectweb.asm.ByteVector write(
                    ClassWriter classWriter, byte[] code, int codeLength, int maxStack, int maxLocals) {
                return new org.objectweb.asm.ByteVector().putByteArray(new byte[size], 0, size);
            }
        });
        return writer.toByteArray();
    }
}
