package io.liveupdate.revision;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What compiling one revision gave: its class files per module, or a typed failure. Never an exception: a revision
 * that does not compile, or whose dependencies are missing, is a {@link Failed}.
 */
public sealed interface RevisionResult permits RevisionResult.Compiled, RevisionResult.Failed {
    /** The commit. */
    ObjectId commit();

    /** Wall time spent on this revision, in milliseconds. */
    long millis();

    /**
     * A revision's class files.
     *
     * @param maven for {@link BuildMode#MAVEN}, the Maven that built them ({@code "Maven 3.9.16"}, {@code "the
     *     repository's mvnw"}); null otherwise
     * @param deviations why these class files may differ from what the revision's own Maven build writes, one line
     *     each ({@code artifactId:goal@phase (why)}); empty when the in-memory compile is exact. Non-empty only when the
     *     caller compiled in memory regardless ({@link RevisionCompiler.Options#mavenFallback()} off).
     */
    record Compiled(
            ObjectId commit,
            BuildMode mode,
            List<ModuleClasses> modules,
            long millis,
            String maven,
            List<String> deviations)
            implements RevisionResult {
        public Compiled {
            modules = List.copyOf(modules);
            deviations = List.copyOf(deviations);
        }

        public Compiled(ObjectId commit, BuildMode mode, List<ModuleClasses> modules, long millis) {
            this(commit, mode, modules, millis, null, List.of());
        }

        /** Class files of every module, by class-file path (a later module wins on a duplicate path). */
        public Map<String, byte[]> classes() {
            Map<String, byte[]> all = new TreeMap<>();
            modules.forEach(m -> all.putAll(m.classes()));
            return Collections.unmodifiableMap(all);
        }

        /** The specs the modules were compiled with, in reactor order. */
        public List<CompileSpec> specs() {
            return modules.stream().map(ModuleClasses::spec).toList();
        }

        /** The compile execution whose {@link CompileSpec#key()} is {@code key}, or null. */
        public ModuleClasses pass(String key) {
            return modules.stream()
                    .filter(m -> m.spec().key().equals(key))
                    .findFirst()
                    .orElse(null);
        }

        /**
         * The class files of the modules at repository-relative directory {@code module} (every compile execution of
         * it), or of every module when {@code module} is null, by class-file path.
         */
        public Map<String, byte[]> classesOf(String module) {
            if (module == null) {
                return classes();
            }
            Map<String, byte[]> out = new TreeMap<>();
            modules.stream().filter(m -> m.spec().module().equals(module)).forEach(m -> out.putAll(m.classes()));
            return Collections.unmodifiableMap(out);
        }

        /** The module at repository-relative directory {@code module} (its first compile execution), or null. */
        public ModuleClasses module(String module) {
            return modules.stream()
                    .filter(m -> m.spec().module().equals(module))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Where a revision failed. */
    enum Stage {
        /** Reading the build files (an invalid POM, a parent that cannot be read). */
        MODEL,
        /** Resolving dependencies or parent POMs. */
        RESOLUTION,
        /** javac reported errors. */
        COMPILATION,
        /** The project's own Maven failed on the exported revision, or no admissible Maven could be had. */
        MAVEN,
        /**
         * The revision needs its own build to be reproduced exactly (a plugin goal, an annotation processor, a compiler
         * option that runs code or reaches outside the revision), which runs the repository's code, and the caller does
         * not trust the repository ({@link RevisionCompiler.Options#trustBuild()}). The diagnostics name each reason.
         */
        UNTRUSTED
    }

    /**
     * A revision that could not be compiled.
     *
     * @param module repository-relative directory of the module that failed ({@code null} when the whole model failed)
     * @param diagnostics the first diagnostics, each {@code path:line: message}
     * @param artifactsMissing whether dependencies or parent POMs could not be resolved
     * @param specs the specs read so far (empty when the model could not be read)
     */
    record Failed(
            ObjectId commit,
            BuildMode mode,
            Stage stage,
            String module,
            List<String> diagnostics,
            boolean artifactsMissing,
            List<CompileSpec> specs,
            long millis)
            implements RevisionResult {
        public Failed {
            diagnostics = List.copyOf(diagnostics);
            specs = List.copyOf(specs);
        }

        /** The first diagnostic, for one-line reports. */
        public String message() {
            return diagnostics.isEmpty()
                    ? stage.name().toLowerCase(java.util.Locale.ROOT) + " failed"
                    : diagnostics.get(0);
        }
    }
}
