package io.liveupdate.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a Markdown page, each with the HTML comment that precedes it (the page's instruction to
 * the tests: {@code <!-- example: ... -->}, {@code <!-- run: ... -->}).
 */
record Markdown(Path file, List<Block> blocks) {

    /** A fenced block: its info string ({@code sh}, {@code java}), its text, its line, and the last comment above it. */
    record Block(String info, String text, int line, String comment) {}

    private static final Pattern COMMENT = Pattern.compile("^<!--\\s*(.*?)\\s*-->$");

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "not inside the liveupdate checkout: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Markdown read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        String comment = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = COMMENT.matcher(line.trim());
            String trimmed = line.trim();
            if ((trimmed.startsWith("```") || trimmed.startsWith("~~~")) && !line.startsWith("```")) {
                // The pages use column-0 backtick fences only; any other fence would hide its block from the tests.
                throw new IllegalStateException(file + ":" + (i + 1) + ": a fence the tests do not read (use ``` at"
                        + " the start of the line)");
            }
            if (m.matches()) {
                comment = m.group(1);
            } else if (line.startsWith("```")) {
                String info = line.substring(3).trim();
                StringBuilder text = new StringBuilder();
                int start = i + 1;
                for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                if (i >= lines.size()) {
                    throw new IllegalStateException(file + ":" + start + ": a code block that is never closed");
                }
                blocks.add(new Block(info, text.toString(), start, comment));
                comment = null;
            } else if (line.startsWith("#")) {
                comment = null;
            }
        }
        return new Markdown(file, List.copyOf(blocks));
    }
}
