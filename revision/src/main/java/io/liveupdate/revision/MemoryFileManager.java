package io.liveupdate.revision;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.ForwardingJavaFileObject;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * A javac file manager whose class path is in-memory class files (earlier outputs of the same revision or its parent)
 * in front of the dependency jars of a shared {@link StandardJavaFileManager}, and whose outputs stay in memory. It
 * implements what javac's {@code ClassFinder} needs to find types that are not compilation units: {@code list},
 * {@code inferBinaryName}, {@code hasLocation}, {@code getJavaFileForOutput} and {@code isSameFile}. The source path is
 * empty: every source javac sees is a compilation unit, as when Maven passes all sources of a module.
 */
final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
    /** Package name (dotted) to the in-memory classes of that package. */
    private final Map<String, List<MemoryClass>> classpath = new HashMap<>();

    private final Map<String, byte[]> outputs = new LinkedHashMap<>();
    private final Map<String, String> outputSources = new HashMap<>();

    /** The {@code --release} platform this manager's platform locations hold, or null for javac's own handling. */
    private final ReleasePlatform platform;

    MemoryFileManager(StandardJavaFileManager jars) {
        this(jars, null);
    }

    MemoryFileManager(StandardJavaFileManager jars, ReleasePlatform platform) {
        super(jars);
        this.platform = platform;
    }

    ReleasePlatform platform() {
        return platform;
    }

    /** Whether {@code location} holds {@code ct.sym}'s signature files (named {@code .sig}, read as class files). */
    private boolean holdsSignatures(Location location) {
        return platform != null
                && (location == StandardLocation.PLATFORM_CLASS_PATH
                        || location.getName().startsWith("SYSTEM_MODULES["));
    }

    /** Replaces the in-memory part of the class path by {@code classes} (class-file path to bytes). */
    void setMemoryClasspath(Map<String, byte[]> classes) {
        classpath.clear();
        classes.forEach((path, bytes) -> {
            String binary = path.substring(0, path.length() - ".class".length()).replace('/', '.');
            int dot = binary.lastIndexOf('.');
            String pkg = dot < 0 ? "" : binary.substring(0, dot);
            classpath.computeIfAbsent(pkg, k -> new ArrayList<>()).add(new MemoryClass(path, binary, bytes));
        });
    }

    /** Clears the outputs of the previous task. */
    void clearOutputs() {
        outputs.clear();
        outputSources.clear();
    }

    /** Class-file path ({@code org/example/Foo.class}) to the bytes javac wrote. */
    Map<String, byte[]> outputs() {
        return outputs;
    }

    /** Class-file path to the repository path of the source javac compiled it from. */
    Map<String, String> outputSources() {
        return outputSources;
    }

    @Override
    public Iterable<JavaFileObject> list(
            Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse) throws IOException {
        if (holdsSignatures(location) && kinds.contains(JavaFileObject.Kind.CLASS)) {
            Set<JavaFileObject.Kind> withOther = EnumSet.copyOf(kinds);
            withOther.add(JavaFileObject.Kind.OTHER);
            List<JavaFileObject> out = new ArrayList<>();
            for (JavaFileObject fo : super.list(location, packageName, withOther, recurse)) {
                if (fo.getKind() == JavaFileObject.Kind.OTHER && fo.getName().endsWith(".sig")) {
                    out.add(new Signature(fo));
                } else if (kinds.contains(fo.getKind())) {
                    out.add(fo);
                }
            }
            return out;
        }
        Iterable<JavaFileObject> delegated = super.list(location, packageName, kinds, recurse);
        if (location != StandardLocation.CLASS_PATH || !kinds.contains(JavaFileObject.Kind.CLASS)) {
            return delegated;
        }
        List<JavaFileObject> all = new ArrayList<>();
        if (recurse) {
            String prefix = packageName.isEmpty() ? "" : packageName + ".";
            classpath.forEach((pkg, list) -> {
                if (pkg.equals(packageName) || pkg.startsWith(prefix)) {
                    all.addAll(list);
                }
            });
        } else {
            all.addAll(classpath.getOrDefault(packageName, List.of()));
        }
        if (all.isEmpty()) {
            return delegated;
        }
        delegated.forEach(all::add);
        return all;
    }

    @Override
    public JavaFileObject getJavaFileForInput(Location location, String className, JavaFileObject.Kind kind)
            throws IOException {
        if (kind == JavaFileObject.Kind.CLASS && holdsSignatures(location)) {
            FileObject sig = super.getFileForInput(location, "", className.replace('.', '/') + ".sig");
            if (sig instanceof JavaFileObject jfo) {
                return new Signature(jfo);
            }
        }
        return super.getJavaFileForInput(location, className, kind);
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        if (file instanceof Signature sig) {
            return super.inferBinaryName(location, sig.delegate());
        }
        if (file instanceof MemoryClass mc) {
            return mc.binaryName;
        }
        if (file instanceof SourceFile) {
            return null;
        }
        return super.inferBinaryName(location, file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        if (a instanceof Signature sa) {
            a = sa.delegate();
        }
        if (b instanceof Signature sb) {
            b = sb.delegate();
        }
        if (a instanceof MemoryClass
                || b instanceof MemoryClass
                || a instanceof SourceFile
                || b instanceof SourceFile) {
            return a.equals(b);
        }
        return super.isSameFile(a, b);
    }

    /**
     * The revision's sources count as on the (otherwise empty) source path, the in-memory classes as on the class path:
     * javac asks when it compiles a named module, to check that its sources are where they belong.
     */
    @Override
    public boolean contains(Location location, FileObject file) throws IOException {
        if (file instanceof Signature sig) {
            return super.contains(location, sig.delegate());
        }
        if (file instanceof SourceFile) {
            return location == StandardLocation.SOURCE_PATH;
        }
        if (file instanceof MemoryClass) {
            return location == StandardLocation.CLASS_PATH;
        }
        return super.contains(location, file);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
            Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
        String path = className.replace('.', '/') + kind.extension;
        String source = sibling instanceof SourceFile sf ? sf.path() : null;
        return new SimpleJavaFileObject(uri("mem", "/" + path), kind) {
            @Override
            public OutputStream openOutputStream() {
                return new ByteArrayOutputStream() {
                    @Override
                    public void close() throws IOException {
                        super.close();
                        outputs.put(path, toByteArray());
                        if (source != null) {
                            outputSources.put(path, source);
                        }
                    }
                };
            }
        };
    }

    static URI uri(String scheme, String path) {
        try {
            return new URI(scheme, null, path, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    /** A {@code ct.sym} signature file, which is a class file under another name (as javac's release manager reads it). */
    static final class Signature extends ForwardingJavaFileObject<JavaFileObject> {
        Signature(JavaFileObject sig) {
            super(sig);
        }

        JavaFileObject delegate() {
            return fileObject;
        }

        @Override
        public Kind getKind() {
            return Kind.CLASS;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            return super.isNameCompatible(simpleName + ".sig", Kind.OTHER);
        }
    }

    /** A class file held in memory. */
    static final class MemoryClass extends SimpleJavaFileObject {
        final String binaryName;
        private final byte[] bytes;

        MemoryClass(String path, String binaryName, byte[] bytes) {
            super(uri("mem", "/" + path), Kind.CLASS);
            this.binaryName = binaryName;
            this.bytes = bytes;
        }

        @Override
        public InputStream openInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public NestingKind getNestingKind() {
            return null;
        }

        @Override
        public Modifier getAccessLevel() {
            return null;
        }
    }

    /** A source file of the revision: its repository path and its decoded text. */
    static final class SourceFile extends SimpleJavaFileObject {
        private final String path;
        private final byte[] bytes;
        private final Charset charset;

        SourceFile(String path, byte[] bytes, Charset charset) {
            super(uri("revision", "/" + path), Kind.SOURCE);
            this.path = path;
            this.bytes = bytes;
            this.charset = charset;
        }

        String path() {
            return path;
        }

        @Override
        public String getName() {
            return path;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return new String(bytes, charset);
        }

        @Override
        public InputStream openInputStream() {
            return new ByteArrayInputStream(bytes);
        }
    }
}
