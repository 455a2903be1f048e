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

    /** A revision's class files. */
    record Compiled(ObjectId commit, BuildMode mode, List<ModuleClasses> modules, long millis)
            implements RevisionResult {
        public Compiled {
            modules = List.copyOf(modules);
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

        /** The module at repository-relative directory {@code module}, or null. */
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
        /** The project's own Maven failed on the exported revision. */
        MAVEN
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
