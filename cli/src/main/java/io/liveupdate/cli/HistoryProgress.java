package io.liveupdate.cli;

import io.liveupdate.history.CommitRecord;
import io.liveupdate.history.HistoryAnalyzer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The history walk's progress on a terminal (done/total, commits per second, ETA, on stderr); nothing at all when
 * standard error is not a terminal, so logs and pipes stay clean.
 */
final class HistoryProgress implements HistoryAnalyzer.Listener, AutoCloseable {
    private final boolean terminal;
    private ProgressBar bar;

    HistoryProgress(boolean terminal) {
        this.terminal = terminal;
    }

    @Override
    public synchronized void started(int commits) {
        if (terminal && commits > 0) {
            bar = new ProgressBarBuilder()
                    .setTaskName("history")
                    .setInitialMax(commits)
                    .setUnit(" commits", 1)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.ASCII)
                    .build();
        }
    }

    @Override
    public synchronized void analyzed(CommitRecord record) {
        if (bar != null) {
            bar.step();
        }
    }

    /** Whether a bar is showing (for tests). */
    synchronized boolean showing() {
        return bar != null;
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
