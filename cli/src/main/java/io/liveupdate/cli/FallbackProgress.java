package io.liveupdate.cli;

import io.liveupdate.differ.report.TextReport;
import io.liveupdate.revision.RevisionCompiler;
import java.io.PrintStream;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What the CLI shows when a revision goes to its own Maven build: one line on stderr saying which Maven and why, and,
 * on a terminal only, the seconds it has been running, on one line that is rewritten until the build ends (a pipe or
 * a log gets the one line alone).
 */
final class FallbackProgress implements RevisionCompiler.Listener, AutoCloseable {
    private final PrintStream err;
    private final boolean terminal;
    private Thread ticker;

    FallbackProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void fallback(ObjectId commit, String maven, List<String> reasons) {
        stop();
        err.println(TextReport.printable("liveupdate: building " + commit.name().substring(0, 12) + " with " + maven
                + ", which runs the repository's build: " + reasons.get(0)
                + (reasons.size() > 1 ? " (and " + (reasons.size() - 1) + " more)" : "")));
        err.flush();
        if (!terminal) {
            return;
        }
        long start = System.nanoTime();
        ticker = new Thread(
                () -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            Thread.sleep(1000);
                            err.print("\r  " + maven + ": " + (System.nanoTime() - start) / 1_000_000_000L + " s");
                            err.flush();
                        }
                    } catch (InterruptedException done) {
                        Thread.currentThread().interrupt();
                    }
                },
                "liveupdate-fallback-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** Ends the progress line, if one is shown. */
    synchronized void stop() {
        if (ticker != null) {
            ticker.interrupt();
            try {
                ticker.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
            err.print("\r\033[K");
            err.flush();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
