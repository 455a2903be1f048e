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
            description = "Read the key passphrase or token PIN from the first line of FILE (it wins over $"
                    + ENVIRONMENT_VARIABLE + "; without either, a prompt on a terminal).")
    Path passphraseFile;

    /**
     * The configured passphrase without prompting, or null when neither a file nor the variable gives one. An explicit
     * {@code --passphrase-file} wins over the environment; an empty one is refused (it would silently mean "no
     * encryption").
     */
    char[] configured() {
        if (passphraseFile != null) {
            String line;
            try {
                String content = Files.readString(passphraseFile, StandardCharsets.UTF_8);
                int end = content.indexOf('\n');
                line = end < 0 ? content : content.substring(0, end);
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new SignerException(
                        SignerException.Reason.INPUT_NOT_FOUND, passphraseFile + ": cannot read the passphrase file");
            }
            if (line.isEmpty()) {
                throw new SignerException(
                        SignerException.Reason.BAD_PASSPHRASE,
                        passphraseFile + ": the passphrase file's first line is empty");
            }
            return line.toCharArray();
        }
        String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        return null;
    }

    /** Whether a passphrase source is configured: {@code --passphrase-file}, or the variable set and not empty. */
    boolean given() {
        String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
        return passphraseFile != null || (fromEnvironment != null && !fromEnvironment.isEmpty());
    }

    /**
     * A new passphrase, for a key about to be written: the configured one, else one typed twice on the terminal.
     * Without either it fails closed: an unencrypted key is written only when asked for ({@code --no-passphrase}).
     */
    char[] newPassphrase(String what) {
        char[] configured = configured();
        if (configured != null) {
            return configured;
        }
        Console console = System.console();
        if (console == null) {
            throw new SignerException(
                    SignerException.Reason.BAD_INPUT,
                    what + ": no passphrase and no terminal to ask on: give --passphrase-file FILE or set "
                            + ENVIRONMENT_VARIABLE + " to encrypt the key, or --no-passphrase for an unencrypted one");
        }
        char[] first = console.readPassword("Passphrase for %s: ", what);
        char[] second = first == null ? null : console.readPassword("Repeat the passphrase: ");
        if (first == null || second == null || first.length == 0) {
            throw new SignerException(
                    SignerException.Reason.BAD_PASSPHRASE,
                    what + ": no passphrase entered (give --no-passphrase for an unencrypted key)");
        }
        boolean same = java.util.Arrays.equals(first, second);
        java.util.Arrays.fill(second, '\0');
        if (!same) {
            java.util.Arrays.fill(first, '\0');
            throw new SignerException(SignerException.Reason.BAD_PASSPHRASE, what + ": the passphrases differ");
        }
        return first;
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
