package io.liveupdate.revision;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * One warm in-process javac: a single {@link JavaCompiler} and one {@link StandardJavaFileManager} per distinct
 * dependency classpath (kept open, so jar indexes are read once), wrapped per task in a {@link MemoryFileManager}. Not
 * thread-safe: one instance per thread.
 */
final class ModuleCompiler implements AutoCloseable {
    /** How many error diagnostics a failure keeps. */
    static final int MAX_DIAGNOSTICS = 10;

    private final JavaCompiler javac;
    private final Map<List<Path>, MemoryFileManager> managers = new LinkedHashMap<>(8, 0.75f, true);
    private final ToolCache cache;

    ModuleCompiler() {
        this(ToolCache.defaultCache());
    }

    /** @param cache where a named module's compile puts the class files it patches, for the time of the compile */
    ModuleCompiler(ToolCache cache) {
        this.cache = cache;
        javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new RevisionException(
                    RevisionException.Reason.INVALID_ARGUMENT,
                    "no system Java compiler: run liveupdate on a JDK, not a JRE");
        }
    }

    /** What one javac task produced. */
    record Outcome(boolean success, Map<String, byte[]> classes, Map<String, String> sources, List<String> errors) {}

    /**
     * Compiles {@code sources} (repository path to bytes) with the spec's options against {@code memoryClasspath}
     * (class-file path to bytes) and the spec's jars.
     */
    Outcome compile(CompileSpec spec, Map<String, byte[]> sources, Map<String, byte[]> memoryClasspath) {
        return compile(spec, sources, memoryClasspath, Map.of());
    }

    /**
     * As above; {@code ownClasses} are the class files earlier compile executions of the same module wrote (a subset of
     * {@code memoryClasspath}). When the sources hold a {@code module-info.java}, they compile as that named module,
     * as maven-compiler-plugin does for a multi-release execution: the module patches {@code ownClasses}
     * ({@code --patch-module}), dependencies its descriptor requires go on the module path, the others on the class
     * path, and {@code --module-version} is the module's version.
     */
    Outcome compile(
            CompileSpec spec,
            Map<String, byte[]> sources,
            Map<String, byte[]> memoryClasspath,
            Map<String, byte[]> ownClasses) {
        String descriptor = sources.keySet().stream()
                .filter(p -> p.equals("module-info.java") || p.endsWith("/module-info.java"))
                .findFirst()
                .orElse(null);
        if (descriptor != null) {
            return NamedModuleCompile.compile(this, spec, sources, descriptor, memoryClasspath, ownClasses);
        }
        return run(manager(spec.classpath()), spec, sources, memoryClasspath, List.of());
    }

    JavaCompiler javac() {
        return javac;
    }

    ToolCache cache() {
        return cache;
    }

    /** One javac task over {@code fm}, with the spec's allowed options and {@code extraOptions}. */
    Outcome run(
            MemoryFileManager fm,
            CompileSpec spec,
            Map<String, byte[]> sources,
            Map<String, byte[]> memoryClasspath,
            List<String> extraOptions) {
        fm.setMemoryClasspath(memoryClasspath);
        fm.clearOutputs();
        Charset charset = spec.encoding() == null ? Charset.defaultCharset() : charset(spec.encoding());
        List<JavaFileObject> units = new ArrayList<>(sources.size());
        sources.forEach((path, bytes) -> units.add(new MemoryFileManager.SourceFile(path, bytes, charset)));
        // In-process javac runs nothing of the revision's: options off the allow-list never reach it, and processors
        // never run (a build that needs them goes to its own, trusted, build).
        List<String> options = new ArrayList<>(CompilerPluginOptions.withoutRefused(spec.javacOptions()));
        if (!options.contains("-proc:none")) {
            options.add("-proc:none");
        }
        if (options.stream().noneMatch(o -> o.startsWith("-implicit:"))) {
            options.add("-implicit:none");
        }
        options.addAll(extraOptions);
        options.add("-XDuseUnsharedTable=true");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        boolean ok;
        try {
            ok = units.isEmpty()
                    || javac.getTask(out, fm, diagnostics, options, null, units).call();
        } catch (IllegalArgumentException e) {
            return new Outcome(false, Map.of(), Map.of(), List.of("javac: " + e.getMessage()));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IllegalArgumentException cause) {
                // javac's task wraps what it refuses, such as a module-info.java outside a module compile
                return new Outcome(false, Map.of(), Map.of(), List.of("javac refuses " + cause.getMessage()));
            }
            if (e instanceof IllegalStateException || e instanceof UncheckedIOException) {
                throw new RevisionException(RevisionException.Reason.IO_ERROR, "javac failed: " + e.getMessage(), e);
            }
            throw e;
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && errors.size() < MAX_DIAGNOSTICS) {
                errors.add(format(d));
            }
        }
        if (!ok && errors.isEmpty()) {
            errors.add("javac: " + firstLine(out.toString()));
        }
        if (!ok) {
            return new Outcome(false, Map.of(), Map.of(), errors);
        }
        return new Outcome(true, Map.copyOf(fm.outputs()), Map.copyOf(fm.outputSources()), List.of());
    }

    static String format(Diagnostic<? extends JavaFileObject> d) {
        String message = firstLine(d.getMessage(Locale.ROOT));
        if (d.getSource() == null) {
            return "javac: " + message;
        }
        return d.getSource().getName() + ":" + d.getLineNumber() + ": " + message;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private MemoryFileManager manager(List<Path> classpath) {
        MemoryFileManager fm = managers.get(classpath);
        if (fm != null) {
            return fm;
        }
        StandardJavaFileManager standard = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        try {
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
            standard.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR, "cannot open classpath " + classpath + ": " + e.getMessage(), e);
        }
        fm = new MemoryFileManager(standard);
        managers.put(List.copyOf(classpath), fm);
        if (managers.size() > 16) {
            var eldest = managers.entrySet().iterator().next();
            closeQuietly(eldest.getValue());
            managers.remove(eldest.getKey());
        }
        return fm;
    }

    private static void closeQuietly(MemoryFileManager fm) {
        try {
            fm.close();
        } catch (IOException ignored) {
            // Closing jar file systems; nothing to recover.
        }
    }

    @Override
    public void close() {
        managers.values().forEach(ModuleCompiler::closeQuietly);
        managers.clear();
    }
}
