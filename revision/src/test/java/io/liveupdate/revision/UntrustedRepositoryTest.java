package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.GitHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md: analysing a repository runs none of its code unless the caller trusts it, and reads nothing outside it.
 * Each test is an attack a generated repository makes; each checks that nothing ran (a marker file the attacking code
 * would write stays absent), that nothing was written where it should not be, and that the refusal is one clear line.
 */
class UntrustedRepositoryTest {
    private static final String HEAD = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0"
            + "</modelVersion><groupId>org.example</groupId><artifactId>victim</artifactId><version>1</version>"
            + "<properties><maven.compiler.release>17</maven.compiler.release>"
            + "<project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>";
    private static final String SOURCE = "package p;\npublic class A { public int v() { return 1; } }\n";

    @TempDir
    Path tmp;

    private static String pom(String dependencies, String build) {
        return HEAD + "<dependencies>" + dependencies + "</dependencies><build>" + build + "</build></project>";
    }

    private static String compilerArgs(String... args) {
        StringBuilder sb = new StringBuilder("<plugins><plugin><groupId>org.apache.maven.plugins</groupId>"
                + "<artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version><configuration>"
                + "<compilerArgs>");
        for (String a : args) {
            sb.append("<arg>").append(a).append("</arg>");
        }
        return sb.append("</compilerArgs></configuration></plugin></plugins>").toString();
    }

    private static String systemDependency(String artifactId, String path) {
        return "<dependency><groupId>org.example</groupId><artifactId>" + artifactId + "</artifactId>"
                + "<version>1</version><scope>system</scope><systemPath>" + path + "</systemPath></dependency>";
    }

    /** Java statements that write {@code marker}: what the attacking code does when it runs. */
    private static String writes(Path marker) {
        return "try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker + "\"), \"ran\"); }"
                + " catch (java.io.IOException e) { throw new RuntimeException(e); }\n";
    }

    /** A repository that commits {@code jar} as {@code lib/<name>.jar} and a POM using it with {@code build}. */
    private Path repositoryWith(String name, byte[] jar, String build) {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commitBytes("add " + name, Map.of("lib/" + name + ".jar", jar));
            git.commit(
                    "use it",
                    Map.of(
                            "pom.xml",
                            pom(systemDependency(name, "${project.basedir}/lib/" + name + ".jar"), build),
                            "src/main/java/p/A.java",
                            SOURCE));
        }
        return repo;
    }

    private RevisionResult compile(Path repo, RevisionCompiler.Options options) {
        try (RevisionCompiler compiler = RevisionCompiler.open(repo, options)) {
            return compiler.compile(compiler.resolve("HEAD"));
        }
    }

    private static RevisionCompiler.Options untrusted() {
        return TestArtifacts.options();
    }

    private static RevisionCompiler.Options inMemoryRegardless() {
        return TestArtifacts.options().withMavenFallback(false);
    }

    /** Refused without trust: UNTRUSTED, naming {@code expected}; no run of anything. */
    private static RevisionResult.Failed refused(RevisionResult result, String expected) {
        RevisionResult.Failed failed = assertInstanceOf(RevisionResult.Failed.class, result, result.toString());
        assertEquals(
                RevisionResult.Stage.UNTRUSTED,
                failed.stage(),
                failed.diagnostics().toString());
        assertTrue(
                failed.diagnostics().stream().anyMatch(d -> d.contains(expected)),
                failed.diagnostics() + " should name " + expected);
        failed.diagnostics().forEach(d -> assertEquals(1, d.lines().count(), d));
        return failed;
    }

    @Test
    void aJavacPluginTheRepositoryCommitsNeverRuns() throws Exception {
        Path marker = tmp.resolve("plugin-ran");
        byte[] jar = jar(
                Map.of(
                        "evil/Evil.java",
                        "package evil;\npublic class Evil implements com.sun.source.util.Plugin {\n"
                                + "  public String getName() { return \"Evil\"; }\n"
                                + "  public void init(com.sun.source.util.JavacTask t, String... a) {\n"
                                + writes(marker) + "  }\n}\n"),
                Map.of("META-INF/services/com.sun.source.util.Plugin", "evil.Evil\n"));
        Path repo = repositoryWith("evil", jar, compilerArgs("-Xplugin:Evil"));

        refused(compile(repo, untrusted()), "compiler option -Xplugin:Evil");
        RevisionResult.Compiled anyway =
                assertInstanceOf(RevisionResult.Compiled.class, compile(repo, inMemoryRegardless()));

        assertFalse(Files.exists(marker), "the repository's javac plugin ran");
        assertTrue(anyway.classes().containsKey("p/A.class"));
        assertTrue(
                anyway.deviations().stream().anyMatch(d -> d.contains("-Xplugin:Evil")), anyway.deviations()::toString);
    }

    @Test
    void anAnnotationProcessorTheRepositoryCommitsNeverRuns() throws Exception {
        Path marker = tmp.resolve("processor-ran");
        byte[] jar = jar(
                Map.of(
                        "evil/Proc.java",
                        "package evil;\n@javax.annotation.processing.SupportedAnnotationTypes(\"*\")\n"
                                + "public class Proc extends javax.annotation.processing.AbstractProcessor {\n"
                                + "  public boolean process(java.util.Set<? extends javax.lang.model.element.TypeElement>"
                                + " a, javax.annotation.processing.RoundEnvironment r) {\n"
                                + writes(marker) + "    return false;\n  }\n}\n"),
                Map.of("META-INF/services/javax.annotation.processing.Processor", "evil.Proc\n"));
        Path repo = repositoryWith("proc", jar, "");

        refused(compile(repo, untrusted()), "registers annotation processors");
        assertInstanceOf(RevisionResult.Compiled.class, compile(repo, inMemoryRegardless()));

        assertFalse(Files.exists(marker), "the repository's annotation processor ran");
    }

    @Test
    void compilerOptionsThatReachOutsideTheRevisionAreRefusedAndNeverPassedToJavac() throws Exception {
        Path headers = tmp.resolve("headers");
        Files.writeString(tmp.resolve("args.txt"), "-d " + tmp.resolve("elsewhere"));
        for (String[] attack : new String[][] {
            {"-h", headers.toString()},
            {"-sourcepath", "/etc"},
            {"-d", tmp.resolve("elsewhere").toString()},
            {"@" + tmp.resolve("args.txt")},
            {"--patch-module", "java.base=/etc"},
            {"-Xstdout", tmp.resolve("stdout.txt").toString()}
        }) {
            Path repo = tmp.resolve("repo-" + attack[0].replaceAll("[^a-zA-Z]", ""));
            try (GitHistory git = GitHistory.init(repo)) {
                git.commit(
                        "attack " + attack[0],
                        Map.of(
                                "pom.xml",
                                pom("", compilerArgs(attack)),
                                "src/main/java/p/A.java",
                                "package p;\npublic class A { public native int v(); }\n"));
            }

            refused(compile(repo, untrusted()), "compiler option " + attack[0]);
            assertInstanceOf(RevisionResult.Compiled.class, compile(repo, inMemoryRegardless()), attack[0]);
        }

        assertFalse(Files.exists(headers), "-h wrote JNI headers outside the output");
        assertFalse(Files.exists(tmp.resolve("elsewhere")), "-d wrote classes outside the output");
        assertFalse(Files.exists(tmp.resolve("stdout.txt")), "-Xstdout wrote a file");
    }

    @Test
    void aSystemScopedDependencyOutsideTheTreeIsNeverOpened() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.jar"), "not for the repository to read");
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit(
                    "reach out",
                    Map.of(
                            "pom.xml",
                            pom(systemDependency("secret", secret.toString()), ""),
                            "src/main/java/p/A.java",
                            SOURCE));
        }
        long before = Files.getLastModifiedTime(secret).toMillis();

        refused(compile(repo, untrusted()), "system scope, its systemPath is outside the repository");
        RevisionResult.Compiled anyway =
                assertInstanceOf(RevisionResult.Compiled.class, compile(repo, inMemoryRegardless()));

        assertTrue(anyway.specs().get(0).classpath().stream().noneMatch(p -> p.equals(secret)));
        assertEquals(before, Files.getLastModifiedTime(secret).toMillis());
    }

    @Test
    void aSystemScopedJarTheTreeCommitsIsUsedFromTheCacheByContent() throws Exception {
        byte[] jar = jar(
                Map.of(
                        "lib/Helper.java",
                        "package lib;\npublic class Helper { public static int one() {" + " return 1; } }\n"),
                Map.of());
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commitBytes("lib", Map.of("lib/helper.jar", jar));
            git.commit(
                    "use it",
                    Map.of(
                            "pom.xml",
                            pom(systemDependency("helper", "${project.basedir}/lib/helper.jar"), ""),
                            "src/main/java/p/A.java",
                            "package p;\npublic class A { int v() { return lib.Helper.one(); } }\n"));
        }
        ToolCache cache = new ToolCache(tmp.resolve("cache"));

        RevisionResult.Compiled compiled = assertInstanceOf(
                RevisionResult.Compiled.class, compile(repo, untrusted().withCache(cache)));

        Path used = compiled.specs().get(0).classpath().get(0);
        assertTrue(used.startsWith(cache.directory()), used.toString());
        assertEquals(ToolCache.sha256(jar) + ".jar", used.getFileName().toString());
    }

    @Test
    void repositoriesThePomsDeclareAreNotUsed() throws Exception {
        Path evil = Files.createDirectories(tmp.resolve("evil-repo/org/example/only-here/1"));
        Files.write(evil.resolve("only-here-1.jar"), jar(Map.of("x/X.java", "package x; public class X {}"), Map.of()));
        Files.writeString(
                evil.resolve("only-here-1.pom"),
                "<project><modelVersion>4.0.0</modelVersion><groupId>"
                        + "org.example</groupId><artifactId>only-here</artifactId><version>1</version></project>");
        Path repo = tmp.resolve("repo");
        String repositories = "<repositories><repository><id>evil</id><url>"
                + tmp.resolve("evil-repo").toUri() + "</url></repository></repositories>";
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit(
                    "declare a repository",
                    Map.of(
                            "pom.xml",
                            HEAD + repositories + "<dependencies><dependency><groupId>org.example</groupId>"
                                    + "<artifactId>only-here</artifactId><version>1</version></dependency>"
                                    + "</dependencies></project>",
                            "src/main/java/p/A.java",
                            SOURCE));
        }
        Path localRepository = tmp.resolve("local");
        io.liveupdate.resolver.StandaloneResolver resolver = io.liveupdate.resolver.StandaloneResolver.open(
                new io.liveupdate.resolver.StandaloneResolver.Settings(localRepository, true));
        RevisionResult result;
        try (resolver) {
            result = compile(
                    repo,
                    RevisionCompiler.Options.defaults()
                            .withArtifacts(new RepositorySystemArtifacts(resolver.system(), resolver.session())));
        }

        RevisionResult.Failed failed = assertInstanceOf(RevisionResult.Failed.class, result, result.toString());
        assertEquals(RevisionResult.Stage.RESOLUTION, failed.stage());
        assertTrue(failed.message().contains("only-here"), failed.message());
        assertFalse(Files.exists(localRepository.resolve("org/example/only-here")), "copied from the POM's repository");
    }

    @Test
    void aTreeEntryNamedDotDotRefusesTheRevision() throws Exception {
        Path repo = tmp.resolve("repo");
        ObjectId commit;
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("fine", Map.of("src/main/java/p/A.java", SOURCE));
            try (ObjectInserter inserter = git.repository().newObjectInserter()) {
                ObjectId blob =
                        inserter.insert(Constants.OBJ_BLOB, "package p; class B {}".getBytes(StandardCharsets.UTF_8));
                TreeFormatter inner = new TreeFormatter();
                inner.append("B.java", FileMode.REGULAR_FILE, blob);
                TreeFormatter root = new TreeFormatter();
                root.append("..", FileMode.TREE, inserter.insert(inner));
                CommitBuilder cb = new CommitBuilder();
                cb.setTreeId(inserter.insert(root));
                PersonIdent who = new PersonIdent("Mallory", "m@example.org");
                cb.setAuthor(who);
                cb.setCommitter(who);
                cb.setMessage("escape");
                commit = inserter.insert(cb);
                inserter.flush();
            }
        }

        RevisionResult result;
        try (RevisionCompiler compiler = RevisionCompiler.open(repo, untrusted())) {
            result = compiler.compile(commit);
        }

        RevisionResult.Failed failed = assertInstanceOf(RevisionResult.Failed.class, result);
        assertEquals(RevisionResult.Stage.MODEL, failed.stage());
        assertTrue(failed.message().contains("has an entry named '..'"), failed.message());
    }

    @Test
    void aSourceDirectoryOutsideTheTreeIsRefusedInOneLine() {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit(
                    "escape",
                    Map.of(
                            "pom.xml",
                            HEAD + "<build><sourceDirectory>../../../../etc</sourceDirectory></build></project>",
                            "src/main/java/p/A.java",
                            SOURCE));
        }

        RevisionResult.Failed failed = assertInstanceOf(RevisionResult.Failed.class, compile(repo, untrusted()));

        assertEquals(RevisionResult.Stage.MODEL, failed.stage());
        assertEquals("pom.xml: sourceDirectory ../../../../etc is outside the repository", failed.message());
    }

    @Test
    void aSourceBeyondTheSizeLimitIsRefusedBeforeItIsRead() {
        Path repo = tmp.resolve("repo");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit(
                    "big",
                    Map.of(
                            "src/main/java/p/A.java",
                            SOURCE,
                            "src/main/java/p/Big.java",
                            "package p; class Big {}\n" + "//".repeat(4096)));
        }

        RevisionResult.Failed failed = assertInstanceOf(
                RevisionResult.Failed.class, compile(repo, untrusted().withMaxFileBytes(4096)));

        assertEquals(RevisionResult.Stage.MODEL, failed.stage());
        assertEquals(
                "src/main/java/p/Big.java: 8216 bytes, more than the limit of 4096 bytes for a file the compiler reads",
                failed.message());
    }

    /** A jar of {@code sources} compiled with the running JDK, plus {@code resources}. */
    static byte[] jar(Map<String, String> sources, Map<String, String> resources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path out = Files.createTempDirectory("liveupdate-test-jar-");
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((path, text) ->
                    units.add(new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return text;
                        }
                    }));
            List<String> options = List.of("--add-modules", "jdk.compiler", "-proc:none");
            assertTrue(javac.getTask(null, fm, null, options, null, units).call(), "test jar compiles");
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (var walk = Files.walk(out)) {
                for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    entries.put(out.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
            resources.forEach((k, v) -> entries.put(k, v.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } finally {
            GitHistory.deleteTree(out);
        }
    }
}
