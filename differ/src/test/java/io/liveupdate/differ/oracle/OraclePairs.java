package io.liveupdate.differ.oracle;

import static io.liveupdate.differ.UpdateLevel.ENHANCED;
import static io.liveupdate.differ.UpdateLevel.HOTSWAP;
import static io.liveupdate.differ.UpdateLevel.NONE;
import static io.liveupdate.differ.UpdateLevel.RESTART;
import static io.liveupdate.differ.UpdateLevel.TRANSFORM;

import java.util.List;

/**
 * The oracle catalogue: source edits that cover every change kind and the tricky javac cases of
 * shared/reference/hotspot-redefinition.md §4.
 */
final class OraclePairs {
    private static final String TAG =
            "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Tag { String value(); }";

    private OraclePairs() {}

    static List<OraclePair> all() {
        return List.of(
                // ---- bodies, debug info, order
                OraclePair.of(
                                "method body",
                                "public class A { int f() { return 1; } }",
                                "public class A { int f() { return 2; } }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "comment only",
                                "public class A { int f() { return 1; } }",
                                "public class A { int f() { /* why */ return 1; } }")
                        .expect(NONE),
                OraclePair.of(
                                "line move",
                                "public class A {\n int f() { return 1; } }",
                                "public class A {\n\n\n int f() {\n return 1; } }")
                        .expect(NONE),
                OraclePair.of(
                                "local variable renamed",
                                "public class A { int f() { int a = 1; return a; } }",
                                "public class A { int f() { int b = 1; return b; } }")
                        .expect(NONE),
                OraclePair.of(
                                "methods reordered",
                                "public class A { int f() { return 1; } int g() { return 2; } }",
                                "public class A { int g() { return 2; } int f() { return 1; } }")
                        .expect(NONE),
                OraclePair.of(
                                "fields reordered",
                                "public class A { int a; long b; }",
                                "public class A { long b; int a; }")
                        .expect(ENHANCED),
                OraclePair.of(
                                "catch type changed",
                                "public class A { void f() { try { g(); } catch (IllegalStateException e) { } } void g() {} }",
                                "public class A { void f() { try { g(); } catch (IllegalArgumentException e) { } } void g() {} }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "string switch added",
                                "public class A { int f(String s) { return 0; } }",
                                "public class A { int f(String s) { switch (s) { case \"a\": return 1; case \"b\": return 2; default: return 0; } } }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "string concatenation changed",
                                "public class A { String f(int i) { return \"a\" + i; } }",
                                "public class A { String f(int i) { return \"b\" + i + \"c\"; } }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "class literal added",
                                "public class A { Object f() { return null; } }",
                                "public class A { Object f() { return String.class; } }")
                        .expect(HOTSWAP),
                OraclePair.of(
                        "try-with-resources added",
                        "public class A { void f(java.io.Closeable c) throws java.io.IOException { c.close(); } }",
                        "public class A { void f(java.io.Closeable c) throws java.io.IOException { try (java.io.Closeable d = c) { d.hashCode(); } } }"),
                OraclePair.of(
                                "interface static method body",
                                "public interface A { static int f() { return 1; } }",
                                "public interface A { static int f() { return 2; } }")
                        .expect(HOTSWAP),

                // ---- constants and initializers
                OraclePair.of(
                                "compile-time constant changed",
                                "public class A { static final int K = 1; int f() { return K; } }",
                                "public class A { static final int K = 2; int f() { return K; } }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "static initializer changed",
                                "public class A { static String s = \"one\"; }",
                                "public class A { static String s = \"two\"; }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "static initializer added",
                                "public class A { static String s; }",
                                "public class A { static String s = \"two\"; }")
                        .expect(ENHANCED),
                OraclePair.of(
                                "instance initializer changed",
                                "public class A { int x = 1; }",
                                "public class A { int x = 2; }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "serialVersionUID changed",
                                "public class A implements java.io.Serializable { private static final long serialVersionUID = 1L; }",
                                "public class A implements java.io.Serializable { private static final long serialVersionUID = 2L; }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "first assert",
                                "public class A { void f(int x) { } }",
                                "public class A { void f(int x) { assert x > 0; } }")
                        .expect(ENHANCED),

                // ---- fields
                OraclePair.of("field added", "public class A { int a; }", "public class A { int a; int b; }")
                        .expect(ENHANCED),
                OraclePair.of("field removed", "public class A { int a; int b; }", "public class A { int a; }")
                        .expect(ENHANCED),
                OraclePair.of("constant added", "public class A { }", "public class A { static final int K = 3; }")
                        .expect(ENHANCED),
                OraclePair.of("field type changed", "public class A { int a; }", "public class A { long a; }")
                        .expect(TRANSFORM),
                OraclePair.of("field made volatile", "public class A { int a; }", "public class A { volatile int a; }")
                        .expect(ENHANCED),
                OraclePair.of("field made static", "public class A { int a; }", "public class A { static int a; }")
                        .expect(TRANSFORM),
                OraclePair.of(
                                "field made public",
                                "public class A { private int a; }",
                                "public class A { public int a; }")
                        .expect(ENHANCED),
                OraclePair.of(
                                "field generic signature changed",
                                "public class A { java.util.List<String> a; }",
                                "public class A { java.util.List<Integer> a; }")
                        .expect(HOTSWAP),

                // ---- methods
                OraclePair.of(
                                "public method added",
                                "public class A { }",
                                "public class A { public int g() { return 1; } }")
                        .expect(ENHANCED),
                OraclePair.of(
                                "private static helper added",
                                "public class A { int f() { return 1; } }",
                                "public class A { int f() { return h(); } private static int h() { return 1; } }")
                        .expect(ENHANCED)
                        .addDelete(HOTSWAP),
                OraclePair.of(
                                "private final helper added",
                                "public class A { int f() { return 1; } }",
                                "public class A { int f() { return h(); } private final int h() { return 1; } }")
                        .expect(ENHANCED)
                        .addDelete(HOTSWAP),
                OraclePair.of(
                                "private instance helper added",
                                "public class A { int f() { return 1; } }",
                                "public class A { int f() { return h(); } private int h() { return 1; } }")
                        .expect(ENHANCED),
                OraclePair.of(
                                "private static helper removed",
                                "public class A { int f() { return h(); } private static int h() { return 1; } }",
                                "public class A { int f() { return 1; } }")
                        .expect(ENHANCED)
                        .addDelete(HOTSWAP),
                OraclePair.of(
                                "parameter type changed",
                                "public class A { int f(int a) { return a; } }",
                                "public class A { int f(long a) { return 1; } }")
                        .expect(ENHANCED),
                OraclePair.of(
                                "method made synchronized",
                                "public class A { void f() { } }",
                                "public class A { synchronized void f() { } }")
                        .expect(ENHANCED),
                OraclePair.of(
                                "method made final",
                                "public class A { void f() { } }",
                                "public class A { final void f() { } }")
                        .expect(ENHANCED),
                OraclePair.of(
                                "method made public",
                                "public class A { private void f() { } }",
                                "public class A { public void f() { } }")
                        .expect(ENHANCED),
                OraclePair.of(
                                "method made varargs",
                                "public class A { void f(int[] a) { } }",
                                "public class A { void f(int... a) { } }")
                        .expect(ENHANCED),
                OraclePair.of(
                                "throws clause changed",
                                "public class A { void f() throws java.io.IOException { } }",
                                "public class A { void f() throws Exception { } }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "method annotation added",
                                "public class A { void f() { } }",
                                "public class A { @Deprecated void f() { } }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "method generic signature changed to bound",
                                "public class A { <T extends Number> java.util.List<T> f() { return null; } }",
                                "public class A { <T extends Integer> java.util.List<T> f() { return null; } }")
                        .expect(HOTSWAP),
                OraclePair.files("covariant return in an override (bridge)")
                        .file(
                                "B",
                                "public class B { Object get() { return null; } }",
                                "public class B { Object get() { return null; } }")
                        .file(
                                "A",
                                "public class A extends B { Object get() { return \"a\"; } }",
                                "public class A extends B { String get() { return \"a\"; } }")
                        .expect(ENHANCED),
                OraclePair.files("nested class reads an outer private")
                        .file(
                                "A",
                                "public class A { private int x; static class N { int f(A a) { return 0; } } }",
                                "public class A { private int x; static class N { int f(A a) { return a.x; } } }")
                        .expect(ENHANCED, HOTSWAP),
                OraclePair.of(
                                "default method added to interface",
                                "public interface A { void f(); }",
                                "public interface A { void f(); default void g() { } }")
                        .expect(ENHANCED),

                // ---- lambdas
                OraclePair.of(
                                "non-capturing lambda added",
                                "public class A { Runnable f() { return null; } }",
                                "public class A { Runnable f() { return () -> System.out.println(); } }")
                        .expect(ENHANCED)
                        .addDelete(HOTSWAP),
                OraclePair.of(
                                "lambda capturing this added",
                                "public class A { int x; Runnable f() { return null; } }",
                                "public class A { int x; Runnable f() { return () -> System.out.println(x); } }")
                        .expect(ENHANCED),
                OraclePair.of(
                                "lambda capture changed",
                                "public class A { java.util.function.IntSupplier f(int a) { return () -> 1; } }",
                                "public class A { java.util.function.IntSupplier f(int a) { return () -> a; } }")
                        .expect(ENHANCED)
                        .addDelete(HOTSWAP),
                OraclePair.of(
                                "lambda body changed",
                                "public class A { java.util.function.IntSupplier f() { return () -> 1; } }",
                                "public class A { java.util.function.IntSupplier f() { return () -> 2; } }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "two same-shaped lambdas swapped",
                                "public class A { java.util.function.Supplier<String> s1 = () -> \"A\"; java.util.function.Supplier<String> s2 = () -> \"B\"; }",
                                "public class A { java.util.function.Supplier<String> s1 = () -> \"B\"; java.util.function.Supplier<String> s2 = () -> \"A\"; }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "lambda inserted before another in the same method",
                                "public class A { Object f() { java.util.function.Supplier<String> a = () -> \"A\"; return a; } }",
                                "public class A { Object f() { java.util.function.Supplier<String> z = () -> \"Z\"; java.util.function.Supplier<String> a = () -> \"A\"; return a; } }")
                        .expect(ENHANCED)
                        .addDelete(HOTSWAP),
                OraclePair.of(
                                "lambda added in another method",
                                "public class A { Object a() { return null; } Object b() { Runnable r = () -> { }; return r; } }",
                                "public class A { Object a() { Runnable q = () -> { }; return q; } Object b() { Runnable r = () -> { }; return r; } }")
                        .expect(ENHANCED)
                        .addDelete(HOTSWAP),

                // ---- nested, local and anonymous classes
                OraclePair.of(
                                "anonymous class added",
                                "public class A { Object f() { return null; } }",
                                "public class A { Object f() { return new Object() { public String toString() { return \"x\"; } }; } }")
                        .expect(HOTSWAP, ENHANCED),
                OraclePair.of(
                                "anonymous class inserted before another",
                                "public class A { Object f() { return new Runnable() { public void run() { System.out.println(\"a\"); } }; } }",
                                "public class A { Object f() { Object o = new Runnable() { public void run() { System.out.println(\"z\"); } }; return new Runnable() { public void run() { System.out.println(\"a\"); } }; } }")
                        .expect(HOTSWAP, ENHANCED),
                OraclePair.of(
                                "anonymous classes swapped",
                                "public class A { Object f() { Runnable a = new Runnable() { public void run() { System.out.println(\"a\"); } }; Runnable b = new Runnable() { public void run() { System.out.println(\"b\"); } }; return a; } }",
                                "public class A { Object f() { Runnable b = new Runnable() { public void run() { System.out.println(\"b\"); } }; Runnable a = new Runnable() { public void run() { System.out.println(\"a\"); } }; return a; } }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "anonymous class body changed",
                                "public class A { Runnable a = new Runnable() { public void run() { System.out.println(\"a\"); } }; }",
                                "public class A { Runnable a = new Runnable() { public void run() { System.out.println(\"b\"); } }; }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "static nested class added",
                                "public class A { }",
                                "public class A { static class N { } }")
                        .expect(HOTSWAP, ENHANCED),
                OraclePair.of(
                                "nested class made public",
                                "public class A { private static class N { } }",
                                "public class A { public static class N { } }")
                        .expect(ENHANCED),
                // A top-level class may be named A$N: the nested class's binary name stays, its NestHost goes.
                OraclePair.files("nested class moved to the top level under the same binary name")
                        .file("A", "public class A { static class N { } }", "public class A { }")
                        .file("A$N", null, "class A$N { }")
                        .expect(HOTSWAP, ENHANCED),
                OraclePair.of(
                                "static nested class made inner",
                                "public class A { static class N { } }",
                                "public class A { class N { } }")
                        .expect(ENHANCED),
                OraclePair.of(
                                "local class body changed",
                                "public class A { Object f() { class L { int g() { return 1; } } return new L(); } }",
                                "public class A { Object f() { class L { int g() { return 2; } } return new L(); } }")
                        .expect(HOTSWAP),

                // ---- enums and switches
                OraclePair.of("enum constant added", "public enum A { X, Y }", "public enum A { X, Y, Z }")
                        .expect(TRANSFORM),
                OraclePair.of("enum constant removed", "public enum A { X, Y, Z }", "public enum A { X, Y }")
                        .expect(TRANSFORM),
                OraclePair.of("enum constant renamed", "public enum A { X, Y }", "public enum A { X, W }")
                        .expect(TRANSFORM),
                OraclePair.of("enum constants reordered", "public enum A { X, Y }", "public enum A { Y, X }")
                        .expect(TRANSFORM),
                OraclePair.of(
                                "enum method body",
                                "public enum A { X; int f() { return 1; } }",
                                "public enum A { X; int f() { return 2; } }")
                        .expect(HOTSWAP),
                OraclePair.files("switch on an enum of another file added")
                        .file("E", "public enum E { P, Q }", "public enum E { P, Q }")
                        .file(
                                "A",
                                "public class A { int f(E e) { return 0; } }",
                                "public class A { int f(E e) { switch (e) { case P: return 1; default: return 0; } } }")
                        .expect(HOTSWAP, ENHANCED),
                OraclePair.of(
                                "switch on an enum nested in the same class added",
                                "public class A { enum E { P, Q } int f(E e) { return 0; } }",
                                "public class A { enum E { P, Q } int f(E e) { switch (e) { case P: return 1; default: return 0; } } }")
                        // javac 21+ switches on ordinal() for an enum nested in the same top-level class: no A$1, no
                        // NestMembers.
                        .expect(release -> release < 11 || Runtime.version().feature() >= 21 ? HOTSWAP : ENHANCED),

                // ---- class-level
                OraclePair.of("class made final", "public class A { }", "public final class A { }")
                        .expect(ENHANCED),
                OraclePair.of("class made abstract", "public class A { }", "public abstract class A { }")
                        .expect(ENHANCED),
                OraclePair.of("class made package-private", "public class A { }", "class A { }")
                        .expect(ENHANCED),
                OraclePair.files("class annotation value changed")
                        .file("Tag", TAG, TAG)
                        .file("A", "@Tag(\"x\") public class A { }", "@Tag(\"y\") public class A { }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "class generic signature changed",
                                "public class A<T> { }",
                                "public class A<T extends Number> { }")
                        .expect(HOTSWAP),
                OraclePair.of(
                                "interfaces reordered",
                                "public class A implements Runnable, Cloneable { public void run() { } }",
                                "public class A implements Cloneable, Runnable { public void run() { } }")
                        .expect(ENHANCED),
                OraclePair.of("interface added", "public class A { }", "public class A implements Cloneable { }")
                        .expect(ENHANCED),
                OraclePair.of("interface removed", "public class A implements Cloneable { }", "public class A { }")
                        .expect(TRANSFORM),
                OraclePair.files("superclass changed")
                        .file("B", "public class B { }", "public class B { }")
                        .file("A", "public class A { }", "public class A extends B { }")
                        .expect(TRANSFORM),
                OraclePair.of("class became an interface", "public abstract class A { }", "public interface A { }")
                        .expect(RESTART),
                OraclePair.of("interface became an annotation", "public interface A { }", "public @interface A { }")
                        .expect(RESTART),
                OraclePair.files("class added")
                        .file("A", "public class A { }", "public class A { }")
                        .file("B", null, "public class B { }")
                        .expect(HOTSWAP),
                OraclePair.files("class removed")
                        .file("A", "public class A { }", "public class A { }")
                        .file("B", "public class B { }", null)
                        .expect(HOTSWAP),

                // ---- Java 17 only: records and sealed hierarchies
                OraclePair.of(
                                "record component added",
                                "public record A(int x) { }",
                                "public record A(int x, int y) { }")
                        .since17()
                        .expect(ENHANCED),
                OraclePair.of(
                                "record component type changed",
                                "public record A(int x) { }",
                                "public record A(long x) { }")
                        .since17()
                        .expect(TRANSFORM),
                OraclePair.of(
                                "record method body",
                                "public record A(int x) { int twice() { return 2 * x; } }",
                                "public record A(int x) { int twice() { return x + x + 0; } }")
                        .since17()
                        .expect(HOTSWAP),
                OraclePair.of(
                                "record component annotation added",
                                "public record A(int x) { }",
                                "public record A(@Deprecated int x) { }")
                        .since17(),
                OraclePair.files("permits changed")
                        .file(
                                "S",
                                "public sealed interface S permits A { }",
                                "public sealed interface S permits A, B { }")
                        .file("A", "public final class A implements S { }", "public final class A implements S { }")
                        .file("B", null, "public final class B implements S { }")
                        .since17()
                        .expect(ENHANCED),
                OraclePair.of("class became a record", "public final class A { }", "public record A() { }")
                        .since17()
                        .expect(RESTART));
    }
}
