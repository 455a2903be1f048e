package io.liveupdate.differ.model;

import java.util.List;
import org.objectweb.asm.Opcodes;

/**
 * A method as declared in a class file (JVMS §4.6), with its body reduced to canonical encodings.
 *
 * @param access the access flags, without ASM's pseudo flags
 * @param exceptions the Exceptions attribute (throws clause), in declaration order
 * @param annotations encoding of method, parameter and type annotations, AnnotationDefault and the annotable
 *     parameter count
 * @param parameters encoding of the MethodParameters attribute
 * @param code encoding of the instructions (opcodes with resolved constant operands, branch targets as instruction
 *     indexes) and the exception table, independent of constant-pool order and StackMapTable encoding;
 *     {@link CanonicalBytes#ABSENT} for abstract and native methods
 * @param debug encoding of LineNumberTable and LocalVariable(Type)Table
 * @param fieldInitialization for constructors, encoding of the instruction runs that end in a store to one of the
 *     class's own fields (what an existing object would have been initialised with); {@link CanonicalBytes#ABSENT} otherwise
 * @param otherAttributes names of non-standard attributes, joined
 */
public record MethodModel(
        int access,
        String name,
        String descriptor,
        String signature,
        List<String> exceptions,
        CanonicalBytes annotations,
        CanonicalBytes parameters,
        CanonicalBytes code,
        CanonicalBytes debug,
        CanonicalBytes fieldInitialization,
        String otherAttributes) {
    public MethodModel {
        exceptions = List.copyOf(exceptions);
    }

    /** {@code name(descriptor)return}, the member text used in reports. */
    public String member() {
        return name + descriptor;
    }

    public boolean isSynthetic() {
        return (access & Opcodes.ACC_SYNTHETIC) != 0;
    }
}
