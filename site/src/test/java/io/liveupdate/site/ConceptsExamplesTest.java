package io.liveupdate.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.differ.ClassDiff;
import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.Hazard;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.UpdateLevel;
import io.liveupdate.testing.Javac;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/concepts.md tells the truth: each {@code <!-- example: LEVEL [HAZARD] -->} is followed by a before and an after
 * Java block; both are compiled with javac and diffed, and the update must be at LEVEL and, when named, carry HAZARD
 * (with none named, no hazard at all). Every level and every hazard has an example.
 */
class ConceptsExamplesTest {

    private static final Path PAGE = Markdown.root().resolve("docs/concepts.md");
    private static final Pattern EXAMPLE = Pattern.compile("example: ([A-Z]+)(?: ([A-Z_]+))?");
    /** A line {@code // Name.java} starts another source file inside a block. */
    private static final Pattern FILE = Pattern.compile("^// (\\w+\\.java)$", Pattern.MULTILINE);

    record Example(String level, String hazard, String before, String after, int line) {
        @Override
        public String toString() {
            return level + (hazard == null ? "" : " " + hazard) + " (docs/concepts.md:" + line + ")";
        }
    }

    static List<Example> examples() {
        List<Markdown.Block> blocks = Markdown.read(PAGE).blocks();
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Markdown.Block b = blocks.get(i);
            Matcher m = b.comment() == null ? null : EXAMPLE.matcher(b.comment());
            if (m == null || !m.matches()) {
                continue;
            }
            assertTrue(i + 1 < blocks.size(), "the after block of " + m.group() + " at line " + b.line());
            Markdown.Block after = blocks.get(i + 1);
            assertEquals("java", b.info(), "the before block of " + m.group() + " at line " + b.line());
            assertEquals("java", after.info(), "the after block of " + m.group() + " at line " + after.line());
            out.add(new Example(m.group(1), m.group(2), b.text(), after.text(), b.line()));
            i++;
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theDifferSaysWhatThePageSays(Example e, @TempDir Path tmp) throws IOException {
        DiffResult diff = new Differ(Profile.HOTSWAP)
                .diff(
                        ClassSet.of(
                                "before", Javac.compile(sources(e.before()), Files.createDirectory(tmp.resolve("a")))),
                        ClassSet.of(
                                "after", Javac.compile(sources(e.after()), Files.createDirectory(tmp.resolve("b")))));
        assertEquals(UpdateLevel.valueOf(e.level()), diff.level(), () -> e + ": " + diff.classes());
        Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        for (ClassDiff c : diff.classes()) {
            hazards.addAll(c.hazards());
        }
        if (e.hazard() == null) {
            assertEquals(Set.of(), hazards, () -> e + " shows a level with no hazard: " + diff.classes());
        } else {
            assertTrue(hazards.contains(Hazard.valueOf(e.hazard())), () -> e + ": " + diff.classes());
        }
    }

    @Test
    void everyLevelAndEveryHazardHasAnExample() {
        Set<String> levels = new TreeSet<>();
        Set<String> hazards = new TreeSet<>();
        for (Example e : examples()) {
            levels.add(e.level());
            if (e.hazard() != null) {
                hazards.add(e.hazard());
            }
        }
        assertEquals(names(UpdateLevel.values()), levels);
        assertEquals(names(Hazard.values()), hazards);
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> out = new TreeSet<>();
        Stream.of(values).forEach(v -> out.add(v.name()));
        return out;
    }

    /** A block is one file named after its first type, or several, each after a {@code // Name.java} line. */
    static Map<String, String> sources(String block) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FILE.matcher(block);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start(), m.end()});
            names.add(m.group(1));
        }
        if (names.isEmpty()) {
            Matcher type =
                    Pattern.compile("(?:class|interface|enum|record) (\\w+)").matcher(block);
            assertTrue(type.find(), "a type in " + block);
            out.put(type.group(1) + ".java", block);
            return out;
        }
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < names.size() ? starts.get(i + 1)[0] : block.length();
            out.put(names.get(i), block.substring(starts.get(i)[1], end));
        }
        return out;
    }
}
