package io.liveupdate.cli;

import io.liveupdate.signer.AtomicFiles;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where a report goes, with every write checked: {@link java.io.PrintStream} and {@link java.io.PrintWriter} swallow
 * write errors, so a full disk or {@code > /dev/full} would end in exit 0 and a truncated report. A file is written
 * atomically (complete or absent); standard output is written through its file descriptor, so the operating system's
 * error ("No space left on device") reaches the user.
 */
final class ReportOutput {
    private ReportOutput() {}

    static void write(Path file, String report) {
        byte[] bytes = report.getBytes(StandardCharsets.UTF_8);
        if (file != null) {
            AtomicFiles.write(file, out -> out.write(bytes), AtomicFiles.Visibility.PUBLIC);
            return;
        }
        try {
            @SuppressWarnings("resource") // standard output stays open for the rest of the process
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new LiveUpdate.OutputException("cannot write the report to standard output: " + e.getMessage());
        }
    }
}
