package io.liveupdate.cli;

import io.liveupdate.signer.PassphraseSource;
import io.liveupdate.signer.SignerException;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where passphrases and PINs come from (DESIGN.md): the environment variable {@code LIVEUPDATE_KEY_PASSPHRASE}, a file
 * named by {@code --passphrase-file}, or an interactive prompt. Never a command-line argument (it would show in process
 * listings and shell history), and never printed.
 */
final class PassphraseOptions {
    static final String ENVIRONMENT_VARIABLE = "LIVEUPDATE_KEY_PASSPHRASE";

    @Option(
            names = "--passphrase-file",
            paramLabel = "FILE",
            description = "Read the key passphrase or token PIN from the first line of FILE" + " (default: $"
                    + ENVIRONMENT_VARIABLE + ", else a prompt).")
    Path passphraseFile;

    /** The configured passphrase without prompting, or null when neither the variable nor a file gives one. */
    char[] configured() {
        String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        if (passphraseFile != null) {
            try {
                String content = Files.readString(passphraseFile, StandardCharsets.UTF_8);
                int end = content.indexOf('\n');
                String line = end < 0 ? content : content.substring(0, end);
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                return line.toCharArray();
            } catch (IOException e) {
                throw new SignerException(
                        SignerException.Reason.INPUT_NOT_FOUND, passphraseFile + ": cannot read the passphrase file");
            }
        }
        return null;
    }

    /** A source that uses the configured passphrase, or prompts on the terminal when there is one. */
    PassphraseSource source() {
        return what -> {
            char[] configured = configured();
            if (configured != null) {
                return configured;
            }
            Console console = System.console();
            if (console == null) {
                throw new SignerException(
                        SignerException.Reason.BAD_PASSPHRASE,
                        what + " needs a passphrase and there is no terminal to ask on",
                        SignerException.Hint.PASSPHRASE,
                        null);
            }
            char[] typed = console.readPassword("Passphrase for %s: ", what);
            if (typed == null) {
                throw new SignerException(SignerException.Reason.BAD_PASSPHRASE, what + ": no passphrase entered");
            }
            return typed;
        };
    }
}
