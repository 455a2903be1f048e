package io.liveupdate.cli;

/** What the command line prints must stay on the lines it means to print. */
final class Terminal {
    private Terminal() {}

    /**
     * {@code text} as one line: line breaks become spaces, so a message that quotes a file's content or a javac
     * diagnostic never spreads over several lines of stderr.
     */
    static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
