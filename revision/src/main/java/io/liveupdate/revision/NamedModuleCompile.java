package io.liveupdate.revision;

import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * A compile execution whose sources hold a {@code module-info.java}, done as maven-compiler-plugin does it for the
 * {@code multiReleaseOutput} execution of a multi-release build: the sources compile as the named module, which patches
 * the class files the earlier executions of the module wrote ({@code --patch-module name=target/classes}); a
 * dependency goes on the module path when the descriptor requires it (directly, or through a module on the module
 * path), else on the class path, after {@code target/classes}; {@code --module-version} is the project's version.
 * javac needs the patched classes as files: they are written to a directory of liveupdate's cache for the time of the
 * compile, then deleted. Jar module names come from {@link ModuleFinder} (the descriptor, the manifest's
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
            descriptorOf(jar).ifPresent(d -> descriptors.put(jar, d));
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
        Path work = null;
        StandardJavaFileManager standard =
                compiler.javac().getStandardFileManager(null, Locale.ROOT, java.nio.charset.StandardCharsets.UTF_8);
        try {
            Files.createDirectories(compiler.cache().directory());
            work = Files.createTempDirectory(compiler.cache().directory(), "module-compile-");
            Path patched = write(work.resolve("classes"), ownClasses);
            Map<String, byte[]> others = new LinkedHashMap<>(memoryClasspath);
            ownClasses.keySet().forEach(others::remove);
            Path reactor = write(work.resolve("reactor"), others);
            List<Path> cp = new ArrayList<>(List.of(patched, reactor));
            cp.addAll(classPath);
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, cp);
            standard.setLocationFromPaths(StandardLocation.MODULE_PATH, modulePath);
            standard.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            MemoryFileManager fm = new MemoryFileManager(standard);
            List<String> extra = new ArrayList<>();
            if (!ownClasses.isEmpty()) {
                extra.addAll(List.of("--patch-module", module + "=" + patched));
            }
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
        } finally {
            try {
                standard.close();
            } catch (IOException ignored) {
                // closing jar file systems
            }
            if (work != null) {
                MavenFallback.deleteQuietly(work);
            }
        }
    }

    private static Optional<ModuleDescriptor> descriptorOf(Path jar) {
        try {
            return ModuleFinder.of(jar).findAll().stream().findFirst().map(ModuleReference::descriptor);
        } catch (FindException | SecurityException e) {
            return Optional.empty(); // not usable as a module: it stays on the class path
        }
    }

    private static Path write(Path dir, Map<String, byte[]> classes) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            Path file = dir.resolve(e.getKey()).normalize();
            if (!file.startsWith(dir)) {
                continue;
            }
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        return dir;
    }
}
