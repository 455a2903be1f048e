package io.liveupdate.revision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A directory of class files that javac must read as files (the classes a named module patches), kept for the life
 * of one {@link ModuleCompiler}: each compile writes only the class files that changed since the last one and deletes
 * those that went, so a history walk does not rewrite a whole module per commit. Its compiler deletes it when it
 * closes. Not thread-safe, as its compiler.
 */
final class PatchDirectory {
    private final Path dir;
    private final Map<String, byte[]> written = new HashMap<>();

    PatchDirectory(Path dir) {
        this.dir = dir;
    }

    Path path() {
        return dir;
    }

    /** Makes the directory hold exactly {@code classes} (class-file path to bytes); paths outside it are ignored. */
    Path sync(Map<String, byte[]> classes) throws IOException {
        Files.createDirectories(dir);
        for (Iterator<Map.Entry<String, byte[]>> it = written.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, byte[]> e = it.next();
            if (!classes.containsKey(e.getKey())) {
                Files.deleteIfExists(dir.resolve(e.getKey()));
                it.remove();
            }
        }
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            byte[] before = written.get(e.getKey());
            if (before == e.getValue() || (before != null && Arrays.equals(before, e.getValue()))) {
                continue;
            }
            Path file = dir.resolve(e.getKey()).normalize();
            if (!file.startsWith(dir)) {
                continue;
            }
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
            written.put(e.getKey(), e.getValue());
        }
        return dir;
    }
}
