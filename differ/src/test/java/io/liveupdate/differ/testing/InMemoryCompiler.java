package io.liveupdate.differ.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources held in memory with the running JDK's javac and returns the class files by path. */
public final class InMemoryCompiler {
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    /** One standard file manager for every compilation: it caches the platform classes javac reads. */
    private static final StandardJavaFileManager STANDARD = JAVAC.getStandardFileManager(null, null, null);

    private InMemoryCompiler() {}

    /** The running javac's feature version (17, 25, ...): tests state per-JDK expectations with it. */
    public static int javacFeature() {
        return Runtime.version().feature();
    }

    /**
     * Compiles {@code sources} (file name such as {@code t/A.java} to text) with {@code -g} (as Maven does) and
     * {@code --release release}.
     *
     * @return class files keyed by path ({@code t/A.class})
     */
    public static Map<String, byte[]> compile(Map<String, String> sources, int release) {
        return compile(sources, release, List.of());
    }

    /** As {@link #compile(Map, int)}, with more javac options (such as {@code -parameters}). */
    public static synchronized Map<String, byte[]> compile(
            Map<String, String> sources, int release, List<String> moreOptions) {
        List<String> options =
                new ArrayList<>(List.of("-g", "--release", Integer.toString(release), "-Xlint:-options", "-proc:none"));
        options.addAll(moreOptions);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
        JavaFileManager manager = new ForwardingJavaFileManager<>(STANDARD) {
            @Override
            public JavaFileObject getJavaFileForOutput(
                    Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                String path = className.replace('.', '/') + kind.extension;
                return new SimpleJavaFileObject(URI.create("mem:///" + path), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        outputs.put(path, out);
                        return out;
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) ->
                units.add(new SimpleJavaFileObject(URI.create("mem:///" + name), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return text;
                    }
                }));
        boolean ok =
                JAVAC.getTask(null, manager, diagnostics, options, null, units).call();
        if (!ok) {
            throw new IllegalArgumentException("compilation failed: " + diagnostics.getDiagnostics());
        }
        Map<String, byte[]> result = new TreeMap<>();
        outputs.forEach((path, out) -> result.put(path, out.toByteArray()));
        return result;
    }
}
