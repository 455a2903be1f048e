package io.liveupdate.revision;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * maven-compiler-plugin 3.10+ writes a {@code package-info.class} for every {@code package-info.java} javac emits no
 * class for (a package-info without annotations), so that its stale-source detection works. This reproduces the
 * same bytes: an ASM-written synthetic abstract interface with only a SourceFile attribute, in the class-file version
 * of {@code --release} or {@code -target}.
 */
final class PackageInfoClasses {
    private PackageInfoClasses() {}

    /** {@code classes} and {@code sources} plus the package-info classes Maven would add for {@code compiled}. */
    static ModuleCompiler.Outcome complete(
            CompileSpec spec, Iterable<String> compiled, ModuleCompiler.Outcome outcome) {
        if (!spec.packageInfoClasses() || !outcome.success()) {
            return outcome;
        }
        Map<String, byte[]> classes = null;
        Map<String, String> sources = null;
        for (String source : compiled) {
            if (!source.endsWith("/package-info.java") && !source.equals("package-info.java")) {
                continue;
            }
            String relative = relative(spec, source);
            if (relative == null) {
                continue;
            }
            String internal = relative.substring(0, relative.length() - ".java".length());
            String path = internal + ".class";
            if (outcome.classes().containsKey(path) || (classes != null && classes.containsKey(path))) {
                continue;
            }
            if (classes == null) {
                classes = new HashMap<>(outcome.classes());
                sources = new HashMap<>(outcome.sources());
            }
            classes.put(path, generate(internal, classVersion(spec.javacOptions())));
            sources.put(path, source);
        }
        return classes == null
                ? outcome
                : new ModuleCompiler.Outcome(true, Map.copyOf(classes), Map.copyOf(sources), List.of());
    }

    private static String relative(CompileSpec spec, String source) {
        for (String root : spec.sourceRoots()) {
            if (root.isEmpty()) {
                return source;
            }
            if (source.startsWith(root + "/")) {
                return source.substring(root.length() + 1);
            }
        }
        return null;
    }

    static byte[] generate(String internalName, int version) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(
                version,
                Opcodes.ACC_SYNTHETIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE,
                internalName,
                null,
                "java/lang/Object",
                null);
        cw.visitSource("package-info.java", null);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** The class-file major version of {@code --release N} or {@code -target N} (44 + N; 1.x means x). */
    static int classVersion(List<String> options) {
        String level = null;
        for (int i = 0; i + 1 < options.size(); i++) {
            if (options.get(i).equals("--release") || options.get(i).equals("-target")) {
                level = options.get(i + 1);
                if (options.get(i).equals("--release")) {
                    break;
                }
            }
        }
        if (level == null) {
            return 44 + Runtime.version().feature();
        }
        String n = level.startsWith("1.") ? level.substring(2) : level;
        try {
            return 44 + Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return 44 + Runtime.version().feature();
        }
    }
}
