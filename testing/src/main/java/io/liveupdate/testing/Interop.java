package io.liveupdate.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one skip policy of interop tests (jarsigner, openssl, gpg, SoftHSM2): a missing binary skips the test on a
 * developer's machine, but fails it when interop is required, so CI cannot pass by skipping. Interop is required when
 * the environment has {@code LIVEUPDATE_REQUIRE_INTEROP=true} or {@code CI=true}, or the JVM has
 * {@code -Dliveupdate.requireInterop=true}.
 */
public final class Interop {
    private Interop() {}

    /** Whether a missing binary must fail the test rather than skip it. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("LIVEUPDATE_REQUIRE_INTEROP"))
                || "true".equalsIgnoreCase(System.getenv("CI"))
                || Boolean.getBoolean("liveupdate.requireInterop");
    }

    /** The path of the executable {@code name} on the PATH or in the running JDK, or skips/fails the test. */
    public static String binary(String name) {
        return binary(name, required());
    }

    /** As {@link #binary(String)}, with the policy given: fail if {@code required}, else skip. */
    public static String binary(String name, boolean required) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        Path jdkTool = Path.of(System.getProperty("java.home"), "bin", name);
        if (Files.isExecutable(jdkTool)) {
            return jdkTool.toString();
        }
        return missing(name + " is not installed: interop test cannot run", required);
    }

    /** A file the test needs (a library such as {@code libsofthsm2.so}): its path, or skips/fails. */
    public static Path file(String what, boolean required, Path... candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        missing(what + " not found: interop test cannot run", required);
        return null;
    }

    private static String missing(String message, boolean required) {
        if (required) {
            fail(message + " (LIVEUPDATE_REQUIRE_INTEROP/CI is set, so skipping is not allowed)");
        }
        assumeTrue(false, message + "; skipped");
        return null;
    }
}
