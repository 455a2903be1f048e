package io.liveupdate.cli;

import io.liveupdate.revision.ToolCache;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The options of the history walk last started in a directory and not finished, in liveupdate's cache
 * ({@code history-resume/<sha-256 of the directory>.properties}): {@code liveupdate history --resume} runs it again.
 * Written when a walk starts, deleted when it ends (done or failed); a Ctrl-C leaves it.
 */
final class ResumeFile {
    private static final String FORMAT = "liveupdate-history-resume 1";
    private static final long MAX_BYTES = 64 << 10;

    private final Path file;

    private ResumeFile(Path file) {
        this.file = file;
    }

    /** The resume file of the current directory, in the default cache. */
    static ResumeFile here() {
        String cwd = Path.of("").toAbsolutePath().normalize().toString();
        return new ResumeFile(ToolCache.defaultCache()
                .directory()
                .resolve("history-resume")
                .resolve(ToolCache.sha256(cwd.getBytes(StandardCharsets.UTF_8)) + ".properties"));
    }

    String describe() {
        return "none in liveupdate's cache";
    }

    void save(List<String> args) {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        for (int i = 0; i < args.size(); i++) {
            p.setProperty("arg." + i, args.get(i));
        }
        try {
            StringWriter w = new StringWriter();
            p.store(w, null);
            ToolCache.writeAtomically(file, w.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // without it, --resume says there is nothing to resume; the walk itself goes on
        }
    }

    /** The saved options, or null when there are none (or they cannot be read). */
    List<String> load() {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return null;
            }
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            if (!FORMAT.equals(p.getProperty("format"))) {
                return null;
            }
            List<String> args = new ArrayList<>();
            for (int i = 0; p.getProperty("arg." + i) != null; i++) {
                args.add(p.getProperty("arg." + i));
            }
            return args;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file only offers a resume that redoes a finished walk from the cache
        }
    }
}
