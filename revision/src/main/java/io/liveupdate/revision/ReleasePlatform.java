package io.liveupdate.revision;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The platform classes of {@code --release N}, read from the JDK's {@code lib/ct.sym} once per JVM. javac opens
 * {@code ct.sym} (tens of thousands of entries) again for every task given {@code --release}, which cost a history walk
 * about 40 % of its time. A file manager configured here sees exactly what javac's own release file manager shows (the
 * same {@code ct.sym} sections: on the platform class path below 9, as system modules from 9), so that the task can
 * take {@code -source N -target N} instead, with the same class files. The signature files' {@code .sig} names are
 * read as class files by {@link MemoryFileManager}, as javac's own release file manager does.
 *
 * <p>Not used, and {@code --release} left to javac, for the running JDK's own release (javac then reads the running
 * image), for a release {@code ct.sym} does not hold (javac reports it), and when options act on system modules
 * ({@code --add-exports}, {@code --add-reads}, {@code --limit-modules}, {@code --system}, {@code --upgrade-module-path},
 * {@code --enable-preview}: javac treats those differently under {@code --release}).
 */
final class ReleasePlatform {
    private static final Set<String> SYSTEM_OPTIONS = Set.of(
            "--add-exports", "--add-reads", "--limit-modules", "--system", "--upgrade-module-path", "--enable-preview");
    private static final Map<String, Optional<ReleasePlatform>> RELEASES = new ConcurrentHashMap<>();
    private static volatile Optional<FileSystem> ctSym;

    private final String release;
    private final boolean modules;
    private final List<Path> classPath;
    private final Map<String, List<Path>> systemModules;

    private ReleasePlatform(
            String release, boolean modules, List<Path> classPath, Map<String, List<Path>> systemModules) {
        this.release = release;
        this.modules = modules;
        this.classPath = classPath;
        this.systemModules = systemModules;
    }

    String release() {
        return release;
    }

    /** The platform for the {@code --release} of {@code options}, or null when javac should handle it itself. */
    static ReleasePlatform forOptions(List<String> options) {
        String release = null;
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if (SYSTEM_OPTIONS.contains(o) || SYSTEM_OPTIONS.stream().anyMatch(s -> o.startsWith(s + "="))) {
                return null;
            }
            if (o.equals("--release") && i + 1 < options.size()) {
                release = options.get(i + 1);
            } else if (o.startsWith("--release=")) {
                release = o.substring("--release=".length());
            }
        }
        if (release == null) {
            return null;
        }
        return RELEASES.computeIfAbsent(release, ReleasePlatform::load).orElse(null);
    }

    /** The options with {@code --release N} as {@code -source N -target N}. */
    List<String> rewrite(List<String> options) {
        List<String> out = new ArrayList<>(options.size() + 2);
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            boolean separate = o.equals("--release") && i + 1 < options.size();
            if (separate || o.startsWith("--release=")) {
                out.addAll(List.of("-source", release, "-target", release));
                if (separate) {
                    i++; // its value
                }
            } else {
                out.add(o);
            }
        }
        return out;
    }

    /** Puts this release's platform classes on {@code fm}, as javac's release file manager has them. */
    void configure(StandardJavaFileManager fm) throws IOException {
        if (!modules) {
            fm.setLocationFromPaths(StandardLocation.PLATFORM_CLASS_PATH, classPath);
            return;
        }
        fm.handleOption("--system", List.of("none").iterator());
        for (Map.Entry<String, List<Path>> e : systemModules.entrySet()) {
            fm.setLocationForModule(StandardLocation.SYSTEM_MODULES, e.getKey(), e.getValue());
        }
    }

    private static Optional<ReleasePlatform> load(String release) {
        int n;
        try {
            n = Integer.parseInt(release.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (n <= 0 || n >= Runtime.version().feature() || n >= Character.MAX_RADIX) {
            return Optional.empty();
        }
        Optional<FileSystem> fs = ctSym();
        if (fs.isEmpty()) {
            return Optional.empty();
        }
        String letter = Integer.toString(n, Character.MAX_RADIX).toUpperCase(Locale.ROOT);
        boolean modules = n >= 9;
        List<Path> classPath = new ArrayList<>();
        Map<String, List<Path>> systemModules = new TreeMap<>();
        Path root = fs.get().getRootDirectories().iterator().next();
        try (DirectoryStream<Path> sections = Files.newDirectoryStream(root)) {
            for (Path section : sections) {
                String name = section.getFileName().toString().replace("/", "");
                if (!name.contains(letter) || name.contains("-") || !Files.isDirectory(section)) {
                    continue;
                }
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(section)) {
                    for (Path module : entries) {
                        if (!Files.isDirectory(module)) {
                            continue;
                        }
                        classPath.add(module);
                        systemModules
                                .computeIfAbsent(
                                        module.getFileName().toString().replace("/", ""), k -> new ArrayList<>())
                                .add(module);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (classPath.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReleasePlatform(release.trim(), modules, List.copyOf(classPath), systemModules));
    }

    private static Optional<FileSystem> ctSym() {
        Optional<FileSystem> fs = ctSym;
        if (fs == null) {
            synchronized (ReleasePlatform.class) {
                fs = ctSym;
                if (fs == null) {
                    Path file = Path.of(System.getProperty("java.home"), "lib", "ct.sym");
                    try {
                        // Open for the life of the JVM, as the running image is: read-only, shared by all threads.
                        fs = Files.isRegularFile(file)
                                ? Optional.of(FileSystems.newFileSystem(file, (ClassLoader) null))
                                : Optional.empty();
                    } catch (IOException | RuntimeException e) {
                        fs = Optional.empty();
                    }
                    ctSym = fs;
                }
            }
        }
        return fs;
    }
}
