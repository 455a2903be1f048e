package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the shaded {@code liveupdate.jar} as a user would, in its own JVM. */
record CliRun(int exitCode, String stdout, String stderr) {
    static CliRun run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("liveupdate.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            fail("system property liveupdate.jar must point at the shaded jar (run through failsafe)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-jar",
                jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("LIVEUPDATE_KEY_PASSPHRASE");
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out: liveupdate " + String.join(" ", args));
        }
        CliRun result = new CliRun(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        // DESIGN.md: no stack trace on the terminal, whatever happened.
        assertFalse(result.stderr.contains("\tat "), "stack trace on stderr:\n" + result.stderr);
        return result;
    }

    static CliRun run(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, Map.of(), args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
}
