package io.liveupdate.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * The CLI reference ({@code docs/cli.md}) from picocli's model: for every command, the exact text of its
 * {@code --help}, so that the reference, the site and the tool cannot say different things. {@code CliReferenceTest}
 * fails when the committed file differs from what this generates.
 */
final class CliReference {
    /** The width the reference renders usage at (picocli's default is 80). */
    static final int WIDTH = 100;

    private CliReference() {}

    static String markdown() {
        CommandLine top = LiveUpdate.commandLine();
        StringBuilder b = new StringBuilder();
        b.append("# CLI reference\n\n")
                .append("Generated from the command line's own model (`CliReference`): each section is what\n")
                .append("`liveupdate COMMAND --help` prints. A test fails when this file and the tool disagree.\n\n");
        b.append("## `liveupdate`\n\n```\n").append(usage(top)).append("```\n");
        for (Map.Entry<String, CommandLine> e : top.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            b.append("\n## `liveupdate ")
                    .append(e.getKey())
                    .append("`\n\n```\n")
                    .append(usage(e.getValue()))
                    .append("```\n");
        }
        return b.toString();
    }

    private static String usage(CommandLine cmd) {
        cmd.setUsageHelpWidth(WIDTH);
        cmd.setUsageHelpAutoWidth(false);
        return cmd.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("[ \\t]+\\n", "\n");
    }
}
