package io.liveupdate.differ.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.liveupdate.differ.ClassSet;
import io.liveupdate.differ.Differ;
import io.liveupdate.differ.DifferException;
import io.liveupdate.differ.InputLimits;
import io.liveupdate.differ.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzz test of the jar reader: any bytes, read as a jar within small limits and diffed against an empty build, end in
 * a verdict or a {@link DifferException}.
 */
class JarFuzzTest {
    private static final Differ DIFFER = new Differ(Profile.HOTSWAP, Runnable::run, 1);
    private static final ClassSet EMPTY = ClassSet.of("empty", Map.of());
    private static final InputLimits SMALL = new InputLimits(256 << 10, 1 << 20, 64, 16);
    private static final Path JAR = scratch();

    private static Path scratch() {
        try {
            Path dir = Files.createTempDirectory("liveupdate-jar-fuzz-");
            dir.toFile().deleteOnExit();
            Path jar = dir.resolve("fuzz.jar");
            jar.toFile().deleteOnExit();
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void readJar(byte[] data) throws IOException {
        Files.write(JAR, data);
        try {
            ClassFileFuzzTest.report(DIFFER.diff(EMPTY, ClassSet.read(JAR, SMALL)));
        } catch (DifferException expected) {
            // bad input, reported as such
        }
    }
}
