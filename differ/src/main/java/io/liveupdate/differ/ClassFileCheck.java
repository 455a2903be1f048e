package io.liveupdate.differ;

import io.liveupdate.differ.DifferException.Reason;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/** Cheap structural checks run on every class file read: header, version, constant pool and name (JVMS §4.1). */
final class ClassFileCheck {
    /** The newest class-file major version the bundled ASM reads. */
    static final int MAX_MAJOR = Opcodes.V26 & 0xFFFF;

    private static final int MAGIC = 0xCAFEBABE;

    private ClassFileCheck() {}

    static void validate(String origin, String expectedInternalName, byte[] bytes) {
        if (bytes.length < 10) {
            throw new DifferException(
                    Reason.CORRUPT_CLASS, origin + ": truncated class file (" + bytes.length + " bytes)");
        }
        int magic =
                ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
        if (magic != MAGIC) {
            throw new DifferException(
                    Reason.CORRUPT_CLASS,
                    origin + ": not a class file (magic " + String.format("0x%08X", magic) + ", expected 0xCAFEBABE)");
        }
        int major = ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
        if (major > MAX_MAJOR) {
            throw new DifferException(
                    Reason.UNSUPPORTED_VERSION,
                    origin + ": unsupported class-file version " + major + " (Java " + (major - 44)
                            + "); this build reads up to " + MAX_MAJOR + " (Java " + (MAX_MAJOR - 44) + ")");
        }
        String actual;
        try {
            ClassReader reader = new ClassReader(bytes);
            actual = reader.getClassName();
        } catch (RuntimeException e) {
            throw new DifferException(
                    Reason.CORRUPT_CLASS, origin + ": truncated or corrupt class file (constant pool unreadable)", e);
        }
        if (!expectedInternalName.equals(actual)) {
            throw new DifferException(
                    Reason.NAME_MISMATCH,
                    origin + ": declares class " + (actual == null ? "<none>" : actual.replace('/', '.'))
                            + " but its path says " + expectedInternalName.replace('/', '.'));
        }
    }
}
