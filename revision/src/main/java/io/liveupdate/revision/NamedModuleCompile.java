package io.liveupdate.revision;

import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compile execution whose sources hold a {@code module-info.java}, done as maven-compiler-plugin does it for the
 * {@code multiReleaseOutput} execution of a multi-release build: the sources compile as the named module, which patches
 * the class files the earlier executions of the module wrote ({@code --patch-module name=target/classes}); a
 * dependency goes on the module path when the descriptor requires it (directly, or through a module on the module
 * path), else on the class path, after {@code target/classes}; {@code --module-version} is the project's version.
 * javac needs the patched classes as files: they are kept in a directory of liveupdate's cache for the life of the
 * compiler ({@link ModuleCompiler#patchArea}), where each compile writes only what changed since the one before. Jar module names come from {@link ModuleFinder} (the descriptor, the manifest's
 * {@code Automatic-Module-Name}, or the file name), which reads the jar and runs none of it.
 */
final class NamedModuleCompile {
    private static final Pattern COMMENTS = Pattern.compile("//[^\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern MODULE = Pattern.compile("\\bmodule\\s+([\\w.]+)\\s*\\{");
    private static final Pattern REQUIRES =
            Pattern.compile("\\brequires\\s+(?:(?:transitive|static)\\s+)*([\\w.]+)\\s*;");

    private NamedModuleCompile() {}

    static ModuleCompiler.Outcome compile(
            ModuleCompiler compiler,
            CompileSpec spec,
            Map<String, byte[]> sources,
            String descriptorPath,
            Map<String, byte[]> memoryClasspath,
            Map<String, byte[]> ownClasses) {
        Charset charset = RevisionCompiler.charsetOf(spec);
        String text = COMMENTS.matcher(new String(sources.get(descriptorPath), charset))
                .replaceAll(" ");
        Matcher name = MODULE.matcher(text);
        if (!name.find()) {
            return new ModuleCompiler.Outcome(
                    false, Map.of(), Map.of(), List.of(descriptorPath + ":1: no module declaration"));
        }
        String module = name.group(1);
        Set<String> required = new HashSet<>();
        Matcher requires = REQUIRES.matcher(text);
        while (requires.find()) {
            required.add(requires.group(1));
        }
        Map<Path, ModuleDescriptor> descriptors = new LinkedHashMap<>();
        for (Path jar : spec.classpath()) {
            compiler.descriptorOf(jar).ifPresent(d -> descriptors.put(jar, d));
        }
        // The closure of what the module requires, among the dependencies.
        Deque<String> pending = new ArrayDeque<>(required);
        Set<String> onModulePath = new HashSet<>();
        while (!pending.isEmpty()) {
            String wanted = pending.removeFirst();
            for (Map.Entry<Path, ModuleDescriptor> e : descriptors.entrySet()) {
                if (e.getValue().name().equals(wanted) && onModulePath.add(wanted)) {
                    e.getValue().requires().forEach(r -> pending.add(r.name()));
                }
            }
        }
        List<Path> modulePath = new ArrayList<>();
        List<Path> classPath = new ArrayList<>();
        for (Path jar : spec.classpath()) {
            ModuleDescriptor d = descriptors.get(jar);
            (d != null && onModulePath.contains(d.name()) ? modulePath : classPath).add(jar);
        }
        try {
            ModuleCompiler.PatchArea area = compiler.patchArea();
            area.classes().sync(ownClasses);
            Map<String, byte[]> others = new LinkedHashMap<>(memoryClasspath);
            ownClasses.keySet().forEach(others::remove);
            area.reactor().sync(others);
            // The patch goes on the file manager (as --patch-module would), which is kept for the next compile.
            MemoryFileManager fm = compiler.namedManager(
                    classPath,
                    modulePath,
                    ownClasses.isEmpty() ? null : module,
                    ReleasePlatform.forOptions(spec.javacOptions()));
            List<String> extra = new ArrayList<>();
            if (spec.version() != null && !spec.version().isEmpty()) {
                extra.addAll(List.of("--module-version", spec.version()));
            }
            return compiler.run(fm, spec, sources, Map.of(), extra);
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.IO_ERROR,
                    "cannot prepare the module compile of " + descriptorPath + " in liveupdate's cache: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The module descriptor of a jar, or empty when it is not usable as a module; reads the jar and runs none of it. */
    static Optional<ModuleDescriptor> descriptorOf(Path jar) {
        try {
            return ModuleFinder.of(jar).findAll().stream().findFirst().map(ModuleReference::descriptor);
        } catch (FindException | SecurityException e) {
            return Optional.empty(); // not usable as a module: it stays on the class path
        }
    }
}
