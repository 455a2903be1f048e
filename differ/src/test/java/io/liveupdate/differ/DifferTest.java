package io.liveupdate.differ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.liveupdate.differ.report.JsonReport;
import io.liveupdate.differ.report.TextReport;
import io.liveupdate.differ.testing.InMemoryCompiler;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ByteVector;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/** What a diff reports: pairing, the unchanged count, NONE for debug-only changes, added and removed classes. */
class DifferTest {
    private static final String BODY =
            "package t; public class A { int f(int x) { if (x > 0) { return x * 2; } return -x; }"
                    + " String g() { try { return \"a\" + f(1); } catch (RuntimeException e) { return null; } } }";

    private static final Differ DIFFER = new Differ(Profile.HOTSWAP);

    @Test
    void classRewrittenWithAnotherConstantPoolAndRecomputedFramesIsUnchanged() {
        byte[] javac = compile(BODY).get("t/A.class");
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object";
            }
        };
        new ClassReader(javac).accept(writer, ClassReader.SKIP_FRAMES);
        byte[] rewritten = writer.toByteArray();

        DiffResult diff = diff(Map.of("t/A.class", javac), Map.of("t/A.class", rewritten));

        assertFalse(
                Arrays.equals(javac, rewritten), "the rewrite must change the bytes for this test to mean anything");
        assertEquals(1, diff.unchanged());
        assertEquals(List.of(), diff.classes());
        assertEquals(UpdateLevel.NONE, diff.level());
    }

    @Test
    void onlyDebugAttributesChangedIsListedAtNone() {
        DiffResult diff = diff(compile(BODY), compile(BODY.replace("int f(int x) {", "int f(int x) {\n\n")));

        ClassDiff a = diff.classes().get(0);
        assertEquals(ClassStatus.CHANGED, a.status());
        assertEquals(UpdateLevel.NONE, a.level());
        assertEquals(List.of(new Change(ChangeKind.DEBUG_INFO_CHANGED, null)), a.changes());
        assertNull(a.reason());
        assertEquals(UpdateLevel.NONE, diff.level());
    }

    @Test
    void addedAndRemovedClassesAreHotSwapAndRemovalIsAHazard() {
        DiffResult diff = diff(compile("package t; class Old { }"), compile("package t; class New { }"));

        assertEquals(2, diff.classes().size());
        ClassDiff added = diff.classes().get(0);
        ClassDiff removed = diff.classes().get(1);
        assertEquals("t.New", added.name());
        assertEquals(ClassStatus.ADDED, added.status());
        assertEquals(UpdateLevel.HOTSWAP, added.level());
        assertEquals(Set.of(), added.hazards());
        assertEquals("t.Old", removed.name());
        assertEquals(ClassStatus.REMOVED, removed.status());
        assertEquals(UpdateLevel.HOTSWAP, removed.level());
        assertEquals(Set.of(Hazard.CLASS_REMOVED), removed.hazards());
    }

    @Test
    void reasonsFollowHotSpotsCheckOrderAndLevelCauseNamesTheDecidingChange() {
        DiffResult diff = diff(
                compile("package t; public class A { int a; void f() { } }"),
                compile("package t; public final class A implements Cloneable { long a; void g() { } }"));

        ClassDiff a = diff.classes().get(0);
        assertEquals(
                List.of(
                        RedefinitionCheck.UNSUPPORTED_REDEFINITION_HIERARCHY_CHANGED,
                        RedefinitionCheck.UNSUPPORTED_REDEFINITION_CLASS_MODIFIERS_CHANGED,
                        RedefinitionCheck.UNSUPPORTED_REDEFINITION_SCHEMA_CHANGED,
                        RedefinitionCheck.UNSUPPORTED_REDEFINITION_METHOD_ADDED,
                        RedefinitionCheck.UNSUPPORTED_REDEFINITION_METHOD_DELETED),
                a.reasons());
        assertEquals(RedefinitionCheck.UNSUPPORTED_REDEFINITION_HIERARCHY_CHANGED, a.reason());
        assertEquals(UpdateLevel.TRANSFORM, a.level());
        assertEquals(ChangeKind.FIELD_TYPE_CHANGED, a.levelCause());
    }

    @Test
    void jsonFollowsTheContractAndIsByteIdenticalAcrossRuns() {
        Map<String, byte[]> before = compile("package t; public class A { int f() { return 1; } }");
        Map<String, byte[]> after =
                compile("package t; public class A { int f() { return 1; } int g() { return 2; } }");

        String first = json(diff(before, after));
        String second = json(diff(before, after));

        assertEquals(first, second);
        assertEquals(
                String.join(
                        System.lineSeparator(),
                        "{",
                        "  \"formatVersion\" : 1,",
                        "  \"profile\" : \"hotswap\",",
                        "  \"level\" : \"ENHANCED\",",
                        "  \"unchanged\" : 0,",
                        "  \"inputs\" : {",
                        "    \"old\" : \"before\",",
                        "    \"new\" : \"after\"",
                        "  },",
                        "  \"summary\" : {",
                        "    \"levels\" : {",
                        "      \"NONE\" : 0,",
                        "      \"HOTSWAP\" : 0,",
                        "      \"ENHANCED\" : 1,",
                        "      \"TRANSFORM\" : 0,",
                        "      \"RESTART\" : 0",
                        "    },",
                        "    \"statuses\" : {",
                        "      \"ADDED\" : 0,",
                        "      \"REMOVED\" : 0,",
                        "      \"CHANGED\" : 1",
                        "    },",
                        "    \"hazards\" : { }",
                        "  },",
                        "  \"classes\" : [ {",
                        "    \"name\" : \"t.A\",",
                        "    \"status\" : \"CHANGED\",",
                        "    \"level\" : \"ENHANCED\",",
                        "    \"reason\" : \"UNSUPPORTED_REDEFINITION_METHOD_ADDED\",",
                        "    \"reasons\" : [ \"UNSUPPORTED_REDEFINITION_METHOD_ADDED\" ],",
                        "    \"levelCause\" : null,",
                        "    \"changes\" : [ {",
                        "      \"kind\" : \"METHOD_ADDED\",",
                        "      \"member\" : \"g()I\"",
                        "    } ],",
                        "    \"hazards\" : [ ]",
                        "  } ]",
                        "}",
                        ""),
                first);
    }

    @Test
    void textReportLeadsWithInputsAndVerdictThenClassesByLevelWithTheirMembers() {
        DiffResult diff = diff(
                InMemoryCompiler.compile(
                        Map.of(
                                "t/A.java", "package t; public class A { static final int K = 1; }",
                                "t/B.java", "package t; public class B { int f() { return 1; } }",
                                "t/C.java", "package t; public class C { int x; }",
                                "t/D.java", "package t; public class D {\n int f() { return 1; } }"),
                        17),
                InMemoryCompiler.compile(
                        Map.of(
                                "t/A.java", "package t; public class A { static final int K = 2; }",
                                "t/B.java",
                                        "package t; public class B { int f() { return 1; } int g(int a) { return a; } }",
                                "t/C.java", "package t; public class C { long x; }",
                                "t/D.java", "package t; public class D {\n\n int f() { return 1; } }"),
                        17));
        StringWriter brief = new StringWriter();
        StringWriter verbose = new StringWriter();

        TextReport.write(diff, brief);
        TextReport.write(diff, verbose, true);

        assertEquals(
                List.of(
                        "inputs before -> after",
                        "level TRANSFORM (profile hotswap): 4 classes listed (1 TRANSFORM, 1 ENHANCED, 1 HOTSWAP, 1 NONE),"
                                + " 0 unchanged",
                        "hazards 1 CONSTANT_VALUE_CHANGED",
                        "TRANSFORM CHANGED t.C  SCHEMA_CHANGED (FIELD_TYPE_CHANGED)",
                        "          FIELD_TYPE_CHANGED x:J",
                        "ENHANCED  CHANGED t.B  METHOD_ADDED",
                        "          METHOD_ADDED g(I)I",
                        "HOTSWAP   CHANGED t.A  hazards: CONSTANT_VALUE_CHANGED",
                        "          FIELD_CONSTANT_VALUE_CHANGED K:I",
                        "1 class at NONE (only debug attributes changed) not listed; --verbose lists them"),
                brief.toString().lines().toList());
        assertEquals(
                List.of("NONE      CHANGED t.D", "          DEBUG_INFO_CHANGED"),
                verbose.toString().lines().skip(9).toList());
    }

    @Test
    void namesWithControlCharactersArePrintedEscaped() {
        assertEquals("t.A\\u001b[2K\\u000dNONE", TextReport.printable("t.A\u001b[2K\rNONE"));
        assertEquals("a\\\\u000a", TextReport.printable("a\\u000a"), "a literal backslash cannot pass for an escape");
        assertEquals("org.example.Foo$1", TextReport.printable("org.example.Foo$1"));
    }

    @Test
    void anAddedOrRemovedModuleDescriptorIsRestartInAnyRelease() {
        Map<String, byte[]> plain = InMemoryCompiler.compile(Map.of("t/A.java", "package t; public class A { }"), 17);
        Map<String, byte[]> modular = new java.util.TreeMap<>(plain);
        byte[] descriptor = InMemoryCompiler.compile(
                        Map.of("module-info.java", "module m { }", "t/A.java", "package t; public class A { }"), 17)
                .get("module-info.class");
        modular.put("META-INF/versions/9/module-info.class", descriptor);

        DiffResult added = diff(plain, modular);
        DiffResult removed = diff(modular, plain);

        ClassDiff moduleInfo = added.classes().get(0);
        assertEquals("module-info", moduleInfo.name());
        assertEquals(9, moduleInfo.release());
        assertEquals(ClassStatus.ADDED, moduleInfo.status());
        assertEquals(UpdateLevel.RESTART, moduleInfo.level());
        assertEquals(ChangeKind.MODULE_INFO_ADDED, moduleInfo.levelCause());
        assertEquals(UpdateLevel.RESTART, added.level());
        assertEquals(ChangeKind.MODULE_INFO_REMOVED, removed.classes().get(0).levelCause());
        assertEquals(Set.of(Hazard.CLASS_REMOVED), removed.classes().get(0).hazards());
        assertEquals(UpdateLevel.RESTART, removed.level());
    }

    @Test
    void unknownProfileAndLevelNamesAreInvalidArguments() {
        DifferException p =
                org.junit.jupiter.api.Assertions.assertThrows(DifferException.class, () -> Profile.parse("jrebel"));
        DifferException l =
                org.junit.jupiter.api.Assertions.assertThrows(DifferException.class, () -> UpdateLevel.parse("LIVE"));

        assertEquals(DifferException.Reason.INVALID_ARGUMENT, p.reason());
        assertEquals("unknown profile 'jrebel' (expected hotswap or hotswap-add-delete)", p.getMessage());
        assertEquals(DifferException.Reason.INVALID_ARGUMENT, l.reason());
    }

    @Test
    void classFileVersionChangeIsHotSwap() {
        Map<String, String> source = Map.of("t/A.java", "package t; public class A { }");

        DiffResult diff = diff(InMemoryCompiler.compile(source, 8), InMemoryCompiler.compile(source, 17));

        assertEquals(
                List.of(new Change(ChangeKind.CLASS_VERSION_CHANGED, null)),
                diff.classes().get(0).changes());
        assertEquals(UpdateLevel.HOTSWAP, diff.level());
    }

    @Test
    void methodParametersChangeIsHotSwap() {
        Map<String, String> before = Map.of("t/A.java", "package t; public class A { void f(int a) { } }");
        Map<String, String> after = Map.of("t/A.java", "package t; public class A { void f(int b) { } }");

        DiffResult diff = diff(
                InMemoryCompiler.compile(before, 17, List.of("-parameters")),
                InMemoryCompiler.compile(after, 17, List.of("-parameters")));

        assertEquals(
                List.of(
                        new Change(ChangeKind.METHOD_PARAMETERS_CHANGED, "f(I)V"),
                        new Change(ChangeKind.DEBUG_INFO_CHANGED, null)),
                diff.classes().get(0).changes());
        assertEquals(UpdateLevel.HOTSWAP, diff.level());
    }

    @Test
    void nonStandardAttributeAddedIsHotSwap() {
        byte[] javac = compile("package t; public class A { }").get("t/A.class");
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(javac)
                .accept(
                        new ClassVisitor(Opcodes.ASM9, writer) {
                            @Override
                            public void visitEnd() {
                                super.visitAttribute(new Attribute("org.example.Custom") {
                                    @Override
                                    protected ByteVector write(
                                            ClassWriter cw, byte[] code, int len, int maxStack, int maxLocals) {
                                        return new ByteVector().putByte(1);
                                    }
                                });
                                super.visitEnd();
                            }
                        },
                        0);

        DiffResult diff = diff(Map.of("t/A.class", javac), Map.of("t/A.class", writer.toByteArray()));

        assertEquals(
                List.of(new Change(ChangeKind.OTHER_ATTRIBUTE_CHANGED, null)),
                diff.classes().get(0).changes());
        assertEquals(UpdateLevel.HOTSWAP, diff.level());
    }

    @Test
    void moduleInfoChangeIsRestart() {
        String pkg = "package t; public class A { }";
        DiffResult diff = diff(
                InMemoryCompiler.compile(Map.of("module-info.java", "module m { }", "t/A.java", pkg), 17),
                InMemoryCompiler.compile(
                        Map.of("module-info.java", "module m { requires java.logging; }", "t/A.java", pkg), 17));

        ClassDiff moduleInfo = diff.classes().get(0);
        assertEquals("module-info", moduleInfo.name());
        assertEquals(UpdateLevel.RESTART, moduleInfo.level());
        assertEquals(ChangeKind.MODULE_INFO_CHANGED, moduleInfo.levelCause());
        assertEquals(1, diff.unchanged());
    }

    private static String json(DiffResult diff) {
        StringWriter out = new StringWriter();
        JsonReport.write(diff, out);
        return out.toString();
    }

    private static Map<String, byte[]> compile(String source) {
        String name = source.substring(source.indexOf("class ") + 6).split("[ <{]")[0];
        return InMemoryCompiler.compile(Map.of("t/" + name + ".java", source), 17);
    }

    private static DiffResult diff(Map<String, byte[]> before, Map<String, byte[]> after) {
        return DIFFER.diff(ClassSet.of("before", before), ClassSet.of("after", after));
    }
}
