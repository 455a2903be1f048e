package io.liveupdate.differ;

import io.liveupdate.differ.DifferException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The class files of one build, grouped by release: the base entries (release 0) and, for a multi-release jar, each
 * {@code META-INF/versions/N/} directory as its own set. Every class file is checked when the set is read (size,
 * magic, supported version, constant pool readable, name matches path; for archives also the entry's CRC-32), so a
 * diff never starts on broken input, and every read is bounded by {@link InputLimits}.
 *
 * <p>Files that are not {@code .class}, and classes under {@code META-INF/} other than {@code META-INF/versions/N/},
 * are ignored: the JVM never loads them from there. A set may be empty (a module new since the base); front ends
 * that take a user's path call {@link #requireClasses()}.
 */
public final class ClassSet {
    /** Release number of the base entries. */
    public static final int BASE = 0;

    private static final String VERSIONS = "META-INF/versions/";

    private final String source;
    private final SortedMap<Integer, SortedMap<String, ClassFile>> releases;
    private final InputLimits limits;
    private final String contents;

    private ClassSet(
            String source,
            SortedMap<Integer, SortedMap<String, ClassFile>> releases,
            InputLimits limits,
            String contents) {
        this.source = source;
        this.releases = releases;
        this.limits = limits;
        this.contents = contents;
    }

    /** Where the set came from, as the user named it. */
    public String source() {
        return source;
    }

    /** The limits the set was read with; the differ parses its classes within them too. */
    public InputLimits limits() {
        return limits;
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

    /**
     * This set, when it holds at least one class file.
     *
     * @throws DifferException {@code NO_CLASSES}, saying what the input holds instead (jars in a directory of jars,
     *     say), for a path a user gave as a build
     */
    public ClassSet requireClasses() {
        if (size() == 0) {
            throw new DifferException(
                    Reason.NO_CLASSES, source + ": no class files (" + contents + "); give a jar or a class directory");
        }
        return this;
    }

    /** Reads a directory of class files (a class output directory or an exploded jar) or a jar/zip file. */
    public static ClassSet read(Path path) {
        return read(path, InputLimits.DEFAULTS);
    }

    /** Reads a directory or a jar/zip file within {@code limits}. */
    public static ClassSet read(Path path, InputLimits limits) {
        if (Files.isDirectory(path)) {
            return readDirectory(path, limits);
        }
        if (!Files.exists(path)) {
            throw new DifferException(Reason.NOT_FOUND, path + ": no such file or directory");
        }
        if (!Files.isReadable(path)) {
            throw new DifferException(Reason.NOT_FOUND, path + ": not readable");
        }
        return readArchive(path, limits);
    }

    /**
     * Builds a set from class files in memory.
     *
     * @param source a label for messages
     * @param classFilesByPath class files keyed by their path in a jar ({@code org/example/Foo.class},
     *     {@code META-INF/versions/11/org/example/Foo.class}); other paths are ignored
     */
    public static ClassSet of(String source, Map<String, byte[]> classFilesByPath) {
        Builder builder = new Builder(source, InputLimits.DEFAULTS);
        new TreeMap<>(classFilesByPath).forEach((path, bytes) -> builder.add(path, source + "!/" + path, bytes));
        return builder.build(classFilesByPath.size() + " files in memory");
    }

    private static ClassSet readDirectory(Path dir, InputLimits limits) {
        Builder builder = new Builder(dir.toString(), limits);
        int archives = 0;
        int others = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
            for (Path file : regular) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class")) {
                    if (name.endsWith(".jar") || name.endsWith(".zip")) {
                        archives++;
                    } else {
                        others++;
                    }
                    continue;
                }
                String relative = dir.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), "/");
                builder.count(file.toString());
                builder.add(relative, file.toString(), readFile(file, builder));
            }
        } catch (IOException e) {
            throw new DifferException(Reason.IO_ERROR, dir + ": cannot read directory: " + e.getMessage(), e);
        }
        return builder.build(
                archives > 0
                        ? "it holds " + archives + (archives == 1 ? " jar" : " jars")
                        : others > 0
                                ? "it holds " + others + (others == 1 ? " other file" : " other files")
                                : "it is empty");
    }

    private static byte[] readFile(Path file, Builder builder) {
        try {
            long size = Files.size(file);
            builder.checkSize(file.toString(), size);
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DifferException(Reason.NOT_FOUND, file + ": no such file", e);
        } catch (IOException e) {
            throw new DifferException(Reason.IO_ERROR, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ClassSet readArchive(Path archive, InputLimits limits) {
        Builder builder = new Builder(archive.toString(), limits);
        int entries = 0;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            if (zip.size() > limits.maxEntries()) {
                throw new DifferException(
                        Reason.TOO_LARGE,
                        archive + ": lists " + zip.size() + " entries, more than the limit of " + limits.maxEntries());
            }
            // ZipFile.entries() walks the central directory entry by entry, so a name listed twice shows up twice.
            Set<String> names = new HashSet<>();
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = nextEntry(all, archive, entries + 1);
                entries++;
                String name = entry.getName();
                String where = archive + "!/" + name;
                if (!names.add(name)) {
                    throw new DifferException(
                            Reason.DUPLICATE_ENTRY,
                            archive + ": duplicate entry '" + name
                                    + "' (which copy the JVM loads is undefined; rebuild the archive)");
                }
                if (entry.isDirectory() || !name.endsWith(".class") || !Builder.isClassPath(name)) {
                    continue;
                }
                builder.count(where);
                if (entry.getSize() >= 0) {
                    builder.checkSize(where, entry.getSize());
                }
                builder.add(name, where, readEntry(zip, entry, archive, limits, builder));
            }
        } catch (ZipException e) {
            throw new DifferException(
                    Reason.NOT_A_ZIP, archive + ": not a jar or zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DifferException(Reason.IO_ERROR, archive + ": cannot read: " + e.getMessage(), e);
        }
        return builder.build(
                entries == 0 ? "it has no entries" : "it holds " + entries + " entries, none a class file");
    }

    /**
     * The next entry. ZipFile checks names when it opens the file but decodes each entry's comment only here, and
     * reports one that is not UTF-8 with an unchecked exception.
     */
    private static ZipEntry nextEntry(Enumeration<? extends ZipEntry> all, Path archive, int number) {
        try {
            return all.nextElement();
        } catch (IllegalArgumentException e) {
            throw new DifferException(
                    Reason.CORRUPT_ENTRY,
                    archive + ": entry " + number + " has a comment that is not valid UTF-8 (" + e.getMessage() + ")",
                    e);
        }
    }

    /**
     * An entry's inflated bytes, read no further than the class-file limit (the sizes a zip declares may lie), and
     * checked against the CRC-32 its headers record: {@link ZipFile} inflates without checking it.
     */
    private static byte[] readEntry(ZipFile zip, ZipEntry entry, Path archive, InputLimits limits, Builder builder)
            throws IOException {
        String name = entry.getName();
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxClassFileBytes() + 1));
        } catch (ZipException e) {
            throw new DifferException(
                    Reason.CORRUPT_ENTRY, archive + ": entry '" + name + "' is corrupt: " + e.getMessage(), e);
        }
        builder.checkSize(archive + "!/" + name, bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw new DifferException(
                    Reason.CORRUPT_ENTRY,
                    archive + ": entry '" + name + "' fails its CRC check (recorded "
                            + String.format("%08x", entry.getCrc()) + ", content "
                            + String.format("%08x", crc.getValue())
                            + ")");
        }
        return bytes;
    }

    /** Sorts class files into releases and validates each one, within the limits. */
    private static final class Builder {
        private final String source;
        private final InputLimits limits;
        private final SortedMap<Integer, SortedMap<String, ClassFile>> releases = new TreeMap<>();
        private int count;
        private long total;

        Builder(String source, InputLimits limits) {
            this.source = source;
            this.limits = limits;
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

        /** One more class file to read from this input. */
        void count(String origin) {
            if (++count > limits.maxEntries()) {
                throw new DifferException(
                        Reason.TOO_LARGE,
                        source + ": more than " + limits.maxEntries() + " class files (at " + origin + ")");
            }
        }

        /** A class file of {@code size} bytes is about to be read (or was, when its declared size is unknown). */
        void checkSize(String origin, long size) {
            if (size > limits.maxClassFileBytes()) {
                throw new DifferException(
                        Reason.TOO_LARGE,
                        origin + ": " + (size > limits.maxClassFileBytes() + 1 ? size + " bytes" : "more bytes")
                                + " than the class-file limit of " + limits.maxClassFileBytes());
            }
            if (total + size > limits.maxTotalBytes()) {
                throw new DifferException(
                        Reason.TOO_LARGE,
                        source + ": more than " + limits.maxTotalBytes() + " bytes of class files (at " + origin + ")");
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
            total += bytes.length;
            String name = internalName.replace('/', '.');
            ClassFile previous = releases.computeIfAbsent(release, r -> new TreeMap<>())
                    .put(name, new ClassFile(name, origin, bytes));
            if (previous != null) {
                throw new DifferException(
                        Reason.DUPLICATE_ENTRY, origin + ": class " + name + " is also at " + previous.origin());
            }
        }

        ClassSet build(String contents) {
            return new ClassSet(source, releases, limits, contents);
        }
    }
}
