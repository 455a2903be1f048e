package io.liveupdate.differ;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liveupdate.differ.testing.InMemoryCompiler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hazard of the contract, each with a minimal source change that triggers it and a close one that does not.
 * Compiled with the running JDK's javac at {@code --release 17}; where javac 17 and 25 differ, the expectation says
 * so.
 */
class HazardTest {
    private static final int JAVAC = InMemoryCompiler.javacFeature();

    /** A before/after pair, the hazard it concerns, whether it must be reported, and on which class. */
    record Case(
            String name,
            Hazard hazard,
            boolean expected,
            String on,
            Map<String, String> before,
            Map<String, String> after) {
        Case on(String className) {
            return new Case(name, hazard, expected, className, before, after);
        }

        @Override
        public String toString() {
            return (expected ? "triggers " : "does not trigger ") + hazard + ": " + name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                one(
                        Hazard.STATIC_INITIALIZER_CHANGED,
                        true,
                        "static field initializer changed",
                        "class A { static String s = \"one\"; }",
                        "class A { static String s = \"two\"; }"),
                one(
                        Hazard.STATIC_INITIALIZER_CHANGED,
                        false,
                        "static method body changed",
                        "class A { static String s() { return \"one\"; } }",
                        "class A { static String s() { return \"two\"; } }"),
                one(
                        Hazard.INSTANCE_INITIALIZER_CHANGED,
                        true,
                        "instance field initializer changed",
                        "class A { int x = 1; }",
                        "class A { int x = 2; }"),
                one(
                        Hazard.INSTANCE_INITIALIZER_CHANGED,
                        false,
                        "constructor changed, no field stored",
                        "class A { A() { System.out.println(\"a\"); } }",
                        "class A { A() { System.out.println(\"b\"); } }"),
                // Every way javac puts code into the construction of an object, field initializers aside.
                one(
                        Hazard.INSTANCE_INITIALIZER_CHANGED,
                        true,
                        "initializer block changed",
                        "class A { java.util.List<String> items = new java.util.ArrayList<>(); { items.add(\"a\"); } }",
                        "class A { java.util.List<String> items = new java.util.ArrayList<>(); { items.add(\"b\"); } }"),
                one(
                        Hazard.INSTANCE_INITIALIZER_CHANGED,
                        true,
                        "initializer block calling a method of the object changed",
                        "class A { void init(int n) { } { init(1); } }",
                        "class A { void init(int n) { } { init(2); } }"),
                one(
                        Hazard.INSTANCE_INITIALIZER_CHANGED,
                        true,
                        "initializer block handing the object to another changed",
                        "class A { { java.util.Objects.requireNonNull(this, \"a\"); } }",
                        "class A { { java.util.Objects.requireNonNull(this, \"b\"); } }"),
                one(
                        Hazard.INSTANCE_INITIALIZER_CHANGED,
                        true,
                        "field initializer creates another kind of object",
                        "class A { java.util.List<String> items = new java.util.ArrayList<>(); }",
                        "class A { java.util.List<String> items = new java.util.LinkedList<>(); }"),
                one(
                        Hazard.INSTANCE_INITIALIZER_CHANGED,
                        true,
                        "constructor body calls the object's own method differently",
                        "class A { void init(int n) { } A() { init(1); } }",
                        "class A { void init(int n) { } A() { init(2); } }"),
                one(
                        Hazard.INSTANCE_INITIALIZER_CHANGED,
                        false,
                        "initializer block that does not touch the object changed",
                        "class A { { System.out.println(\"a\"); } }",
                        "class A { { System.out.println(\"b\"); } }"),
                one(
                        Hazard.INSTANCE_INITIALIZER_CHANGED,
                        false,
                        "argument of super(...) changed",
                        "class A extends Thread { A() { super(\"a\"); } }",
                        "class A extends Thread { A() { super(\"b\"); } }"),
                // Method references bind their target at the call site: objects made before the update keep it.
                one(
                        Hazard.METHOD_REFERENCE_RETARGETED,
                        true,
                        "bound method reference retargeted",
                        "class A { void a() { } void b() { } Runnable r() { return this::a; } }",
                        "class A { void a() { } void b() { } Runnable r() { return this::b; } }"),
                one(
                        Hazard.METHOD_REFERENCE_RETARGETED,
                        true,
                        "static method reference retargeted",
                        "class A { static String x() { return \"x\"; } static String y() { return \"y\"; }"
                                + " java.util.function.Supplier<String> s() { return A::x; } }",
                        "class A { static String x() { return \"x\"; } static String y() { return \"y\"; }"
                                + " java.util.function.Supplier<String> s() { return A::y; } }"),
                one(
                        Hazard.METHOD_REFERENCE_RETARGETED,
                        true,
                        "constructor reference retargeted",
                        "class A { java.util.function.Supplier<Object> s() { return java.util.ArrayList::new; } }",
                        "class A { java.util.function.Supplier<Object> s() { return java.util.LinkedList::new; } }"),
                one(
                        Hazard.METHOD_REFERENCE_RETARGETED,
                        true,
                        "method reference in a field initializer retargeted",
                        "class A { void a() { } void b() { } Runnable r = this::a; }",
                        "class A { void a() { } void b() { } Runnable r = this::b; }"),
                one(
                        Hazard.METHOD_REFERENCE_RETARGETED,
                        true,
                        "lambda replaced by a method reference",
                        "class A { void a() { } Runnable r() { return () -> System.out.println(); } }",
                        "class A { void a() { } Runnable r() { return this::a; } }"),
                one(
                        Hazard.METHOD_REFERENCE_RETARGETED,
                        false,
                        "the referenced method's body changed, the reference did not",
                        "class A { void a() { System.out.println(1); } Runnable r() { return this::a; } }",
                        "class A { void a() { System.out.println(2); } Runnable r() { return this::a; } }"),
                one(
                        Hazard.METHOD_REFERENCE_RETARGETED,
                        false,
                        "a second method reference added after the first",
                        "class A { void a() { } void b() { } Runnable[] r() { return new Runnable[] {this::a}; } }",
                        "class A { void a() { } void b() { } Runnable[] r() { return new Runnable[] {this::a, this::b}; } }"),
                one(
                        Hazard.CONSTANT_VALUE_CHANGED,
                        true,
                        "compile-time constant changed",
                        "class A { static final int K = 1; }",
                        "class A { static final int K = 2; }"),
                one(
                        Hazard.CONSTANT_VALUE_CHANGED,
                        false,
                        "use of an unchanged constant changed",
                        "class A { static final int K = 1; int f() { return K + 1; } }",
                        "class A { static final int K = 1; int f() { return K + 2; } }"),
                one(
                        Hazard.LAMBDA_BODIES_MOVED,
                        true,
                        "two same-shaped lambdas swapped",
                        "class A { java.util.function.Supplier<String> a = () -> \"A\", b = () -> \"B\"; }",
                        "class A { java.util.function.Supplier<String> a = () -> \"B\", b = () -> \"A\"; }"),
                one(
                        Hazard.LAMBDA_BODIES_MOVED,
                        false,
                        "one lambda body changed",
                        "class A { java.util.function.Supplier<String> a = () -> \"A\", b = () -> \"B\"; }",
                        "class A { java.util.function.Supplier<String> a = () -> \"C\", b = () -> \"B\"; }"),
                // javac up to 23 numbers lambdas per class, so a lambda added in a() renumbers the one in b();
                // javac 24+ numbers them per method (reference/hotspot-redefinition.md §4).
                one(
                        Hazard.LAMBDA_BODIES_MOVED,
                        JAVAC < 24,
                        "lambda added in an earlier method (javac " + JAVAC + ")",
                        "class A { Object a() { return null; } Object b() { Runnable r = () -> System.out.println(\"b\"); return r; } }",
                        "class A { Object a() { Runnable q = () -> System.out.println(\"a\"); return q; } Object b() { Runnable r = () -> System.out.println(\"b\"); return r; } }"),
                one(
                                Hazard.ANONYMOUS_CLASSES_RENUMBERED,
                                true,
                                "two anonymous classes swapped",
                                "class A { Object f() { Runnable a = new Runnable() { public void run() { System.out.println(\"a\"); } }; Runnable b = new Runnable() { public void run() { System.out.println(\"b\"); } }; return a; } }",
                                "class A { Object f() { Runnable b = new Runnable() { public void run() { System.out.println(\"b\"); } }; Runnable a = new Runnable() { public void run() { System.out.println(\"a\"); } }; return a; } }")
                        .on("t.A$1"),
                one(
                        Hazard.ANONYMOUS_CLASSES_RENUMBERED,
                        false,
                        "anonymous class body changed",
                        "class A { Object f() { Runnable a = new Runnable() { public void run() { System.out.println(\"a\"); } }; Runnable b = new Runnable() { public void run() { System.out.println(\"b\"); } }; return a; } }",
                        "class A { Object f() { Runnable a = new Runnable() { public void run() { System.out.println(\"c\"); } }; Runnable b = new Runnable() { public void run() { System.out.println(\"b\"); } }; return a; } }"),
                two(
                                Hazard.ENUM_SWITCH_MAP_CHANGED,
                                true,
                                "constant inserted into an enum another file switches on",
                                "enum E { P, Q }",
                                "enum E { P, R, Q }",
                                "class A { int f(E e) { switch (e) { case P: return 1; default: return 0; } } }")
                        .on("t.E"),
                two(
                        Hazard.ENUM_SWITCH_MAP_CHANGED,
                        false,
                        "constant inserted into an enum nobody switches on",
                        "enum E { P, Q }",
                        "enum E { P, R, Q }",
                        "class A { int f(E e) { return e == E.P ? 1 : 0; } }"),
                // The switch map of ColorScheme is not one of Color: names are matched exactly, not as prefixes.
                new Case(
                        "constants of an enum change whose name prefixes another enum that is switched on",
                        Hazard.ENUM_SWITCH_MAP_CHANGED,
                        false,
                        null,
                        Map.of(
                                "t/Color.java", "package t;\nenum Color { RED, GREEN }",
                                "t/ColorScheme.java", "package t;\nenum ColorScheme { LIGHT, DARK }",
                                "t/A.java",
                                        "package t;\nclass A { int f(ColorScheme s) { switch (s) { case DARK: return 1;"
                                                + " default: return 0; } } }"),
                        Map.of(
                                "t/Color.java", "package t;\nenum Color { RED, BLUE, GREEN }",
                                "t/ColorScheme.java", "package t;\nenum ColorScheme { LIGHT, DARK }",
                                "t/A.java",
                                        "package t;\nclass A { int f(ColorScheme s) { switch (s) { case DARK: return 1;"
                                                + " default: return 0; } } }")),
                // javac 21+ switches on the ordinal directly when the enum is nested in the same top-level class
                // (JDK-7176515), so no $SwitchMap$ exists to go stale.
                one(
                        Hazard.ENUM_SWITCH_MAP_CHANGED,
                        JAVAC < 21,
                        "constant inserted into an enum nested in the class that switches on it (javac " + JAVAC + ")",
                        "class A { enum E { P, Q } int f(E e) { switch (e) { case P: return 1; default: return 0; } } }",
                        "class A { enum E { P, R, Q } int f(E e) { switch (e) { case P: return 1; default: return 0; } } }"),
                one(
                        Hazard.SERIAL_VERSION_CHANGED,
                        true,
                        "serialVersionUID changed",
                        "class A implements java.io.Serializable { private static final long serialVersionUID = 1L; }",
                        "class A implements java.io.Serializable { private static final long serialVersionUID = 2L; }"),
                one(
                        Hazard.SERIAL_VERSION_CHANGED,
                        false,
                        "another long constant changed",
                        "class A implements java.io.Serializable { private static final long VERSION = 1L; }",
                        "class A implements java.io.Serializable { private static final long VERSION = 2L; }"),
                one(
                        Hazard.NEW_FIELD_DEFAULT_VALUE,
                        true,
                        "field with an initializer added",
                        "class A { }",
                        "class A { int b = 5; }"),
                one(
                        Hazard.NEW_FIELD_DEFAULT_VALUE,
                        false,
                        "method added",
                        "class A { }",
                        "class A { int b() { return 5; } }"),
                two(Hazard.CLASS_REMOVED, true, "class removed", "class B { }", null, "class A { }")
                        .on("t.B"),
                two(
                        Hazard.CLASS_REMOVED,
                        false,
                        "class body changed",
                        "class B { int f() { return 1; } }",
                        "class B { int f() { return 2; } }",
                        "class A { }"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hazardIsReportedExactlyWhenExpected(Case c) {
        DiffResult diff = new Differ(Profile.HOTSWAP)
                .diff(
                        ClassSet.of("before", InMemoryCompiler.compile(c.before, 17)),
                        ClassSet.of("after", InMemoryCompiler.compile(c.after, 17)));

        TreeSet<String> flagged = new TreeSet<>();
        for (ClassDiff d : diff.classes()) {
            if (d.hazards().contains(c.hazard)) {
                flagged.add(d.name());
            }
        }

        if (c.expected) {
            assertEquals(
                    true,
                    c.on == null ? !flagged.isEmpty() : flagged.contains(c.on),
                    () -> c.hazard + " expected on " + (c.on == null ? "some class" : c.on) + ", got "
                            + diff.classes());
        } else {
            assertEquals(new TreeSet<String>(), flagged, () -> c.hazard + " must not be reported: " + diff.classes());
        }
    }

    private static Case one(Hazard hazard, boolean expected, String name, String before, String after) {
        return new Case(
                name,
                hazard,
                expected,
                null,
                Map.of("t/A.java", "package t;\n" + before),
                Map.of("t/A.java", "package t;\n" + after));
    }

    /** File B changes from {@code b1} to {@code b2} (null: removed); file A stays {@code a}. */
    private static Case two(Hazard hazard, boolean expected, String name, String b1, String b2, String a) {
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, String> after = new LinkedHashMap<>();
        String bFile = b1.startsWith("enum E") ? "t/E.java" : "t/B.java";
        before.put(bFile, "package t;\n" + b1);
        if (b2 != null) {
            after.put(bFile, "package t;\n" + b2);
        }
        before.put("t/A.java", "package t;\n" + a);
        after.put("t/A.java", "package t;\n" + a);
        return new Case(name, hazard, expected, null, before, after);
    }
}
