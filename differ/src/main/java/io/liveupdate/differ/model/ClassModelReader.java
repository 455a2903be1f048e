package io.liveupdate.differ.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.ModuleVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;

/**
 * Reads a class file into a {@link ClassModel} in one pass of ASM's visitor (StackMapTable frames are skipped: they
 * are an encoding of what the verifier infers, not meaning). Instruction operands are encoded resolved (class,
 * member and constant values, never constant-pool indexes) and branch targets as instruction indexes, so
 * {@code ldc} vs {@code ldc_w}, {@code goto} vs {@code goto_w}, short vs wide local-variable forms and any
 * constant-pool order encode alike.
 *
 * <p>References to the class's own name inside code are encoded as a placeholder, so two anonymous classes with the
 * same body but different numbers ({@code Outer$1}, {@code Outer$2}) get the same code encodings.
 */
public final class ClassModelReader {
    /** ASM's pseudo access flags (ACC_RECORD, ACC_DEPRECATED) live above the 16 bits of the class file. */
    private static final int CLASS_FILE_FLAGS = 0xFFFF;

    private static final int ASM_API = Opcodes.ASM9;

    private ClassModelReader() {}

    /** How deep annotations may nest (annotation in annotation, array in annotation) by default. */
    public static final int DEFAULT_MAX_NESTING = 64;

    /** Reads a class with the default nesting bound; see {@link #read(byte[], int)}. */
    public static ClassModel read(byte[] classFile) {
        return read(classFile, DEFAULT_MAX_NESTING);
    }

    /**
     * Reads a class. Malformed input ends in an unchecked exception (ASM's own, or an
     * {@link IllegalArgumentException} naming what is missing or too deep); callers turn it into a
     * {@code DifferException} naming the file.
     *
     * @param maxNesting how deep annotation values may nest; ASM reads them recursively, so the bound is what keeps a
     *     crafted class file from exhausting the stack
     */
    public static ClassModel read(byte[] classFile, int maxNesting) {
        ModelBuilder builder = new ModelBuilder(maxNesting);
        new ClassReader(classFile).accept(builder, ClassReader.SKIP_FRAMES);
        return builder.build();
    }

    /** JVMS §4.5, §4.6: every field and method has a name and a descriptor (a zero index leaves ASM with null). */
    private static String required(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " has no valid constant-pool entry");
        }
        return value;
    }

    private static final class ModelBuilder extends ClassVisitor {
        private String name;
        private int version;
        private int access;
        private boolean record;
        private String superName;
        private List<String> interfaces = List.of();
        private String signature;
        private String nestHost;
        private List<String> nestMembers;
        private List<String> permittedSubclasses;
        private List<RecordComponentModel> recordComponents;
        private final CanonicalEncoder annotations = new CanonicalEncoder();
        private final TreeSet<String> innerClasses = new TreeSet<>();
        private String enclosingMethod;
        private final CanonicalEncoder module = new CanonicalEncoder();
        private final TreeSet<CanonicalBytes> bootstrapMethods = new TreeSet<>();
        private final CanonicalEncoder debug = new CanonicalEncoder();
        private final List<String> otherAttributes = new ArrayList<>();
        private final List<FieldModel> fields = new ArrayList<>();
        private final List<MethodModel> methods = new ArrayList<>();
        private final Set<String> switchMapsRead = new HashSet<>();
        /** UTF-8 forms of the names and descriptors the class's code uses, shared by its methods. */
        private final Map<String, byte[]> utf8 = new java.util.HashMap<>();

        private final int maxNesting;

        ModelBuilder(int maxNesting) {
            super(ASM_API);
            this.maxNesting = maxNesting;
        }

        @Override
        public void visit(
                int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.version = version;
            this.access = access & CLASS_FILE_FLAGS;
            this.record = (access & Opcodes.ACC_RECORD) != 0;
            this.name = name;
            this.signature = signature;
            this.superName = superName;
            this.interfaces = interfaces == null ? List.of() : List.of(interfaces);
        }

        @Override
        public void visitSource(String source, String debugExtension) {
            debug.tag('S').string(source).string(debugExtension);
        }

        @Override
        public ModuleVisitor visitModule(String moduleName, int moduleAccess, String moduleVersion) {
            module.tag('M').string(moduleName).integer(moduleAccess).string(moduleVersion);
            return new ModuleEncoder(module);
        }

        @Override
        public void visitNestHost(String host) {
            nestHost = host;
        }

        @Override
        public void visitOuterClass(String owner, String methodName, String descriptor) {
            enclosingMethod = owner + "." + methodName + descriptor;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return AnnotationEncoder.annotation(annotations, descriptor, visible, maxNesting);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(
                int typeRef, TypePath typePath, String descriptor, boolean visible) {
            return AnnotationEncoder.typeAnnotation(annotations, typeRef, typePath, descriptor, visible, maxNesting);
        }

        @Override
        public void visitAttribute(Attribute attribute) {
            otherAttributes.add(attribute.type);
        }

        @Override
        public void visitNestMember(String nestMember) {
            if (nestMembers == null) {
                nestMembers = new ArrayList<>();
            }
            nestMembers.add(nestMember);
        }

        @Override
        public void visitPermittedSubclass(String permittedSubclass) {
            if (permittedSubclasses == null) {
                permittedSubclasses = new ArrayList<>();
            }
            permittedSubclasses.add(permittedSubclass);
        }

        @Override
        public void visitInnerClass(String innerName, String outerName, String simpleName, int innerAccess) {
            innerClasses.add(innerName + "|" + outerName + "|" + simpleName + "|" + innerAccess);
        }

        @Override
        public RecordComponentVisitor visitRecordComponent(String componentName, String descriptor, String sig) {
            if (recordComponents == null) {
                recordComponents = new ArrayList<>();
            }
            CanonicalEncoder componentAnnotations = new CanonicalEncoder();
            return new RecordComponentVisitor(ASM_API) {
                @Override
                public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                    return AnnotationEncoder.annotation(componentAnnotations, desc, visible, maxNesting);
                }

                @Override
                public AnnotationVisitor visitTypeAnnotation(
                        int typeRef, TypePath typePath, String desc, boolean visible) {
                    return AnnotationEncoder.typeAnnotation(
                            componentAnnotations, typeRef, typePath, desc, visible, maxNesting);
                }

                @Override
                public void visitAttribute(Attribute attribute) {
                    componentAnnotations.tag('X').string(attribute.type);
                }

                @Override
                public void visitEnd() {
                    recordComponents.add(new RecordComponentModel(
                            componentName, descriptor, sig, componentAnnotations.takeOrAbsent()));
                }
            };
        }

        @Override
        public FieldVisitor visitField(int fieldAccess, String fieldName, String descriptor, String sig, Object value) {
            required(fieldName, "a field");
            required(descriptor, "field " + fieldName);
            CanonicalEncoder fieldAnnotations = new CanonicalEncoder();
            List<String> fieldAttributes = new ArrayList<>(0);
            return new FieldVisitor(ASM_API) {
                @Override
                public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                    return AnnotationEncoder.annotation(fieldAnnotations, desc, visible, maxNesting);
                }

                @Override
                public AnnotationVisitor visitTypeAnnotation(
                        int typeRef, TypePath typePath, String desc, boolean visible) {
                    return AnnotationEncoder.typeAnnotation(
                            fieldAnnotations, typeRef, typePath, desc, visible, maxNesting);
                }

                @Override
                public void visitAttribute(Attribute attribute) {
                    fieldAttributes.add(attribute.type);
                }

                @Override
                public void visitEnd() {
                    fields.add(new FieldModel(
                            fieldAccess & CLASS_FILE_FLAGS,
                            fieldName,
                            descriptor,
                            sig,
                            value,
                            fieldAnnotations.takeOrAbsent(),
                            String.join(",", fieldAttributes)));
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(
                int methodAccess, String methodName, String descriptor, String sig, String[] exceptions) {
            required(methodName, "a method");
            required(descriptor, "method " + methodName);
            return new CodeEncoder(this, methodAccess, methodName, descriptor, sig, exceptions);
        }

        ClassModel build() {
            CanonicalEncoder nesting = new CanonicalEncoder();
            for (String inner : innerClasses) {
                nesting.tag('I').string(inner);
            }
            nesting.tag('E').string(enclosingMethod);
            CanonicalEncoder bootstraps = new CanonicalEncoder();
            for (CanonicalBytes d : bootstrapMethods) {
                bootstraps.append(d);
            }
            if (nestMembers != null) {
                nestMembers.sort(null);
            }
            if (permittedSubclasses != null) {
                permittedSubclasses.sort(null);
            }
            return new ClassModel(
                    name,
                    version,
                    access,
                    ClassKind.of(access, record),
                    superName,
                    interfaces,
                    signature,
                    nestHost,
                    nestMembers,
                    permittedSubclasses,
                    recordComponents,
                    annotations.takeOrAbsent(),
                    nesting.take(),
                    module.takeOrAbsent(),
                    bootstraps.takeOrAbsent(),
                    debug.takeOrAbsent(),
                    String.join(",", otherAttributes),
                    fields,
                    methods,
                    switchMapsRead);
        }
    }

    /** Encodes one method: its code, debug tables, annotations and, for constructors, its field initialisation. */
    private static final class CodeEncoder extends MethodVisitor {
        private static final String SELF = "<this>";

        private final ModelBuilder owner;
        private final int access;
        private final String name;
        private final String descriptor;
        private final String signature;
        private final List<String> exceptions;
        private final boolean constructor;

        private final CanonicalEncoder code = new CanonicalEncoder();
        private final CanonicalEncoder debug = new CanonicalEncoder();
        private final CanonicalEncoder annotations = new CanonicalEncoder();
        private final CanonicalEncoder parameters = new CanonicalEncoder();
        private final CanonicalEncoder initialization;
        private final CanonicalEncoder segment;
        private final List<String> otherAttributes = new ArrayList<>(0);

        private final Map<Label, Integer> labelIndexes = new java.util.HashMap<>();
        /** Null in constructors, whose instruction runs are compared one by one and must not depend on each other. */
        private final Map<String, Integer> symbols;

        private final List<Object[]> labelReferences = new ArrayList<>();
        private int instructions;
        private boolean hasCode;

        /** In constructors: objects created ({@code new}) whose {@code <init>} has not been called yet. */
        private int pendingNew;
        /** In constructors: whether the current run of instructions loads {@code this}. */
        private boolean segmentFromThis;

        private final List<String> functionBindings = new ArrayList<>(0);
        private final Map<String, Integer> functionSites = new java.util.HashMap<>();

        CodeEncoder(ModelBuilder owner, int access, String name, String descriptor, String signature, String[] ex) {
            super(ASM_API);
            this.owner = owner;
            this.access = access & CLASS_FILE_FLAGS;
            this.name = name;
            this.descriptor = descriptor;
            this.signature = signature;
            this.exceptions = ex == null ? List.of() : List.of(ex);
            this.constructor = "<init>".equals(name);
            this.initialization = constructor ? new CanonicalEncoder() : null;
            this.segment = constructor ? new CanonicalEncoder() : null;
            this.symbols = constructor ? null : new java.util.HashMap<>();
        }

        // ---- annotations and parameters

        @Override
        public void visitParameter(String parameterName, int parameterAccess) {
            parameters.tag('P').string(parameterName).integer(parameterAccess);
        }

        @Override
        public AnnotationVisitor visitAnnotationDefault() {
            annotations.tag('D');
            return new AnnotationEncoder(annotations, 1, owner.maxNesting);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
            return AnnotationEncoder.annotation(annotations, desc, visible, owner.maxNesting);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String desc, boolean visible) {
            return AnnotationEncoder.typeAnnotation(annotations, typeRef, typePath, desc, visible, owner.maxNesting);
        }

        @Override
        public void visitAnnotableParameterCount(int parameterCount, boolean visible) {
            annotations.tag(visible ? 'N' : 'n').integer(parameterCount);
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String desc, boolean visible) {
            annotations.tag(visible ? 'Q' : 'q').integer(parameter).string(desc);
            return new AnnotationEncoder(annotations, 1, owner.maxNesting);
        }

        @Override
        public AnnotationVisitor visitInsnAnnotation(int typeRef, TypePath typePath, String desc, boolean visible) {
            annotations
                    .tag(visible ? 'I' : 'i')
                    .integer(instructions)
                    .integer(typeRef)
                    .string(String.valueOf(typePath))
                    .string(desc);
            return new AnnotationEncoder(annotations, 1, owner.maxNesting);
        }

        @Override
        public AnnotationVisitor visitTryCatchAnnotation(int typeRef, TypePath typePath, String desc, boolean visible) {
            annotations
                    .tag(visible ? 'C' : 'c')
                    .integer(typeRef)
                    .string(String.valueOf(typePath))
                    .string(desc);
            return new AnnotationEncoder(annotations, 1, owner.maxNesting);
        }

        @Override
        public AnnotationVisitor visitLocalVariableAnnotation(
                int typeRef, TypePath typePath, Label[] start, Label[] end, int[] index, String desc, boolean visible) {
            annotations
                    .tag(visible ? 'L' : 'l')
                    .integer(typeRef)
                    .string(String.valueOf(typePath))
                    .string(desc);
            for (int i = 0; i < start.length; i++) {
                reference(annotations, start[i]);
                reference(annotations, end[i]);
                annotations.integer(index[i]);
            }
            return new AnnotationEncoder(annotations, 1, owner.maxNesting);
        }

        @Override
        public void visitAttribute(Attribute attribute) {
            otherAttributes.add(attribute.type);
        }

        // ---- code

        @Override
        public void visitCode() {
            hasCode = true;
        }

        @Override
        public void visitInsn(int opcode) {
            int start = begin(opcode);
            end(start);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            int start = begin(opcode);
            code.integer(operand);
            end(start);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            if (constructor && opcode == Opcodes.ALOAD && varIndex == 0) {
                segmentFromThis = true;
            }
            int start = begin(opcode);
            code.integer(varIndex);
            end(start);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            int start = begin(opcode);
            code.symbol(self(type), symbols, owner.utf8);
            end(start);
            if (opcode == Opcodes.NEW) {
                pendingNew++;
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String fieldOwner, String fieldName, String fieldDescriptor) {
            int start = begin(opcode);
            code.symbol(self(fieldOwner), symbols, owner.utf8)
                    .symbol(fieldName, symbols, owner.utf8)
                    .symbol(fieldDescriptor, symbols, owner.utf8);
            end(start);
            if (opcode == Opcodes.GETSTATIC && fieldName.startsWith("$SwitchMap$")) {
                owner.switchMapsRead.add(fieldName);
            }
            if (constructor && opcode == Opcodes.PUTFIELD && fieldOwner.equals(owner.name)) {
                // A run of instructions that ends in a store to the class's own field is what an existing object
                // would have been initialised with: that run is the constructor's field initialisation.
                endSegment(true);
            }
        }

        @Override
        public void visitMethodInsn(
                int opcode, String methodOwner, String methodName, String methodDescriptor, boolean isInterface) {
            int start = begin(opcode);
            code.symbol(self(methodOwner), symbols, owner.utf8)
                    .symbol(methodName, symbols, owner.utf8)
                    .symbol(methodDescriptor, symbols, owner.utf8)
                    .tag(isInterface ? 1 : 0);
            end(start);
            if (!constructor) {
                return;
            }
            if (opcode == Opcodes.INVOKESPECIAL && "<init>".equals(methodName)) {
                if (pendingNew > 0) {
                    pendingNew--; // an object the run creates (new X(..)): the run goes on
                } else {
                    endSegment(false); // super(..) or this(..): its arguments are not this class's initialisation
                }
            } else {
                // A call ends a statement-like run: one that uses `this` (this.items.add(..), register(this),
                // this.init()) acts on the object being built, as an initializer block does; others (a log line
                // that does not mention the object) do not.
                endSegment(segmentFromThis);
            }
        }

        /** Ends the current run in a constructor, keeping it as initialisation when {@code keep}. */
        private void endSegment(boolean keep) {
            if (keep) {
                initialization.append(segment);
            }
            segment.reset();
            segmentFromThis = false;
        }

        @Override
        public void visitInvokeDynamicInsn(
                String indyName, String indyDescriptor, Handle bootstrapMethod, Object... bootstrapArguments) {
            int start = begin(Opcodes.INVOKEDYNAMIC);
            code.symbol(indyName, symbols, owner.utf8).symbol(indyDescriptor, symbols, owner.utf8);
            bootstrap(bootstrapMethod, bootstrapArguments);
            end(start);
            if (LAMBDA_METAFACTORY.equals(bootstrapMethod.getOwner())
                    && bootstrapArguments.length >= 2
                    && bootstrapArguments[1] instanceof Handle target) {
                // The function object this site creates calls `target` for as long as it lives. Sites are known by the
                // interface method they implement, not by what they capture (a lambda turned `this::m` captures more).
                String site =
                        indyName + " " + Type.getReturnType(indyDescriptor).getDescriptor();
                int ordinal = functionSites.merge(site, 1, Integer::sum) - 1;
                functionBindings.add(site + " #" + ordinal + "=" + target.getTag() + " " + target.getOwner() + "."
                        + target.getName() + target.getDesc());
            }
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            int start = begin(opcode);
            reference(code, label);
            end(start);
        }

        @Override
        public void visitLabel(Label label) {
            labelIndexes.putIfAbsent(label, instructions);
        }

        @Override
        public void visitLdcInsn(Object value) {
            int start = begin(Opcodes.LDC);
            constant(value);
            end(start);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            int start = begin(Opcodes.IINC);
            code.integer(varIndex).integer(increment);
            end(start);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            int start = begin(Opcodes.TABLESWITCH);
            code.integer(min).integer(max);
            reference(code, dflt);
            for (Label label : labels) {
                reference(code, label);
            }
            end(start);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            int start = begin(Opcodes.LOOKUPSWITCH);
            reference(code, dflt);
            code.integer(keys.length);
            for (int i = 0; i < keys.length; i++) {
                code.integer(keys[i]);
                reference(code, labels[i]);
            }
            end(start);
        }

        @Override
        public void visitMultiANewArrayInsn(String desc, int dims) {
            int start = begin(Opcodes.MULTIANEWARRAY);
            code.symbol(self(desc), symbols, owner.utf8).integer(dims);
            end(start);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            code.tag(0xF0);
            reference(code, start);
            reference(code, end);
            reference(code, handler);
            code.symbol(type, symbols, owner.utf8);
        }

        @Override
        public void visitLocalVariable(String varName, String desc, String sig, Label start, Label end, int index) {
            debug.tag('V')
                    .string(varName, owner.utf8)
                    .string(desc, owner.utf8)
                    .string(sig, owner.utf8)
                    .integer(index);
            reference(debug, start);
            reference(debug, end);
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            debug.tag('N').integer(line);
            reference(debug, start);
        }

        @Override
        public void visitEnd() {
            for (Object[] ref : labelReferences) {
                CanonicalEncoder target = (CanonicalEncoder) ref[0];
                Integer index = labelIndexes.get((Label) ref[2]);
                target.patchInt((Integer) ref[1], index == null ? -1 : index);
            }
            CanonicalBytes codeDigest = hasCode ? code.take() : CanonicalBytes.ABSENT;
            CanonicalBytes init = constructor ? initialization.take() : CanonicalBytes.ABSENT;
            owner.methods.add(new MethodModel(
                    access,
                    name,
                    descriptor,
                    signature,
                    exceptions,
                    annotations.takeOrAbsent(),
                    parameters.takeOrAbsent(),
                    codeDigest,
                    debug.takeOrAbsent(),
                    init,
                    String.join(",", otherAttributes),
                    functionBindings));
        }

        // ---- encoding helpers

        private int begin(int opcode) {
            int start = code.size();
            code.tag(opcode);
            return start;
        }

        /** JDK's bootstrap for lambdas and method references (JLS §15.27.4, §15.13.3). */
        private static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

        private void end(int start) {
            instructions++;
            if (constructor) {
                code.copyTail(start, segment); // label placeholders stay unpatched here: runs compare by shape
            }
        }

        private void reference(CanonicalEncoder encoder, Label label) {
            labelReferences.add(new Object[] {encoder, encoder.size(), label});
            encoder.integer(0);
        }

        private String self(String internalName) {
            return owner.name.equals(internalName) ? SELF : internalName;
        }

        private void constant(Object value) {
            if (value instanceof Type type
                    && type.getSort() == Type.OBJECT
                    && owner.name.equals(type.getInternalName())) {
                code.tag('c').string(SELF);
            } else if (value instanceof ConstantDynamic condy) {
                code.tag('y').string(condy.getName()).string(condy.getDescriptor());
                Object[] args = new Object[condy.getBootstrapMethodArgumentCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = condy.getBootstrapMethodArgument(i);
                }
                bootstrap(condy.getBootstrapMethod(), args);
            } else {
                Values.encode(code, value);
            }
        }

        private void bootstrap(Handle handle, Object[] arguments) {
            CanonicalEncoder bsm = new CanonicalEncoder();
            Values.encode(bsm, handle);
            bsm.integer(arguments.length);
            for (Object argument : arguments) {
                Values.encode(bsm, argument);
            }
            code.append(bsm);
            owner.bootstrapMethods.add(bsm.take());
        }
    }

    /**
     * Encodes annotation values in order, nested annotations and arrays included, refusing values nested deeper than
     * the bound (ASM reads them recursively, calling this visitor at each level).
     */
    private static final class AnnotationEncoder extends AnnotationVisitor {
        private final CanonicalEncoder out;
        private final int depth;
        private final int max;

        /** Starts a declaration annotation ({@code visible}: RuntimeVisible, else RuntimeInvisible) in {@code out}. */
        static AnnotationVisitor annotation(CanonicalEncoder out, String descriptor, boolean visible, int max) {
            out.tag(visible ? 'A' : 'a').string(descriptor);
            return new AnnotationEncoder(out, 1, max);
        }

        /** Starts a type annotation (JVMS §4.7.20) in {@code out}. */
        static AnnotationVisitor typeAnnotation(
                CanonicalEncoder out, int typeRef, TypePath typePath, String descriptor, boolean visible, int max) {
            out.tag(visible ? 'T' : 't')
                    .integer(typeRef)
                    .string(String.valueOf(typePath))
                    .string(descriptor);
            return new AnnotationEncoder(out, 1, max);
        }

        AnnotationEncoder(CanonicalEncoder out, int depth, int max) {
            super(ASM_API);
            if (depth > max) {
                throw new IllegalArgumentException("annotation values nested deeper than " + max);
            }
            this.out = out;
            this.depth = depth;
            this.max = max;
        }

        @Override
        public void visit(String name, Object value) {
            out.tag('v').string(name);
            Values.encode(out, value);
        }

        @Override
        public void visitEnum(String name, String descriptor, String value) {
            out.tag('e').string(name).string(descriptor).string(value);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String name, String descriptor) {
            out.tag('@').string(name).string(descriptor);
            return new AnnotationEncoder(out, depth + 1, max);
        }

        @Override
        public AnnotationVisitor visitArray(String name) {
            out.tag('[').string(name);
            return new AnnotationEncoder(out, depth + 1, max);
        }

        @Override
        public void visitEnd() {
            out.tag(';');
        }
    }

    /** Encodes the Module attribute and its companions (ModulePackages, ModuleMainClass). */
    private static final class ModuleEncoder extends ModuleVisitor {
        private final CanonicalEncoder out;

        ModuleEncoder(CanonicalEncoder out) {
            super(ASM_API);
            this.out = out;
        }

        @Override
        public void visitMainClass(String mainClass) {
            out.tag('m').string(mainClass);
        }

        @Override
        public void visitPackage(String packaze) {
            out.tag('p').string(packaze);
        }

        @Override
        public void visitRequire(String module, int access, String version) {
            out.tag('r').string(module).integer(access).string(version);
        }

        @Override
        public void visitExport(String packaze, int access, String... modules) {
            out.tag('x').string(packaze).integer(access);
            strings(modules);
        }

        @Override
        public void visitOpen(String packaze, int access, String... modules) {
            out.tag('o').string(packaze).integer(access);
            strings(modules);
        }

        @Override
        public void visitUse(String service) {
            out.tag('u').string(service);
        }

        @Override
        public void visitProvide(String service, String... providers) {
            out.tag('v').string(service);
            strings(providers);
        }

        private void strings(String[] values) {
            out.integer(values == null ? -1 : values.length);
            if (values != null) {
                for (String value : values) {
                    out.string(value);
                }
            }
        }
    }
}
