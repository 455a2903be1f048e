package io.liveupdate.differ.model;

import org.objectweb.asm.Opcodes;

/** What the JVM and the language treat as different kinds of type; a kind change is never applied live. */
public enum ClassKind {
    CLASS,
    INTERFACE,
    ANNOTATION,
    ENUM,
    RECORD,
    MODULE;

    static ClassKind of(int access, boolean hasRecordAttribute) {
        if ((access & Opcodes.ACC_MODULE) != 0) {
            return MODULE;
        }
        if ((access & Opcodes.ACC_ANNOTATION) != 0) {
            return ANNOTATION;
        }
        if ((access & Opcodes.ACC_INTERFACE) != 0) {
            return INTERFACE;
        }
        if ((access & Opcodes.ACC_ENUM) != 0) {
            return ENUM;
        }
        return hasRecordAttribute ? RECORD : CLASS;
    }
}
