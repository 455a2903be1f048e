package io.liveupdate.revision;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final Map<List<Object>, MemoryFileManager> managers = new LinkedHashMap<>(8, 0.75f, true);
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
                .filter(ModuleCompiler::isModuleDescriptor)
                .findFirst()
                .orElse(null);
        if (descriptor != null) {
            return NamedModuleCompile.compile(this, spec, sources, descriptor, memoryClasspath, ownClasses);
        }
        return run(
                manager(spec.classpath(), ReleasePlatform.forOptions(spec.javacOptions())),
                spec,
                sources,
                memoryClasspath,
                List.of());
    }

    JavaCompiler javac() {
        return javac;
    }

    /** Whether a source path is a module descriptor ({@code module-info.java}), which makes a compile a named one. */
    static boolean isModuleDescriptor(String path) {
        return path.equals("module-info.java") || path.endsWith("/module-info.java");
    }

    /** When compiles must stop ({@link System#nanoTime()}), or 0 for never; set from another thread. */
    private volatile long deadline;

    /**
     * Compiles after {@code nanoTime} ({@link System#nanoTime()}; 0: no deadline) stop with a {@code TIMEOUT}
     * {@link RevisionException}. javac ignores interrupts, so the cancel is cooperative: a task listener aborts the
     * task at javac's next event (the start or end of a phase for one compilation unit).
     */
    void deadline(long nanoTime) {
        deadline = nanoTime;
    }

    private void checkDeadline() {
        long d = deadline;
        if (d != 0 && System.nanoTime() - d > 0) {
            throw new Cancelled();
        }
    }

    private static RevisionException timeout() {
        return new RevisionException(RevisionException.Reason.TIMEOUT, "the compile ran past its deadline");
    }

    /** Thrown from javac's events past the deadline; javac unwinds the task. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("past the deadline", null, false, false);
        }
    }

    private final class DeadlineListener implements TaskListener {
        @Override
        public void started(TaskEvent e) {
            checkDeadline();
        }

        @Override
        public void finished(TaskEvent e) {
            checkDeadline();
        }
    }

    ToolCache cache() {
        return cache;
    }

    /** The directories a named module's compile hands javac as files: the classes it patches and the reactor's. */
    record PatchArea(Path root, PatchDirectory classes, PatchDirectory reactor) {}

    private PatchArea patchArea;

    /** File managers of named-module compiles, per paths and patched module: platform classes and jars read once. */
    private final Map<List<Object>, MemoryFileManager> namedManagers = new LinkedHashMap<>(4, 0.75f, true);

    private final Map<Path, java.util.Optional<java.lang.module.ModuleDescriptor>> descriptors = new HashMap<>();

    /** The module descriptor of a dependency jar (read once per compiler: jars in a Maven repository do not change). */
    java.util.Optional<java.lang.module.ModuleDescriptor> descriptorOf(Path jar) {
        return descriptors.computeIfAbsent(jar, NamedModuleCompile::descriptorOf);
    }

    /**
     * A file manager for a named module's compile: the patch area's directories, then {@code classPath}, on the class
     * path, {@code modulePath} on the module path, and the patch area's classes patching {@code patchedModule} (null:
     * none); kept warm for the next compile with the same paths and module. The caller syncs the patch area first.
     */
    MemoryFileManager namedManager(
            List<Path> classPath, List<Path> modulePath, String patchedModule, ReleasePlatform platform)
            throws IOException {
        List<Object> key =
                java.util.Arrays.asList(List.copyOf(classPath), List.copyOf(modulePath), patchedModule, platform);
        MemoryFileManager fm = namedManagers.get(key);
        if (fm != null) {
            return fm;
        }
        PatchArea area = patchArea();
        StandardJavaFileManager standard = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        List<Path> cp =
                new ArrayList<>(List.of(area.classes().path(), area.reactor().path()));
        cp.addAll(classPath);
        standard.setLocationFromPaths(StandardLocation.CLASS_PATH, cp);
        standard.setLocationFromPaths(StandardLocation.MODULE_PATH, modulePath);
        standard.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
        if (patchedModule != null) {
            // As the command line's option, once: javac refuses a second --patch-module for one module.
            standard.handleOption(
                    "--patch-module",
                    List.of(patchedModule + "=" + area.classes().path()).iterator());
        }
        if (platform != null) {
            platform.configure(standard);
        }
        return keep(namedManagers, key, new MemoryFileManager(standard, platform), 4);
    }

    /** This compiler's patch area, made in liveupdate's cache on first use and deleted by {@link #close()}. */
    PatchArea patchArea() throws IOException {
        if (patchArea == null) {
            java.nio.file.Files.createDirectories(cache.directory());
            Path root = java.nio.file.Files.createTempDirectory(cache.directory(), "module-compile-");
            patchArea = new PatchArea(
                    root, new PatchDirectory(root.resolve("classes")), new PatchDirectory(root.resolve("reactor")));
        }
        return patchArea;
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
        if (fm.platform() != null) {
            options = fm.platform().rewrite(options); // the manager holds the release's platform classes
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        boolean ok;
        try {
            checkDeadline();
            if (units.isEmpty()) {
                ok = true;
            } else {
                JavacTask task = (JavacTask) javac.getTask(out, fm, diagnostics, options, null, units);
                if (deadline != 0) {
                    task.addTaskListener(new DeadlineListener());
                }
                ok = task.call();
            }
        } catch (Cancelled e) {
            throw timeout();
        } catch (IllegalArgumentException e) {
            return new Outcome(false, Map.of(), Map.of(), List.of("javac: " + e.getMessage()));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof Cancelled) {
                throw timeout(); // javac wraps what a listener throws
            }
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

    private MemoryFileManager manager(List<Path> classpath, ReleasePlatform platform) {
        List<Object> key = java.util.Arrays.asList(List.copyOf(classpath), platform);
        MemoryFileManager fm = managers.get(key);
        if (fm != null) {
            return fm;
        }
        StandardJavaFileManager standard = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        try {
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
            standard.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            if (platform != null) {
                platform.configure(standard);
            }
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR, "cannot open classpath " + classpath + ": " + e.getMessage(), e);
        }
        return keep(managers, key, new MemoryFileManager(standard, platform), 16);
    }

    /** Puts {@code fm} in the access-ordered {@code cache}, closing the least recently used beyond {@code max}. */
    private static MemoryFileManager keep(
            Map<List<Object>, MemoryFileManager> cache, List<Object> key, MemoryFileManager fm, int max) {
        cache.put(key, fm);
        if (cache.size() > max) {
            var eldest = cache.entrySet().iterator().next();
            closeQuietly(eldest.getValue());
            cache.remove(eldest.getKey());
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
        namedManagers.values().forEach(ModuleCompiler::closeQuietly);
        namedManagers.clear();
        descriptors.clear();
        if (patchArea != null) {
            MavenFallback.deleteQuietly(patchArea.root());
            patchArea = null;
        }
    }
}
