package io.liveupdate.differ.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes test jars and class directories. */
public final class Jars {
    private Jars() {}

    public static Path writeJar(Path file, Map<String, byte[]> entries) {
        try {
            Files.write(file, zipBytes(entries));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] zipBytes(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(0);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A jar that lists {@code name} twice. ZipOutputStream refuses duplicates, so the jar is written with a
     * placeholder name of the same length, which is then patched to {@code name} in both local headers and the
     * central directory.
     */
    public static Path writeJarWithDuplicate(Path file, String name, byte[] first, byte[] second) {
        String placeholder = name.substring(0, name.length() - 7) + "Q.class";
        byte[] zip = zipBytes(Map.of(name, first, placeholder, second));
        byte[] from = placeholder.getBytes(StandardCharsets.UTF_8);
        byte[] to = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i <= zip.length - from.length; i++) {
            boolean match = true;
            for (int j = 0; j < from.length && match; j++) {
                match = zip[i + j] == from[j];
            }
            if (match) {
                System.arraycopy(to, 0, zip, i, to.length);
            }
        }
        try {
            Files.write(file, zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes class files (keyed by path) below {@code dir}. */
    public static Path writeClasses(Path dir, Map<String, byte[]> classFiles) {
        try {
            for (Map.Entry<String, byte[]> e : classFiles.entrySet()) {
                Path target = dir.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, e.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
