package io.liveupdate.differ;

import io.liveupdate.differ.report.JsonReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code JsonReportMain OLD NEW OUT}: one diff in a JVM of its own, its JSON report written to OUT. */
public final class JsonReportMain {
    private JsonReportMain() {}

    public static void main(String[] args) throws IOException {
        DiffResult result =
                new Differ(Profile.HOTSWAP).diff(ClassSet.read(Path.of(args[0])), ClassSet.read(Path.of(args[1])));
        try (Writer out = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
            JsonReport.write(result, out);
        }
    }
}
