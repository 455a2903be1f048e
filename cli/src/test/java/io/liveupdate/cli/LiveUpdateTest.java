package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The exit-code contract of the front end, in process. */
class LiveUpdateTest {
    @Command(name = "crash")
    static final class Crash implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("simulated bug");
        }
    }

    @Test
    void internalErrorPrintsOneLineNamingALogFileThatHoldsTheStackTrace() throws Exception {
        CommandLine cmd = LiveUpdate.commandLine();
        cmd.addSubcommand(new Crash());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));

        int exit = cmd.execute("crash");

        List<String> lines = err.toString().lines().toList();
        assertEquals(LiveUpdate.INTERNAL_ERROR, exit);
        assertEquals(1, lines.size(), err::toString);
        String line = lines.get(0);
        assertTrue(
                line.startsWith(
                        "liveupdate: internal error: java.lang.IllegalStateException: simulated bug (stack trace in "),
                line);
        Path log = Path.of(line.substring(line.indexOf("stack trace in ") + 15, line.length() - 1));
        String trace = Files.readString(log);
        Files.delete(log);
        assertTrue(trace.contains("at io.liveupdate.cli.LiveUpdateTest$Crash.call"), trace);
    }

    @Command(name = "crash-error")
    static final class CrashWithError implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new AssertionError("simulated JVM-level error");
        }
    }

    @Test
    void errorsThatPicocliLetsThroughAreInternalErrorsToo() throws Exception {
        CommandLine cmd = LiveUpdate.commandLine();
        cmd.addSubcommand(new CrashWithError());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));

        int exit = LiveUpdate.execute(cmd, "crash-error");

        List<String> lines = err.toString().lines().toList();
        assertEquals(LiveUpdate.INTERNAL_ERROR, exit);
        assertEquals(1, lines.size(), err::toString);
        assertTrue(
                lines.get(0)
                        .startsWith(
                                "liveupdate: internal error: java.lang.AssertionError: simulated JVM-level error (stack trace in "),
                lines.get(0));
        Files.delete(Path.of(lines.get(0)
                .substring(
                        lines.get(0).indexOf("stack trace in ") + 15,
                        lines.get(0).length() - 1)));
    }

    @Command(name = "exhaust")
    static final class Exhaust implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void outOfMemorySaysHowToGiveTheJvmMoreHeap() {
        CommandLine cmd = LiveUpdate.commandLine();
        cmd.addSubcommand(new Exhaust());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));

        int exit = LiveUpdate.execute(cmd, "exhaust");

        assertEquals(LiveUpdate.INTERNAL_ERROR, exit);
        assertEquals(
                List.of("liveupdate: out of memory (Java heap space); give the JVM more heap,"
                        + " e.g. LIVEUPDATE_JAVA_OPTS=-Xmx2g ./liveupdate ..."),
                err.toString().lines().toList());
    }

    @Test
    void onlyTheInvokedCommandIsBuiltButHelpAndTyposSeeThemAll() {
        List<String> all =
                List.of("diff", "classes", "keygen", "sign", "verify", "trust", "package", "check", "history", "help");

        assertEquals(
                List.of("diff"),
                List.copyOf(LiveUpdate.commandLine("diff", "a", "b")
                        .getSubcommands()
                        .keySet()));
        assertEquals(
                all,
                List.copyOf(
                        LiveUpdate.commandLine("help", "diff").getSubcommands().keySet()));
        assertEquals(
                all, List.copyOf(LiveUpdate.commandLine("dif").getSubcommands().keySet()));
        assertEquals(
                all,
                List.copyOf(LiveUpdate.commandLine("--help").getSubcommands().keySet()));
        assertEquals(all, List.copyOf(LiveUpdate.commandLine().getSubcommands().keySet()));
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        CommandLine cmd = LiveUpdate.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));

        int exit = cmd.execute("diff", "a", "b", "--colour");

        assertEquals(LiveUpdate.USAGE_OR_INPUT_ERROR, exit);
        assertEquals(
                List.of("liveupdate: Unknown option: '--colour' (see 'liveupdate diff --help')"),
                err.toString().lines().toList());
    }
}
