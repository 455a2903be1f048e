package io.liveupdate.differ.model;

import java.util.List;
import org.objectweb.asm.Opcodes;

/**
 * A method as declared in a class file (JVMS §4.6), with its body reduced to digests.
 *
 * @param access the access flags, without ASM's pseudo flags
 * @param exceptions the Exceptions attribute (throws clause), in declaration order
 * @param annotations digest of method, parameter and type annotations, AnnotationDefault and the annotable
 *     parameter count
 * @param parameters digest of the MethodParameters attribute
 * @param code digest of the instructions (opcodes with resolved constant operands, branch targets as instruction
 *     indexes) and the exception table, independent of constant-pool order and StackMapTable encoding;
 *     {@link Digest#ABSENT} for abstract and native methods
 * @param debug digest of LineNumberTable and LocalVariable(Type)Table
 * @param fieldInitialization for constructors, digest of the instruction runs that end in a store to one of the
 *     class's own fields (what an existing object would have been initialised with); {@link Digest#ABSENT} otherwise
 * @param otherAttributes names of non-standard attributes, joined
 */
public record MethodModel(
        int access,
        String name,
        String descriptor,
        String signature,
        List<String> exceptions,
        Digest annotations,
        Digest parameters,
        Digest code,
        Digest debug,
        Digest fieldInitialization,
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
