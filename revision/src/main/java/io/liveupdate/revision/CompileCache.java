package io.liveupdate.revision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Revisions compiled in memory, kept in the tool's cache ({@code compiled/<key>.zip}) so that packaging against the
 * same base again does not compile it again. The key is the SHA-256 of everything the class files depend on: the
 * commit (all sources and build files), each module's compile spec (options, source roots, executions, the reasons
 * that would send it to Maven), the content of every classpath jar, the JDK whose javac compiles, and the revision
 * library's own jar. Only in-memory full compiles are kept; anything unusual (a classpath directory, a development
 * build of the library, an unreadable entry) simply compiles again. Opt-in: the Maven plugin uses it.
 */
public final class CompileCache {
    private static final String FORMAT = "liveupdate-compile-cache 1";
    private static final long MAX_ENTRY_BYTES = 256L << 20;
    private static final Map<Path, String> JAR_HASHES = new ConcurrentHashMap<>();

    private final Path directory;
    private final String library;

    public CompileCache(ToolCache cache) {
        this(cache, libraryHash());
    }

    /**
     * A cache for a given identity of the code whose results it keeps (tests, which run from class directories; a
     * caller that keeps results of its own, derived from compiles, adds its own code to the identity).
     */
    public CompileCache(ToolCache cache, String library) {
        this.directory = cache.directory().resolve("compiled");
        this.library = library;
    }

    /** {@code commit} compiled by {@code compiler}: from the cache when it holds it, else compiled and kept. */
    public RevisionResult compile(RevisionCompiler compiler, ObjectId commit) {
        long t0 = System.nanoTime();
        List<CompileSpec> specs;
        String key;
        try {
            specs = compiler.model(commit).modules(); // a module selection is covered by the key
            key = key(compiler, commit, specs);
        } catch (RevisionException e) {
            return compiler.compile(commit); // the compile reports the problem as it always does
        }
        if (key != null) {
            RevisionResult.Compiled hit = load(key, commit, specs, t0);
            if (hit != null) {
                return hit;
            }
        }
        RevisionResult result = compiler.compile(commit);
        if (key != null && result instanceof RevisionResult.Compiled c && c.mode() == BuildMode.FULL) {
            store(key, c);
        }
        return result;
    }

    /**
     * The key of {@code commit} as {@code compiler} would compile it: equal keys, equal class files. Null when the
     * commit cannot be keyed (a classpath directory, an unreadable model, code of unknown identity).
     */
    public String fingerprint(RevisionCompiler compiler, ObjectId commit) {
        try {
            return key(compiler, commit, compiler.model(commit).modules());
        } catch (RevisionException e) {
            return null;
        }
    }

    /** The identity of the jar {@code type} was loaded from (its SHA-256), or null when it runs from a directory. */
    public static String codeIdentity(Class<?> type) {
        try {
            Path location = Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? fileHash(location) : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private String key(RevisionCompiler compiler, ObjectId commit, List<CompileSpec> specs) {
        if (library == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(FORMAT).append('\n');
        text.append("library ").append(library).append('\n');
        text.append("jdk ")
                .append(System.getProperty("java.home"))
                .append(' ')
                .append(Runtime.version())
                .append('\n');
        text.append("commit ").append(commit.name()).append('\n');
        RevisionCompiler.Options options = compiler.options();
        text.append("module ").append(options.module()).append('\n');
        text.append("fallback ")
                .append(options.mavenFallback())
                .append(' ')
                .append(options.trustBuild())
                .append('\n');
        if (options.classpath() != null) {
            for (Path p : options.classpath()) {
                String h = fileHash(p);
                if (h == null) {
                    return null;
                }
                text.append("override ").append(h).append('\n');
            }
        }
        for (CompileSpec s : specs) {
            text.append("spec ").append(s.withClasspath(List.of())).append('\n');
            for (Path p : s.classpath()) {
                String h = fileHash(p);
                if (h == null) {
                    return null;
                }
                text.append("  jar ").append(h).append('\n');
            }
        }
        return ToolCache.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private RevisionResult.Compiled load(String key, ObjectId commit, List<CompileSpec> specs, long t0) {
        Path file = directory.resolve(key + ".zip");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Map<String, CompileSpec> byKey = new LinkedHashMap<>();
        specs.forEach(s -> byKey.put(s.key(), s));
        Map<String, Map<String, byte[]>> classes = new LinkedHashMap<>();
        Map<String, Map<String, String>> sources = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                byte[] bytes = zip.readAllBytes();
                String name = e.getName();
                if (name.equals("modules")) {
                    new String(bytes, StandardCharsets.UTF_8).lines().forEach(order::add);
                    continue;
                }
                int slash = name.indexOf('/');
                String spec = decode(name.substring(0, slash));
                String rest = name.substring(slash + 1);
                if (rest.equals("sources")) {
                    Map<String, String> m = new LinkedHashMap<>();
                    new String(bytes, StandardCharsets.UTF_8).lines().forEach(l -> {
                        int tab = l.indexOf('\t');
                        m.put(l.substring(0, tab), l.substring(tab + 1));
                    });
                    sources.put(spec, m);
                } else {
                    classes.computeIfAbsent(spec, k -> new LinkedHashMap<>()).put(rest, bytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // a damaged entry is compiled again (and replaced)
        }
        if (order.isEmpty() || !byKey.keySet().containsAll(order)) {
            return null; // not an entry this cache wrote for these specs (damaged, or truncated)
        }
        List<ModuleClasses> modules = new ArrayList<>();
        for (String specKey : order) {
            CompileSpec spec = byKey.get(specKey);
            if (spec == null) {
                return null;
            }
            Map<String, byte[]> c = classes.getOrDefault(specKey, Map.of());
            modules.add(new ModuleClasses(spec, BuildMode.FULL, c, sources.getOrDefault(specKey, Map.of()), 0));
        }
        return new RevisionResult.Compiled(commit, BuildMode.FULL, modules, (System.nanoTime() - t0) / 1_000_000);
    }

    private void store(String key, RevisionResult.Compiled compiled) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                StringBuilder order = new StringBuilder();
                for (ModuleClasses m : compiled.modules()) {
                    order.append(m.spec().key()).append('\n');
                    String prefix = encode(m.spec().key()) + "/";
                    for (Map.Entry<String, byte[]> c : m.classes().entrySet()) {
                        zip.putNextEntry(new ZipEntry(prefix + c.getKey()));
                        zip.write(c.getValue());
                        zip.closeEntry();
                    }
                    StringBuilder src = new StringBuilder();
                    m.sources()
                            .forEach((k, v) ->
                                    src.append(k).append('\t').append(v).append('\n'));
                    zip.putNextEntry(new ZipEntry(prefix + "sources"));
                    zip.write(src.toString().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry("modules"));
                zip.write(order.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            if (bytes.size() > MAX_ENTRY_BYTES) {
                return;
            }
            ToolCache.writeAtomically(directory.resolve(key + ".zip"), bytes.toByteArray());
        } catch (IOException e) {
            // The cache is an optimisation: a full disk or a read-only cache directory only costs a compile next time.
        }
    }

    /** Spec keys hold {@code /} (module paths) and {@code #}: encode them as one path segment. */
    private static String encode(String specKey) {
        return HexFormat.of().formatHex(specKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String segment) {
        return new String(HexFormat.of().parseHex(segment), StandardCharsets.UTF_8);
    }

    /** The revision library's jar, hashed: a development build (classes in a directory) is never cached. */
    private static String libraryHash() {
        return codeIdentity(CompileCache.class);
    }

    private static String fileHash(Path p) {
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            String stamp = Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
            String known = JAR_HASHES.get(p.toAbsolutePath());
            if (known != null && known.startsWith(stamp + "=")) {
                return known.substring(stamp.length() + 1);
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(p)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            JAR_HASHES.put(p.toAbsolutePath(), stamp + "=" + hash);
            return hash;
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return null;
        }
    }
}
