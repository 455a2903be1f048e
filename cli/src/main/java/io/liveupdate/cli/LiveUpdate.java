package io.liveupdate.cli;

import io.liveupdate.differ.report.TextReport;
import io.liveupdate.signer.SignerException;
import io.liveupdate.unit.UnitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code liveupdate} command. Exit codes: 0 success, 1 negative verdict, 2 usage or input error (one line on
 * stderr), 3 internal error (one line on stderr naming a log file that holds the stack trace).
 */
@Command(
        name = "liveupdate",
        mixinStandardHelpOptions = true,
        versionProvider = LiveUpdate.Version.class,
        description =
                "Dynamic software update for the JVM: what changed between two builds, and how it can be applied live.")
public final class LiveUpdate {
    /** The commands, in the order help lists them. */
    private static final Map<String, Class<?>> COMMANDS = commands();

    public static final int OK = ExitCodes.OK;
    public static final int NEGATIVE_VERDICT = ExitCodes.NEGATIVE_VERDICT;
    public static final int USAGE_OR_INPUT_ERROR = ExitCodes.USAGE_OR_INPUT_ERROR;
    public static final int INTERNAL_ERROR = ExitCodes.INTERNAL_ERROR;

    private LiveUpdate() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; never throws. */
    public static int run(String... args) {
        return execute(commandLine(args), args);
    }

    /**
     * Executes a command line; JVM errors thrown by a command (which picocli lets through) get the same one-line
     * treatment as exceptions.
     */
    static int execute(CommandLine cmd, String... args) {
        try {
            return cmd.execute(args);
        } catch (OutOfMemoryError e) {
            PrintWriter err = cmd.getErr();
            err.println("liveupdate: out of memory (" + e.getMessage()
                    + "); give the JVM more heap, e.g. LIVEUPDATE_JAVA_OPTS=-Xmx2g ./liveupdate ...");
            err.flush();
            return INTERNAL_ERROR;
        } catch (Error e) {
            return internalError(e, cmd.getErr());
        }
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("diff", DiffCommand.class);
        commands.put("classes", ClassesCommand.class);
        commands.put("keygen", KeygenCommand.class);
        commands.put("sign", SignCommand.class);
        commands.put("verify", VerifyCommand.class);
        commands.put("trust", TrustCommand.class);
        commands.put("package", PackageCommand.class);
        commands.put("check", CheckCommand.class);
        commands.put("history", HistoryCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return commands;
    }

    /** The whole command line, every command registered. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for these arguments: when the first names a command, only that command is registered.
     * picocli builds the model of every registered command by reflection before parsing, which costs about 0.1 s
     * of a 1.3 s diff (measured); {@code help}, typos and no command at all still see every command.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cmd = new CommandLine(LiveUpdate.class);
        String first = args.length == 0 ? null : args[0];
        for (Map.Entry<String, Class<?>> c : COMMANDS.entrySet()) {
            if (first == null || !COMMANDS.containsKey(first) || first.equals("help") || first.equals(c.getKey())) {
                cmd.addSubcommand(c.getKey(), c.getValue());
            }
        }
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // An empty argument would mean the current directory to Path.of: refuse it, for every command.
        cmd.registerConverter(Path.class, LiveUpdate::path);
        versions(cmd);
        cmd.setParameterExceptionHandler(LiveUpdate::usageError);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, commandLine));
        return cmd;
    }

    private static Path path(String value) {
        if (value.isEmpty()) {
            throw new CommandLine.TypeConversionException("an empty path is not a file or directory");
        }
        return Path.of(value);
    }

    /** Every command answers --version (-V) as the top one does. */
    private static void versions(CommandLine cmd) {
        for (CommandLine sub : cmd.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new Version());
            versions(sub);
        }
    }

    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        String suggestion = "";
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getSuggestions().isEmpty()) {
            suggestion = " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        err.println(TextReport.printable("liveupdate: " + ex.getMessage() + suggestion + " (see '"
                + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')"));
        err.flush();
        return USAGE_OR_INPUT_ERROR;
    }

    /** A library's or the command line's refusal: one line and the exit code of its reason; anything else is a bug. */
    private static int failure(Exception ex, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        Enum<?> reason = ExitCodes.reasonOf(ex).orElse(null);
        if (reason == null) {
            return internalError(ex, err);
        }
        int code = ExitCodes.of(reason);
        StringBuilder line = new StringBuilder("liveupdate: ");
        if (code == NEGATIVE_VERDICT) {
            line.append("rejected [")
                    .append(ex instanceof UnitException ue ? ue.code() : reason.name())
                    .append("] ");
        }
        line.append(ex.getMessage());
        if (ex instanceof SignerException se) {
            se.hint().ifPresent(h -> line.append(" (").append(ExitCodes.hint(h)).append(')'));
        }
        err.println(TextReport.printable(line.toString()));
        err.flush();
        return code;
    }

    /** A bug: one line on stderr naming a log file that holds the stack trace. */
    private static int internalError(Throwable ex, PrintWriter err) {
        String where;
        try {
            Path log = Files.createTempFile("liveupdate-crash-", ".log");
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                out.println("liveupdate " + Version.version() + " internal error at " + Instant.now());
                ex.printStackTrace(out);
            }
            where = "stack trace in " + log;
        } catch (IOException | UncheckedIOException logFailure) {
            where = "could not write a crash log: " + logFailure.getMessage();
        }
        err.println("liveupdate: internal error: " + ex + " (" + where + ")");
        err.flush();
        return INTERNAL_ERROR;
    }

    /** A problem with what the user asked for, found after parsing (for example two options that exclude each other). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** An output (the report on standard output) could not be written. */
    static final class OutputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputException(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        static String version() {
            String v = LiveUpdate.class.getPackage().getImplementationVersion();
            return v == null ? "development build" : v;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"liveupdate " + version()};
        }
    }
}
