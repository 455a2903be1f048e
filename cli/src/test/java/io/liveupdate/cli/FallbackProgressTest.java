package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

class FallbackProgressTest {
    private static final ObjectId COMMIT = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");

    @Test
    void withoutATerminalAFallbackIsOneLineNamingTheMavenAndTheFirstReason() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FallbackProgress progress =
                new FallbackProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false)) {
            progress.fallback(COMMIT, "Maven 3.9.16", List.of("a:b@generate-sources (why)", "c:d@compile (why)"));
        }

        assertEquals(
                "liveupdate: building 0123456789ab with Maven 3.9.16, which runs the repository's build:"
                        + " a:b@generate-sources (why) (and 1 more)\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onATerminalTheRunningTimeIsRewrittenOnOneLineAndClearedWhenTheBuildEnds() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FallbackProgress progress = new FallbackProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        progress.fallback(COMMIT, "the repository's mvnw", List.of("x:y@compile (why)"));
        Thread.sleep(1500);
        progress.stop();
        String shown = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(shown.contains("\r  the repository's mvnw: 1 s"), shown);
        assertTrue(shown.endsWith("\r\033[K"), "the progress line is cleared");
        assertEquals(1, shown.chars().filter(c -> c == '\n').count(), "one line, then rewrites of one more");
    }
}
