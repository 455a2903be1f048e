package io.liveupdate.differ.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.DiffResult;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.DifferException;
import io.liveupdate.differ.Profile;
import io.liveupdate.differ.report.JsonReport;
import io.liveupdate.differ.report.TextReport;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.objectweb.asm.ClassReader;

/**
 * Fuzz tests of the class-file reader and of the diff of two class files. Every input must end in a verdict or in a
 * {@link DifferException}; anything else (another exception, an error, a hang) is a finding. In a normal build they
 * run over the committed inputs ({@code src/test/resources/.../ClassFileFuzzTestInputs}: seeds and every finding,
 * minimised); {@code JAZZER_FUZZ=1} fuzzes ({@code bench/fuzz.sh}).
 */
class ClassFileFuzzTest {
    private static final Differ DIFFER = new Differ(Profile.HOTSWAP, Runnable::run, 1);
    private static final ClassSet EMPTY = ClassSet.of("empty", Map.of());

    /** One class file, read into a model (it is ADDED against an empty build) and reported. */
    @FuzzTest(maxDuration = "10m")
    void readClassFile(byte[] data) {
        try {
            report(DIFFER.diff(EMPTY, ClassSet.of("fuzz", Map.of(pathOf(data), data))));
        } catch (DifferException expected) {
            // bad input, reported as such
        }
    }

    /**
     * Two versions of one class: the first four bytes say where the old one ends, the rest is split there. Both must
     * be read and compared whatever they hold.
     */
    @FuzzTest(maxDuration = "10m")
    void diffTwoClassFiles(byte[] data) {
        if (data.length < 4) {
            return;
        }
        int split = Math.floorMod(ByteBuffer.wrap(data, 0, 4).getInt(), data.length - 3);
        byte[] before = Arrays.copyOfRange(data, 4, 4 + split);
        byte[] after = Arrays.copyOfRange(data, 4 + split, data.length);
        String path = pathOf(before);
        try {
            report(DIFFER.diff(ClassSet.of("old", Map.of(path, before)), ClassSet.of("new", Map.of(path, after))));
        } catch (DifferException expected) {
            // bad input, reported as such
        }
    }

    /** The path a class file's own name gives it (so that most inputs pass the name check), else a fixed one. */
    static String pathOf(byte[] classFile) {
        try {
            String name = new ClassReader(classFile).getClassName();
            if (name != null && !name.isEmpty() && name.length() < 200) {
                return name + ".class";
            }
        } catch (RuntimeException unreadable) {
            // the differ says what is wrong with it
        }
        return "t/A.class";
    }

    static void report(DiffResult result) {
        JsonReport.write(result, new StringWriter());
        TextReport.write(result, new StringWriter(), true);
    }
}
