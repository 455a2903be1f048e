package io.liveupdate.differ.model;

import java.util.List;
import java.util.Set;

/**
 * An immutable model of one class file: everything the differ compares, read once by {@link ClassModelReader}.
 * Attribute contents that matter only by meaning (code, annotations, nesting) are kept as canonical encodings
 * ({@link CanonicalBytes}), so comparing models is independent of constant-pool layout.
 *
 * @param name internal name ({@code org/example/Foo})
 * @param version the class-file version, minor in the high 16 bits and major in the low 16 (as ASM reports it)
 * @param access class access flags (JVMS §4.1), without ASM's pseudo flags
 * @param kind class, interface, annotation, enum, record or module
 * @param superName internal name of the superclass, null for java/lang/Object and module-info
 * @param interfaces direct superinterfaces in declaration order
 * @param nestHost the NestHost attribute, or null
 * @param nestMembers the NestMembers attribute as a sorted list, or null when absent
 * @param permittedSubclasses the PermittedSubclasses attribute as a sorted list, or null when absent
 * @param recordComponents the Record attribute, or null when absent
 * @param annotations encoding of class annotations and type annotations
 * @param nesting encoding of InnerClasses and EnclosingMethod
 * @param module encoding of the Module, ModulePackages and ModuleMainClass attributes
 * @param bootstrapMethods encoding of the set of bootstrap methods (handle and arguments) the class's invokedynamic
 *     instructions and dynamic constants use
 * @param debug encoding of SourceFile and SourceDebugExtension
 * @param otherAttributes names of non-standard class attributes, joined
 * @param switchMapsRead the {@code $SwitchMap$...} fields the class's code reads
 */
public record ClassModel(
        String name,
        int version,
        int access,
        ClassKind kind,
        String superName,
        List<String> interfaces,
        String signature,
        String nestHost,
        List<String> nestMembers,
        List<String> permittedSubclasses,
        List<RecordComponentModel> recordComponents,
        CanonicalBytes annotations,
        CanonicalBytes nesting,
        CanonicalBytes module,
        CanonicalBytes bootstrapMethods,
        CanonicalBytes debug,
        String otherAttributes,
        List<FieldModel> fields,
        List<MethodModel> methods,
        Set<String> switchMapsRead) {
    public ClassModel {
        interfaces = List.copyOf(interfaces);
        nestMembers = nestMembers == null ? null : List.copyOf(nestMembers);
        permittedSubclasses = permittedSubclasses == null ? null : List.copyOf(permittedSubclasses);
        recordComponents = recordComponents == null ? null : List.copyOf(recordComponents);
        fields = List.copyOf(fields);
        methods = List.copyOf(methods);
        switchMapsRead = Set.copyOf(switchMapsRead);
    }

    /** The binary name with dots, as reports print it. */
    public String binaryName() {
        return name.replace('/', '.');
    }
}
