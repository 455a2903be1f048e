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
 * @param fieldInitialization for constructors, encoding of the instruction runs that act on the object being built:
 *     runs that end in a store to one of the class's own fields, and runs that start from {@code this} and end in a
 *     call (an initializer block's {@code items.add(..)}, a {@code register(this)}); what an existing object would
 *     have been initialised with. {@link CanonicalBytes#ABSENT} for other methods
 * @param otherAttributes names of non-standard attributes, joined
 * @param functionBindings for every {@code invokedynamic} of {@code LambdaMetafactory} in the code, in order: the call
 *     site ({@code method interface #n}: the interface method implemented and its interface, n counting such sites)
 *     and the method the function object it creates calls (the implementation handle), as {@code site=handle}
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
        String otherAttributes,
        List<String> functionBindings) {
    public MethodModel {
        exceptions = List.copyOf(exceptions);
        functionBindings = List.copyOf(functionBindings);
    }

    /** {@code name(descriptor)return}, the member text used in reports. */
    public String member() {
        return name + descriptor;
    }

    public boolean isSynthetic() {
        return (access & Opcodes.ACC_SYNTHETIC) != 0;
    }
}
