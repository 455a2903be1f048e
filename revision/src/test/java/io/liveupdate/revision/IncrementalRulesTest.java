package io.liveupdate.revision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.GitHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recompilation rule of the incremental mode, each as a generated history: at every commit the incremental
 * result (derived from the previous commit's incremental result) must equal the full compilation byte for byte, and
 * failures must match. Each history also names a class whose source never changes after the first commit but whose
 * bytes do: proof that the rule under test had to fire.
 */
class IncrementalRulesTest {
    private static final String P = "src/main/java/p/";

    @TempDir
    Path tmp;

    record Scenario(String name, List<Map<String, String>> commits, String sensitiveClass) {
        @Override
        public String toString() {
            return name;
        }
    }

    @SafeVarargs
    private static Scenario scenario(String name, String sensitive, Map<String, String>... commits) {
        return new Scenario(name, List.of(commits), sensitive);
    }

    private static Map<String, String> files(String... pathAndContent) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathAndContent.length; i += 2) {
            m.put(pathAndContent[i], pathAndContent[i + 1]);
        }
        return m;
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                scenario(
                        "constant-value",
                        "p/U.class",
                        files(
                                P + "C.java", "package p;\npublic class C { public static final int X = 1; }\n",
                                P + "U.java", "package p;\npublic class U { int f() { return C.X; } }\n"),
                        files(P + "C.java", "package p;\npublic class C { public static final int X = 2; }\n")),
                scenario(
                        "constant-chain",
                        "p/U.class",
                        files(
                                P + "C.java", "package p;\npublic class C { public static final int X = 1; }\n",
                                P + "D.java", "package p;\npublic class D { public static final int Y = C.X + 1; }\n",
                                P + "U.java", "package p;\npublic class U { int f() { return D.Y; } }\n"),
                        files(P + "C.java", "package p;\npublic class C { public static final int X = 5; }\n")),
                scenario(
                        "constant-via-static-import-and-interface",
                        "p/U.class",
                        files(
                                P + "K.java", "package p;\npublic interface K { String N = \"a\"; }\n",
                                P + "U.java",
                                        "package p;\nimport static p.K.N;\npublic class U { String f() { return N + \"!\"; } }\n"),
                        files(P + "K.java", "package p;\npublic interface K { String N = \"b\"; }\n")),
                scenario(
                        "member-descriptor",
                        "p/U.class",
                        files(
                                P + "A.java", "package p;\npublic class A { public void m(int x) {} }\n",
                                P + "U.java", "package p;\npublic class U { void f(A a) { a.m(1); } }\n"),
                        files(P + "A.java", "package p;\npublic class A { public void m(long x) {} }\n")),
                scenario(
                        "overload-added",
                        "p/U.class",
                        files(
                                P + "A.java", "package p;\npublic class A { public void m(Object o) {} }\n",
                                P + "U.java", "package p;\npublic class U { void f(A a) { a.m(\"s\"); } }\n"),
                        files(
                                P + "A.java",
                                "package p;\npublic class A { public void m(Object o) {} public void m(String s) {} }\n")),
                scenario(
                        "inherited-overload",
                        "p/U.class",
                        files(
                                P + "A.java", "package p;\npublic class A { public void m(Object o) {} }\n",
                                P + "B.java", "package p;\npublic class B extends A {}\n",
                                P + "U.java", "package p;\npublic class U { void f(B b) { b.m(\"s\"); } }\n"),
                        files(
                                P + "A.java",
                                "package p;\npublic class A { public void m(Object o) {} public void m(String s) {} }\n")),
                scenario(
                        "subclass-bridge",
                        "p/S.class",
                        files(
                                P + "A.java", "package p;\npublic abstract class A { public abstract Object get(); }\n",
                                P + "S.java",
                                        "package p;\npublic class S extends A { public String get() { return \"\"; } }\n"),
                        files(
                                P + "A.java",
                                "package p;\npublic abstract class A { public abstract CharSequence get(); }\n")),
                scenario(
                        "implicit-use-in-enhanced-for",
                        "p/U.class",
                        files(
                                P + "Bag.java",
                                "package p;\nimport java.util.*;\npublic class Bag implements Iterable<String> {\n"
                                        + "  public Iterator<String> iterator() { return List.of(\"a\").iterator(); }\n}\n",
                                P + "U.java",
                                "package p;\npublic class U { int f(Bag b) { int n = 0; for (String s : b) n++; return n; } }\n"),
                        files(
                                P + "Bag.java",
                                "package p;\nimport java.util.*;\npublic class Bag implements Iterable<String> {\n"
                                        + "  public ListIterator<String> iterator() { return List.of(\"a\").listIterator(); }\n}\n")),
                scenario(
                        "new-top-level-type-shadows-import-on-demand",
                        "p/U.class",
                        files(
                                "src/main/java/q/Helper.java",
                                "package q;\npublic class Helper { public static int x() { return 1; } }\n",
                                P + "U.java",
                                "package p;\nimport q.*;\npublic class U { int f() { return Helper.x(); } }\n"),
                        files(
                                P + "Helper.java",
                                "package p;\npublic class Helper { public static int x() { return 2; } }\n")),
                scenario(
                        "nested-class-modifiers",
                        "p/U.class",
                        files(
                                P + "Outer.java", "package p;\npublic class Outer { public static class Inner {} }\n",
                                P + "U.java",
                                        "package p;\npublic class U { Object f() { return new Outer.Inner(); } }\n"),
                        files(
                                P + "Outer.java",
                                "package p;\npublic class Outer { public static final class Inner {} }\n")),
                scenario(
                        "class-becomes-interface",
                        "p/U.class",
                        files(
                                P + "A.java", "package p;\npublic abstract class A { public abstract void m(); }\n",
                                P + "Impl.java", "package p;\npublic class Impl extends A { public void m() {} }\n",
                                P + "U.java", "package p;\npublic class U { void f(A a) { a.m(); } }\n"),
                        files(
                                P + "A.java", "package p;\npublic interface A { void m(); }\n",
                                P + "Impl.java",
                                        "package p;\npublic class Impl implements A { public void m() {} }\n")),
                scenario(
                        "enum-constant-renamed-removed-added",
                        null,
                        files(
                                P + "E.java", "package p;\npublic enum E { A, B }\n",
                                P + "U.java",
                                        "package p;\npublic class U { int f(E e) { switch (e) { case B: return 1; default: return 0; } } }\n"),
                        files(P + "E.java", "package p;\npublic enum E { C, B }\n"),
                        files(P + "E.java", "package p;\npublic enum E { C }\n"),
                        files(P + "E.java", "package p;\npublic enum E { C, B, D }\n")),
                scenario(
                        "deleted-type-fails-then-returns",
                        "p/U.class",
                        files(
                                P + "A.java", "package p;\npublic class A { public int v() { return 1; } }\n",
                                P + "U.java", "package p;\npublic class U { int f(A a) { return a.v(); } }\n",
                                P + "Unused.java", "package p;\nclass Unused {}\n"),
                        files(P + "Unused.java", null),
                        files(P + "A.java", null),
                        files(P + "A.java", "package p;\npublic class A { public Integer v() { return 1; } }\n")),
                scenario(
                        "class-moved-between-files",
                        null,
                        files(
                                P + "A.java", "package p;\npublic class A { B b = new B(); }\n",
                                P + "B.java", "package p;\nclass B { int k = 1; }\n"),
                        files(
                                P + "B.java",
                                null,
                                P + "A.java",
                                "package p;\npublic class A { B b = new B(); }\nclass B { int k = 2; }\n")),
                scenario(
                        "build-file-changed",
                        "p/U.class",
                        files(
                                "pom.xml",
                                pom("demo", ""),
                                P + "U.java",
                                "package p;\npublic class U { int f(int value) { return value; } }\n"),
                        files("pom.xml", pom("demo", "<maven.compiler.parameters>true</maven.compiler.parameters>"))),
                scenario(
                        "multi-module-constant-and-transitive-hierarchy",
                        "app/target/p/X.class",
                        files(
                                "pom.xml",
                                aggregator(),
                                "core/pom.xml",
                                module("core", ""),
                                "app/pom.xml",
                                module("app", dependency("core")),
                                "core/" + P + "C.java",
                                "package p;\npublic class C { public static final int X = 1; }\n",
                                "core/" + P + "V.java",
                                "package p;\npublic abstract class V { public abstract Object get(); }\n",
                                "core/" + P + "W.java",
                                "package p;\npublic abstract class W extends V {}\n",
                                "app/" + P + "X.java",
                                "package p;\npublic class X extends W { public String get() { return \"\" + C.X; } }\n"),
                        files(
                                "core/" + P + "V.java",
                                "package p;\npublic abstract class V { public abstract CharSequence get(); }\n"),
                        files(
                                "core/" + P + "C.java",
                                "package p;\npublic class C { public static final int X = 2; }\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void incrementalEqualsFullAtEveryCommit(Scenario scenario) {
        try (GitHistory repo = GitHistory.init(tmp)) {
            List<RevCommit> commits = new ArrayList<>();
            for (Map<String, String> files : scenario.commits()) {
                commits.add(repo.commit(scenario.name() + " " + commits.size(), files));
            }
            List<RevisionResult> fulls = new ArrayList<>();
            try (RevisionCompiler full = new RevisionCompiler(repo.repository(), TestArtifacts.options());
                    RevisionCompiler incremental = new RevisionCompiler(repo.repository(), TestArtifacts.options())) {
                RevisionResult previous = null;
                for (RevCommit commit : commits) {
                    RevisionResult expected = full.compile(commit);
                    RevisionResult actual = previous instanceof RevisionResult.Compiled c
                            ? incremental.compileIncremental(commit, c)
                            : incremental.compile(commit);
                    assertEquals(expected.getClass(), actual.getClass(), scenario + " at " + commit + ": " + actual);
                    if (expected instanceof RevisionResult.Compiled e) {
                        RevisionResult.Compiled a = (RevisionResult.Compiled) actual;
                        assertEquals(List.of(), RevisionCompiler.differences(e, a), scenario + " at " + commit);
                        if (previous instanceof RevisionResult.Compiled before) {
                            assertIncremental(scenario, before, a);
                        }
                    } else {
                        assertEquals(
                                ((RevisionResult.Failed) expected).stage(), ((RevisionResult.Failed) actual).stage());
                    }
                    fulls.add(expected);
                    previous = actual;
                }
            }
            if (scenario.sensitiveClass() != null) {
                assertTrue(bytesChange(fulls, scenario.sensitiveClass()), scenario + ": the rule was not needed");
            }
            assertInstanceOf(RevisionResult.Compiled.class, fulls.get(fulls.size() - 1));
        }
    }

    /**
     * Every module whose build did not change was derived incrementally: a silent fall back to a full compile (which
     * gives the same bytes) would hide a broken rule. Modules whose spec changed are compiled in full by design.
     */
    private static void assertIncremental(
            Scenario scenario, RevisionResult.Compiled before, RevisionResult.Compiled after) {
        assertEquals(BuildMode.INCREMENTAL, after.mode(), scenario.name());
        for (ModuleClasses module : after.modules()) {
            ModuleClasses old = before.module(module.spec().module());
            if (old != null && old.spec().equals(module.spec())) {
                assertEquals(
                        BuildMode.INCREMENTAL,
                        module.mode(),
                        scenario + ": module '" + module.spec().module() + "' at "
                                + after.commit().name() + " fell back to a full compile");
            }
        }
    }

    /** Whether the sensitive class's bytes differ between two consecutive compiled commits. */
    private static boolean bytesChange(List<RevisionResult> results, String sensitive) {
        String module = sensitive.contains("/target/") ? sensitive.substring(0, sensitive.indexOf("/target/")) : null;
        String path = module == null ? sensitive : sensitive.substring(module.length() + "/target/".length());
        byte[] last = null;
        for (RevisionResult r : results) {
            if (!(r instanceof RevisionResult.Compiled c)) {
                continue;
            }
            Map<String, byte[]> classes =
                    module == null ? c.classes() : c.module(module).classes();
            byte[] now = classes.get(path);
            assertFalse(now == null, sensitive + " missing");
            if (last != null && !Arrays.equals(last, now)) {
                return true;
            }
            last = now;
        }
        return false;
    }

    static String pom(String artifactId, String properties) {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>org.example</groupId>\n  <artifactId>" + artifactId + "</artifactId>\n"
                + "  <version>1.0-SNAPSHOT</version>\n  <properties>\n"
                + "    <maven.compiler.release>17</maven.compiler.release>\n"
                + "    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n    " + properties
                + "\n  </properties>\n</project>\n";
    }

    static String aggregator() {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>org.example</groupId>\n  <artifactId>parent</artifactId>\n"
                + "  <version>1.0-SNAPSHOT</version>\n  <packaging>pom</packaging>\n"
                + "  <modules><module>app</module><module>core</module></modules>\n"
                + "  <properties><maven.compiler.release>17</maven.compiler.release>"
                + "<project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>\n</project>\n";
    }

    static String module(String artifactId, String dependencies) {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <parent><groupId>org.example</groupId><artifactId>parent</artifactId>"
                + "<version>1.0-SNAPSHOT</version></parent>\n"
                + "  <artifactId>" + artifactId + "</artifactId>\n  <dependencies>" + dependencies
                + "</dependencies>\n</project>\n";
    }

    static String dependency(String artifactId) {
        return "<dependency><groupId>org.example</groupId><artifactId>" + artifactId
                + "</artifactId><version>${project.version}</version></dependency>";
    }
}
