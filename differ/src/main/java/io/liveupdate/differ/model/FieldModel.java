package io.liveupdate.differ.model;

import org.objectweb.asm.Opcodes;

/**
 * A field as declared in a class file (JVMS §4.5).
 *
 * @param access the access flags, without ASM's pseudo flags
 * @param value the ConstantValue attribute's value, or null
 * @param annotations encoding of the field's annotations and type annotations
 * @param otherAttributes names of non-standard attributes, joined
 */
public record FieldModel(
        int access,
        String name,
        String descriptor,
        String signature,
        Object value,
        CanonicalBytes annotations,
        String otherAttributes) {

    /** {@code name:descriptor}, the member text used in reports. */
    public String member() {
        return name + ":" + descriptor;
    }

    public boolean isStatic() {
        return (access & Opcodes.ACC_STATIC) != 0;
    }

    public boolean isEnumConstant() {
        return (access & Opcodes.ACC_ENUM) != 0;
    }
}
