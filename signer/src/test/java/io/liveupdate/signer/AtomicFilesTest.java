package io.liveupdate.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.signer.SignerException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs appear complete or not at all, files and directories alike. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aDirectoryAppearsWhenCompleteAndAnEmptyOneIsFilled() throws Exception {
        Path out = dir.resolve("out");
        Path empty = Files.createDirectory(dir.resolve("empty"));

        AtomicFiles.writeDirectory(
                out,
                d -> Files.writeString(Files.createDirectories(d.resolve("p")).resolve("A.class"), "a"));
        AtomicFiles.writeDirectory(empty, d -> Files.writeString(d.resolve("B.class"), "b"));

        assertEquals("a", Files.readString(out.resolve("p/A.class")));
        assertEquals("b", Files.readString(empty.resolve("B.class")));
        assertEquals(List.of("empty", "out"), listing(), "no temporary directory is left");
    }

    @Test
    void aFailureLeavesNothingBehind() throws Exception {
        Path out = dir.resolve("out");

        SignerException e = assertThrows(
                SignerException.class,
                () -> AtomicFiles.writeDirectory(out, d -> {
                    Files.writeString(d.resolve("half.class"), "half");
                    throw new IOException("No space left on device");
                }));

        assertEquals(Reason.OUTPUT_FAILED, e.reason());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals(List.of(), listing());
    }

    @Test
    void aDirectoryOutputNeverReplacesOrMergesIntoExistingFiles() throws Exception {
        Path full = Files.createDirectory(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "keep");
        Path file = Files.writeString(dir.resolve("file"), "a file");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));

        for (Path target : List.of(full, file, dangling, dir.resolve("missing/parent"))) {
            SignerException e = assertThrows(
                    SignerException.class,
                    () -> AtomicFiles.writeDirectory(target, d -> Files.writeString(d.resolve("x"), "x")));
            assertEquals(Reason.OUTPUT_FAILED, e.reason(), target.toString());
        }
        assertEquals("keep", Files.readString(full.resolve("keep.txt")));
        assertEquals(List.of("keep.txt"), List.of(full.toFile().list()));
        assertFalse(Files.exists(dir.resolve("nowhere")));
        assertEquals(List.of("dangling", "file", "full"), listing());
    }

    @Test
    void aGroupOfFilesIsWrittenTogether() throws Exception {
        try (AtomicFiles files = new AtomicFiles()) {
            files.stage(dir.resolve("a.txt"), o -> o.write('a'));
            files.stage(dir.resolve("b.txt"), o -> o.write('b'));
            assertEquals(2, listing().size(), "only the two temporary files exist before the commit");
            assertFalse(Files.exists(dir.resolve("a.txt")));
            files.commit();
        }
        assertEquals(List.of("a.txt", "b.txt"), listing());
    }
}
