package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/cli.md is the tool's own --help of every command; regenerate with -Dliveupdate.updateDocs=true. */
class CliReferenceTest {
    private static final Path REFERENCE = Path.of("..", "docs", "cli.md");

    @Test
    void theCommittedReferenceIsWhatHelpSays() throws IOException {
        String generated = CliReference.markdown();
        if (Boolean.getBoolean("liveupdate.updateDocs")) {
            Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(REFERENCE), REFERENCE.toAbsolutePath() + " is missing");
        assertEquals(
                generated,
                Files.readString(REFERENCE, StandardCharsets.UTF_8),
                "docs/cli.md is stale: ./mvnw -pl cli test -Dtest=CliReferenceTest -Dliveupdate.updateDocs=true");
        for (String command : new String[] {"diff", "classes", "history", "package", "check", "sign", "verify"}) {
            assertTrue(generated.contains("\n## `liveupdate " + command + "`\n"), command);
        }
        assertTrue(generated.contains("--resume"), "the history command's options are there");
    }
}
