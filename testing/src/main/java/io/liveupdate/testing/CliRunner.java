package io.liveupdate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the shaded {@code liveupdate.jar} as a user does, in its own JVM, and checks what DESIGN.md promises of every
 * run: the expected exit code; no stack trace on the terminal; no crash log unless the exit code is 3 (internal
 * error); and when the run fails (exit 1 or 2), exactly one line on stderr and no file created or changed in the
 * working directory (no partial output).
 *
 * <pre>{@code
 * CliRunner cli = CliRunner.in(dir);
 * CliRunner.Result diff = cli.run(0, "diff", "old.jar", "new.jar");
 * cli.run(2, "diff", "missing.jar", "new.jar");
 * }</pre>
 *
 * The jar is the one the system property {@code liveupdate.jar} names (the cli module's failsafe sets it).
 */
public final class CliRunner {
    /** What one run printed. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** The single stderr line of a failed run, without the line end. */
        public String errorLine() {
            return stderr.strip();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private final Path dir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private Path stdoutFile;

    private CliRunner(Path dir) {
        this.dir = dir;
    }

    /** A runner whose commands run in {@code dir} (relative paths in arguments resolve there). */
    public static CliRunner in(Path dir) {
        return new CliRunner(dir);
    }

    /** Adds an environment variable for the runs (the runner removes {@code LIVEUPDATE_KEY_PASSPHRASE} otherwise). */
    public CliRunner env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Adds environment variables for the runs. */
    public CliRunner env(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** Sends standard output of the runs to {@code file} (such as {@code /dev/full}) instead of capturing it. */
    public CliRunner stdoutTo(Path file) {
        this.stdoutFile = file;
        return this;
    }

    /** Adds JVM options for the runs (before {@code -jar}). */
    public CliRunner jvm(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** Runs {@code liveupdate args...} and asserts the exit code and the rules of every run. */
    public Result run(int expectedExit, String... args) {
        String jar = System.getProperty("liveupdate.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("system property liveupdate.jar must point at the shaded jar (run through failsafe)");
        }
        Path tmp = null;
        try {
            // Crash logs and temporary files of the run go to a directory of its own, so they can be checked.
            tmp = Files.createTempDirectory("liveupdate-cli-run-");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1",
                    "-Xshare:auto",
                    "-Djava.io.tmpdir=" + tmp));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar));
            command.addAll(List.of(args));
            Map<String, FileState> before = snapshot(dir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            builder.environment().remove("LIVEUPDATE_KEY_PASSPHRASE");
            builder.environment().putAll(environment);
            if (stdoutFile != null) {
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(stdoutFile.toFile()));
            }
            Process process = builder.start();
            process.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread o = pump(process.getInputStream(), out);
            Thread e = pump(process.getErrorStream(), err);
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("timed out: liveupdate " + String.join(" ", args));
            }
            o.join();
            e.join();
            Result result = new Result(
                    process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            String what = "liveupdate " + String.join(" ", args) + "\n" + result;
            assertEquals(expectedExit, result.exitCode(), what);
            assertFalse(result.stderr().contains("\tat "), "stack trace on stderr: " + what);
            List<String> crashLogs = crashLogs(tmp);
            if (expectedExit == 3) {
                assertEquals(1, crashLogs.size(), "an internal error names one crash log: " + what);
            } else {
                assertTrue(crashLogs.isEmpty(), "crash log " + crashLogs + ": " + what);
            }
            if (expectedExit == 1 || expectedExit == 2) {
                assertEquals(1, result.stderr().lines().count(), "a failure is one line on stderr: " + what);
                assertEquals(before, snapshot(dir), "a failed run leaves no output behind: " + what);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (tmp != null) {
                GitHistory.deleteTree(tmp);
            }
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream out) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the process ended; what was read is what there is
            }
        });
        t.start();
        return t;
    }

    private static List<String> crashLogs(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("liveupdate-crash-"))
                    .toList();
        }
    }

    /** Size and modification time of every file under {@code root}, by relative path. */
    private static Map<String, FileState> snapshot(Path root) throws IOException {
        Map<String, FileState> state = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return state;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                // Links as links: a dangling one is a file of the directory too, not an error.
                BasicFileAttributes a =
                        Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                state.put(
                        root.relativize(p).toString(),
                        new FileState(
                                a.isDirectory(),
                                a.isDirectory() ? 0 : a.size(),
                                a.lastModifiedTime().toMillis()));
            }
        }
        return state;
    }

    private record FileState(boolean directory, long size, long modified) {}
}
