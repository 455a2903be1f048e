package io.liveupdate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** The JDK's javac for tests that need real class files: sources in, class files (by jar path) out. */
public final class Javac {
    private Javac() {}

    /**
     * Compiles {@code sources} (path in a source root, such as {@code demo/App.java}, to content) with
     * {@code --release 17} into {@code out}, and returns every class file written there by its jar path.
     *
     * @throws AssertionError when javac reports an error (its output is the message)
     */
    public static Map<String, byte[]> compile(Map<String, String> sources, Path out, String... options) {
        try {
            Path src = Files.createTempDirectory("javac-src");
            List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString()));
            args.addAll(List.of(options));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int rc = javac.run(null, log, log, args.toArray(String[]::new));
            GitHistory.deleteTree(src);
            if (rc != 0) {
                throw new AssertionError("javac failed (" + rc + ") on " + sources.keySet() + ": " + log);
            }
            Map<String, byte[]> classes = new TreeMap<>();
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    classes.put(out.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
