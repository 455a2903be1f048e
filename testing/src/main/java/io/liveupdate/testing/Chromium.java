package io.liveupdate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless {@code chromium} for tests that check HTML as a browser renders it: the DOM after the page's
 * scripts ran ({@code --dump-dom}), the console messages, and screenshots. The binary follows {@link Interop}'s
 * policy: a missing one skips the test locally and fails it in CI. One instance runs one browser at a time (its
 * profile and output files are fixed); use one per thread.
 */
public final class Chromium {
    private final String binary;
    private final Path profile;

    /** A rendered page: the serialised DOM and the console messages (uncaught exceptions among them). */
    public record Page(String dom, List<String> console) {}

    private Chromium(String binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    /** Chromium with its profile (and logs) in {@code work}. */
    public static Chromium in(Path work) {
        return new Chromium(Interop.binary("chromium"), work.resolve("chromium-profile"));
    }

    /** Renders {@code url} (a file URL, perhaps with a fragment) and returns its DOM once its scripts settled. */
    public Page render(String url) {
        Path out = profile.resolveSibling("chromium-dom.html");
        Path log = profile.resolveSibling("chromium.log");
        run(List.of("--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", url), out, log);
        try {
            List<String> console = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                int at = line.indexOf(":CONSOLE");
                if (at >= 0) {
                    console.add(line.substring(line.indexOf(']', at) + 1).trim());
                }
            }
            return new Page(Files.readString(out), List.copyOf(console));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code width} x {@code height} screenshot of {@code url} into {@code file}, for a person to review. */
    public Path screenshot(String url, int width, int height, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = profile.resolveSibling("chromium-shot.log");
        run(
                List.of(
                        "--hide-scrollbars",
                        "--window-size=" + width + "," + height,
                        "--virtual-time-budget=5000",
                        "--screenshot=" + file,
                        url),
                log,
                log);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                throw new AssertionError("chromium wrote no screenshot of " + url);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void run(List<String> args, Path out, Path err) {
        List<String> command = new ArrayList<>(List.of(
                binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile));
        command.addAll(args);
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile());
            if (out.equals(err)) {
                pb.redirectErrorStream(true);
            } else {
                pb.redirectError(err.toFile());
            }
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                // Chromium starts helper processes of its own: stop them all, not only the one started here.
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("chromium did not finish in 90 s: " + command);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("chromium failed (" + p.exitValue() + "): " + Files.readString(err));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
