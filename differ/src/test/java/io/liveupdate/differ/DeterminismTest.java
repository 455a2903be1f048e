package io.liveupdate.differ;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.differ.testing.InMemoryCompiler;
import io.liveupdate.differ.testing.Jars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same inputs give the same verdicts and byte-identical reports, whatever runs the comparison: another JVM (other
 * identity hash codes, other thread scheduling), the caller's executor, the caller's thread alone, or a pool whose own
 * thread asks for the diff.
 */
class DeterminismTest {
    @TempDir
    Path tmp;

    /** Forty classes, each with another kind of change, so that parallel comparison and ordering matter. */
    private static List<Map<String, byte[]>> builds() {
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, String> after = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            String name = "C" + i;
            String common = " Runnable r = () -> System.out.println(" + i + "); }";
            before.put(
                    "t/" + name + ".java",
                    "package t; public class " + name + " { int x; static final int K = 1; int f() { return " + i
                            + "; }" + common);
            String body =
                    switch (i % 4) {
                        case 0 -> "int x; static final int K = 1; int f() { return " + (i + 1) + "; }"; // HOTSWAP
                        case 1 -> "int x; static final int K = 1; int f() { return " + i + "; } int g() { return 0; }";
                        case 2 -> "long x; static final int K = 1; int f() { return " + i + "; }"; // TRANSFORM
                        default -> "int x; static final int K = 2; int f() { return " + i + "; }"; // HOTSWAP
                    };
            after.put("t/" + name + ".java", "package t; public class " + name + " { " + body + common);
        }
        return List.of(InMemoryCompiler.compile(before, 17), InMemoryCompiler.compile(after, 17));
    }

    @Test
    void twoSeparateJvmRunsWriteByteIdenticalJson() throws Exception {
        List<Map<String, byte[]>> builds = builds();
        Path old = Jars.writeClasses(tmp.resolve("old"), builds.get(0));
        Path now = Jars.writeClasses(tmp.resolve("new"), builds.get(1));

        byte[] first = run(old, now, tmp.resolve("first.json"));
        byte[] second = run(old, now, tmp.resolve("second.json"));

        assertTrue(new String(first, java.nio.charset.StandardCharsets.UTF_8).contains("\"name\" : \"t.C39\""));
        assertArrayEquals(first, second);
    }

    private static byte[] run(Path old, Path now, Path out) throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        JsonReportMain.class.getName(),
                        old.toString(),
                        now.toString(),
                        out.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the diff did not finish");
        assertEquals(0, p.exitValue(), output);
        return Files.readAllBytes(out);
    }

    @Test
    void theCallersExecutorGivesTheSameVerdicts() throws Exception {
        List<Map<String, byte[]>> builds = builds();
        ClassSet old = ClassSet.of("old", builds.get(0));
        ClassSet now = ClassSet.of("new", builds.get(1));
        DiffResult common = new Differ(Profile.HOTSWAP).diff(old, now);

        DiffResult callerOnly = new Differ(Profile.HOTSWAP, Runnable::run, 4).diff(old, now);
        DiffResult rejecting = new Differ(
                        Profile.HOTSWAP,
                        task -> {
                            throw new RejectedExecutionException("saturated");
                        },
                        4)
                .diff(old, now);
        ExecutorService single = Executors.newFixedThreadPool(1);
        try {
            // The pool's only thread runs a diff that offers work to that same pool: the caller does it all itself
            // instead of waiting for a thread that will never come.
            Future<DiffResult> nested = single.submit(() -> new Differ(Profile.HOTSWAP, single, 4).diff(old, now));
            assertEquals(common, nested.get(60, TimeUnit.SECONDS));
        } finally {
            single.shutdownNow();
        }

        assertEquals(40, common.classes().size());
        assertEquals(common, callerOnly);
        assertEquals(common, rejecting);
        assertEquals(
                List.of(UpdateLevel.HOTSWAP, UpdateLevel.ENHANCED, UpdateLevel.TRANSFORM, UpdateLevel.HOTSWAP),
                common.classes().subList(0, 4).stream().map(ClassDiff::level).toList());
    }
}
