package io.liveupdate.differ.oracle;

import io.liveupdate.differ.UpdateLevel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A before/after pair of Java sources (package {@code t}) and what the differ is expected to say about it. The
 * oracle suite compiles both sides, asks the JVM to redefine, and checks the differ against the JVM; the expected
 * levels additionally pin the rungs above HOTSWAP, which no JVM here can check.
 */
final class OraclePair {
    final String name;
    final Map<String, String> before = new LinkedHashMap<>();
    final Map<String, String> after = new LinkedHashMap<>();
    int minRelease = 8;
    /** Expected level under the hotswap profile, by --release; null = only the oracle decides. */
    IntFunction<UpdateLevel> expected = release -> null;
    /** Expected level under hotswap-add-delete when it differs from the default expectation. */
    UpdateLevel addDelete;

    private OraclePair(String name) {
        this.name = name;
    }

    /** A pair of one class {@code t.A}. */
    static OraclePair of(String name, String before, String after) {
        return new OraclePair(name).file("A", before, after);
    }

    /** A pair of several files; null text means the file is absent on that side. */
    static OraclePair files(String name) {
        return new OraclePair(name);
    }

    OraclePair file(String simpleName, String beforeText, String afterText) {
        String path = "t/" + simpleName + ".java";
        if (beforeText != null) {
            before.put(path, "package t;\n" + beforeText);
        }
        if (afterText != null) {
            after.put(path, "package t;\n" + afterText);
        }
        return this;
    }

    OraclePair expect(UpdateLevel level) {
        expected = release -> level;
        return this;
    }

    OraclePair expect(IntFunction<UpdateLevel> byRelease) {
        expected = byRelease;
        return this;
    }

    OraclePair expect(UpdateLevel release8, UpdateLevel release17) {
        expected = release -> release < 11 ? release8 : release17;
        return this;
    }

    OraclePair addDelete(UpdateLevel level) {
        addDelete = level;
        return this;
    }

    OraclePair since17() {
        minRelease = 17;
        return this;
    }

    @Override
    public String toString() {
        return name;
    }
}
