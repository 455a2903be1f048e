package io.liveupdate.differ;

import io.liveupdate.differ.DifferException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The class files of one build, grouped by release: the base entries (release 0) and, for a multi-release jar, each
 * {@code META-INF/versions/N/} directory as its own set. Every class file is checked when the set is read (magic,
 * supported version, constant pool readable, name matches path), so a diff never starts on broken input.
 *
 * <p>Files that are not {@code .class}, and classes under {@code META-INF/} other than {@code META-INF/versions/N/},
 * are ignored: the JVM never loads them from there.
 */
public final class ClassSet {
    /** Release number of the base entries. */
    public static final int BASE = 0;

    private static final String VERSIONS = "META-INF/versions/";

    private final String source;
    private final SortedMap<Integer, SortedMap<String, ClassFile>> releases;

    private ClassSet(String source, SortedMap<Integer, SortedMap<String, ClassFile>> releases) {
        this.source = source;
        this.releases = releases;
    }

    /** Where the set came from, as the user named it. */
    public String source() {
        return source;
    }

    /** Release numbers present, base (0) first. */
    public List<Integer> releases() {
        return List.copyOf(releases.keySet());
    }

    /** The classes of one release by binary name, in name order; empty when the release is absent. */
    public SortedMap<String, ClassFile> classes(int release) {
        return Collections.unmodifiableSortedMap(releases.getOrDefault(release, new TreeMap<>()));
    }

    public int size() {
        return releases.values().stream().mapToInt(Map::size).sum();
    }

    /** Reads a directory of class files (a class output directory or an exploded jar) or a jar/zip file. */
    public static ClassSet read(Path path) {
        if (Files.isDirectory(path)) {
            return readDirectory(path);
        }
        if (!Files.exists(path)) {
            throw new DifferException(Reason.NOT_FOUND, path + ": no such file or directory");
        }
        if (!Files.isReadable(path)) {
            throw new DifferException(Reason.NOT_FOUND, path + ": not readable");
        }
        return readArchive(path);
    }

    /**
     * Builds a set from class files in memory.
     *
     * @param source a label for messages
     * @param classFilesByPath class files keyed by their path in a jar ({@code org/example/Foo.class},
     *     {@code META-INF/versions/11/org/example/Foo.class}); other paths are ignored
     */
    public static ClassSet of(String source, Map<String, byte[]> classFilesByPath) {
        Builder builder = new Builder(source);
        new TreeMap<>(classFilesByPath).forEach((path, bytes) -> builder.add(path, source + "!/" + path, bytes));
        return builder.build();
    }

    private static ClassSet readDirectory(Path dir) {
        Builder builder = new Builder(dir.toString());
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> classFiles = files.filter(p -> p.getFileName().toString().endsWith(".class"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            for (Path file : classFiles) {
                String relative = dir.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), "/");
                builder.add(relative, file.toString(), readFile(file));
            }
        } catch (IOException e) {
            throw new DifferException(Reason.IO_ERROR, dir + ": cannot read directory: " + e.getMessage(), e);
        }
        return builder.build();
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DifferException(Reason.NOT_FOUND, file + ": no such file", e);
        } catch (IOException e) {
            throw new DifferException(Reason.IO_ERROR, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ClassSet readArchive(Path archive) {
        Builder builder = new Builder(archive.toString());
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            // ZipFile.entries() walks the central directory entry by entry, so a name listed twice shows up twice.
            java.util.Set<String> names = new java.util.HashSet<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!names.add(name)) {
                    throw new DifferException(
                            Reason.DUPLICATE_ENTRY,
                            archive + ": duplicate entry '" + name
                                    + "' (which copy the JVM loads is undefined; rebuild the archive)");
                }
                if (entry.isDirectory() || !name.endsWith(".class") || !Builder.isClassPath(name)) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                } catch (ZipException e) {
                    throw new DifferException(
                            Reason.NOT_A_ZIP, archive + ": entry '" + name + "' is corrupt: " + e.getMessage(), e);
                }
                builder.add(name, archive + "!/" + name, bytes);
            }
        } catch (ZipException e) {
            throw new DifferException(
                    Reason.NOT_A_ZIP, archive + ": not a jar or zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DifferException(Reason.IO_ERROR, archive + ": cannot read: " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** Sorts class files into releases and validates each one. */
    private static final class Builder {
        private final String source;
        private final SortedMap<Integer, SortedMap<String, ClassFile>> releases = new TreeMap<>();

        Builder(String source) {
            this.source = source;
        }

        static boolean isClassPath(String path) {
            if (!path.startsWith("META-INF/")) {
                return true;
            }
            return releaseOf(path) > 0;
        }

        /** The N of {@code META-INF/versions/N/...}, or -1 when the path is not in a version directory. */
        private static int releaseOf(String path) {
            if (!path.startsWith(VERSIONS)) {
                return -1;
            }
            int slash = path.indexOf('/', VERSIONS.length());
            if (slash < 0) {
                return -1;
            }
            try {
                int release = Integer.parseInt(path.substring(VERSIONS.length(), slash));
                return release >= 9 ? release : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        void add(String path, String origin, byte[] bytes) {
            if (!path.endsWith(".class") || !isClassPath(path)) {
                return;
            }
            int release = BASE;
            String classPath = path;
            if (path.startsWith("META-INF/")) {
                release = releaseOf(path);
                classPath = path.substring(path.indexOf('/', VERSIONS.length()) + 1);
            }
            String internalName = classPath.substring(0, classPath.length() - ".class".length());
            ClassFileCheck.validate(origin, internalName, bytes);
            String name = internalName.replace('/', '.');
            ClassFile previous = releases.computeIfAbsent(release, r -> new TreeMap<>())
                    .put(name, new ClassFile(name, origin, bytes));
            if (previous != null) {
                throw new DifferException(
                        Reason.DUPLICATE_ENTRY, origin + ": class " + name + " is also at " + previous.origin());
            }
        }

        ClassSet build() {
            return new ClassSet(source, releases);
        }
    }
}
