package io.liveupdate.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What of a class file other classes' class files can depend on (its application binary interface as javac sees it
 * when compiling a user): kind and flags, supertypes, generic signature, nested-class flags (the InnerClasses entries
 * users copy, JVMS §4.7.6), permitted subclasses, class annotations (a retention change alters users' class files),
 * and every non-synthetic member's descriptor, flags, signature, thrown exceptions and constant value (JLS §13.1: users
 * inline constant variables). Method bodies, private implementation details javac does not copy, and debug attributes
 * are not part of it.
 */
record ClassAbi(
        String name,
        int access,
        String superName,
        List<String> interfaces,
        String signature,
        int ownInnerAccess,
        Map<String, Integer> memberClasses,
        Set<String> permitted,
        Set<String> annotations,
        Map<String, Set<String>> members) {

    static ClassAbi of(byte[] bytes) {
        Collector c = new Collector();
        new ClassReader(bytes).accept(c, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassAbi(
                c.name,
                c.access,
                c.superName,
                c.interfaces,
                c.signature,
                c.ownInnerAccess,
                c.memberClasses,
                c.permitted,
                c.annotations,
                c.members);
    }

    /** Whether anything but members differs: a change users and subclasses see as a different type. */
    boolean typeChanged(ClassAbi other) {
        return access != other.access
                || !Objects.equals(superName, other.superName)
                || !interfaces.equals(other.interfaces)
                || !Objects.equals(signature, other.signature)
                || ownInnerAccess != other.ownInnerAccess
                || !memberClasses.equals(other.memberClasses)
                || !permitted.equals(other.permitted)
                || !annotations.equals(other.annotations);
    }

    /** Names of members whose declarations differ between this and {@code other} (added, removed or changed). */
    Set<String> changedMemberNames(ClassAbi other) {
        Set<String> names = new TreeSet<>();
        Set<String> all = new TreeSet<>(members.keySet());
        all.addAll(other.members.keySet());
        for (String n : all) {
            if (!Objects.equals(members.get(n), other.members.get(n))) {
                names.add(n);
            }
        }
        return names;
    }

    /** All member names (for a type that appeared or disappeared). */
    Set<String> memberNames() {
        return members.keySet();
    }

    private static final class Collector extends ClassVisitor {
        String name;
        int access;
        String superName;
        List<String> interfaces = List.of();
        String signature;
        int ownInnerAccess = -1;
        final Map<String, Integer> memberClasses = new TreeMap<>();
        final Set<String> permitted = new TreeSet<>();
        final Set<String> annotations = new TreeSet<>();
        final Map<String, Set<String>> members = new TreeMap<>();

        Collector() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int acc, String n, String sig, String sup, String[] itfs) {
            name = n;
            access = acc;
            superName = sup;
            signature = sig;
            interfaces = itfs == null ? List.of() : List.of(itfs);
        }

        @Override
        public void visitInnerClass(String n, String outer, String inner, int acc) {
            if (n.equals(name)) {
                ownInnerAccess = acc;
            } else if (name.equals(outer)) {
                memberClasses.put(n, acc);
            }
        }

        @Override
        public void visitPermittedSubclass(String subclass) {
            permitted.add(subclass);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            StringBuilder sb = new StringBuilder(descriptor).append(visible ? "+" : "-");
            annotations.add(descriptor);
            return new AnnotationVisitor(Opcodes.ASM9) {
                @Override
                public void visit(String n, Object value) {
                    sb.append(' ').append(n).append('=').append(render(value));
                }

                @Override
                public void visitEnum(String n, String desc, String value) {
                    sb.append(' ')
                            .append(n)
                            .append('=')
                            .append(desc)
                            .append('.')
                            .append(value);
                }

                @Override
                public AnnotationVisitor visitArray(String n) {
                    sb.append(' ').append(n).append("=[");
                    return this;
                }

                @Override
                public void visitEnd() {
                    annotations.remove(descriptor);
                    annotations.add(sb.toString());
                }
            };
        }

        @Override
        public FieldVisitor visitField(int acc, String n, String desc, String sig, Object value) {
            if ((acc & Opcodes.ACC_SYNTHETIC) == 0) {
                add(n, "F " + desc + " " + acc + " " + sig + " " + render(value));
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int acc, String n, String desc, String sig, String[] exceptions) {
            if ((acc & Opcodes.ACC_SYNTHETIC) == 0) {
                add(
                        n,
                        "M " + desc + " " + acc + " " + sig + " "
                                + (exceptions == null ? "" : Arrays.toString(exceptions)));
            }
            return null;
        }

        private void add(String n, String encoding) {
            members.computeIfAbsent(n, k -> new TreeSet<>()).add(encoding);
        }

        private static String render(Object value) {
            if (value == null) {
                return "-";
            }
            if (value instanceof Float f) {
                return "F" + Integer.toHexString(Float.floatToRawIntBits(f));
            }
            if (value instanceof Double d) {
                return "D" + Long.toHexString(Double.doubleToRawLongBits(d));
            }
            if (value.getClass().isArray()) {
                List<String> parts = new ArrayList<>();
                int n = java.lang.reflect.Array.getLength(value);
                for (int i = 0; i < n; i++) {
                    parts.add(String.valueOf(java.lang.reflect.Array.get(value, i)));
                }
                return parts.toString();
            }
            return value.getClass().getSimpleName() + ":" + value;
        }
    }
}
