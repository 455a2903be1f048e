package io.liveupdate.revision;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The class files of one module at one revision.
 *
 * @param spec how the module was compiled
 * @param mode how these class files were produced
 * @param classes class-file path ({@code org/example/Foo.class}) to bytes, sorted by path
 * @param sources class-file path to the repository path of its source (empty for the Maven fallback)
 * @param compiledSources how many source files javac compiled for this result (all of them in full mode)
 */
public record ModuleClasses(
        CompileSpec spec,
        BuildMode mode,
        Map<String, byte[]> classes,
        Map<String, String> sources,
        int compiledSources) {
    public ModuleClasses {
        classes = Collections.unmodifiableMap(new TreeMap<>(classes));
        sources = Collections.unmodifiableMap(new TreeMap<>(sources));
    }
}
