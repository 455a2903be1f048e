package io.liveupdate.cli;

import io.liveupdate.signer.Fingerprint;
import io.liveupdate.signer.SignerException;
import io.liveupdate.signer.SigningKeyLoader;
import io.liveupdate.signer.TrustFile;
import io.liveupdate.signer.TrustStatements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code liveupdate trust init|show|rotate|revoke}: the trust file and the signed statements that move it. */
@Command(
        name = "trust",
        mixinStandardHelpOptions = true,
        description = "Manage a trust file: the pinned anchor, moved forward only by signed statements.",
        subcommands = {
            TrustCommand.Init.class,
            TrustCommand.Show.class,
            TrustCommand.Rotate.class,
            TrustCommand.Revoke.class
        })
final class TrustCommand {
    static final String STATE = "The rollback memory: where the trust file's new sequence is recorded, so that older"
            + " copies are refused (default: .liveupdate-state beside TRUSTFILE)";

    private TrustCommand() {}

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create TRUSTFILE pinning the key of CERT.")
    static final class Init implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TRUSTFILE")
        Path file;

        @Option(names = "--cert", required = true, paramLabel = "CERT", description = "The anchor's certificate")
        Path certificate;

        @Override
        public Integer call() {
            if (Files.exists(file)) {
                throw new SignerException(
                        SignerException.Reason.BAD_INPUT, file + ": already exists; init never overwrites");
            }
            TrustFile trust = TrustFile.create(
                    SigningKeyLoader.loadCertificates(certificate).get(0));
            trust.write(file);
            System.out.println("wrote " + file + ": anchor " + trust.anchor());
            return LiveUpdate.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the state of TRUSTFILE.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TRUSTFILE")
        Path file;

        @Override
        public Integer call() {
            TrustFile trust = TrustFile.read(file);
            System.out.println("anchor   " + trust.anchor());
            System.out.println("subject  "
                    + trust.anchorCertificate().getSubjectX500Principal().getName());
            System.out.println("sequence " + trust.sequence());
            trust.retired().forEach(f -> System.out.println("retired  " + f));
            trust.revoked().stream().map(Fingerprint::hex).sorted().forEach(f -> System.out.println("revoked  " + f));
            return LiveUpdate.OK;
        }
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = {
                "Move TRUSTFILE's anchor to a new key. Either apply a statement (--statement FILE), or create one with"
                        + " both keys (--key OLD --new-key NEW, written to --statement-out) and apply it.",
                "Both keys' passphrases come from the same source."
            })
    static final class Rotate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TRUSTFILE")
        Path file;

        @Option(names = "--statement", paramLabel = "FILE", description = "A rotation statement to apply")
        Path statement;

        @Option(names = "--key", paramLabel = "KEY", description = "The current anchor's private key")
        Path oldKey;

        @Option(names = "--cert", paramLabel = "CERT", description = "Its certificate (default: next to the key)")
        Path oldCertificate;

        @Option(names = "--new-key", paramLabel = "KEY", description = "The next anchor's private key")
        Path newKey;

        @Option(names = "--new-cert", paramLabel = "CERT", description = "Its certificate (default: next to the key)")
        Path newCertificate;

        @Option(names = "--statement-out", paramLabel = "FILE", description = "Where to write the created statement")
        Path statementOut;

        @Mixin
        PassphraseOptions passphrase;

        @Option(names = "--state", paramLabel = "DIR", description = STATE)
        Path state;

        @Override
        public Integer call() {
            if (statement != null && (oldKey != null || newKey != null)) {
                throw new LiveUpdate.UsageException("give either --statement or --key/--new-key, not both");
            }
            if (statement == null && (oldKey == null || newKey == null || statementOut == null)) {
                throw new LiveUpdate.UsageException(
                        "rotate needs --statement FILE, or --key, --new-key and --statement-out");
            }
            TrustFile next = applyStatement(
                    file,
                    statement,
                    statementOut,
                    TrustStatements.Kind.ROTATION,
                    state,
                    trust -> TrustStatements.rotation(
                            trust,
                            SigningKeyLoader.load(oldKey, oldCertificate, passphrase.source()),
                            SigningKeyLoader.load(newKey, newCertificate, passphrase.source())));
            System.out.println("rotated " + file + ": anchor " + next.anchor() + " (sequence " + next.sequence() + ")");
            return LiveUpdate.OK;
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revoke a key for good in TRUSTFILE: apply a statement (--statement FILE), or create one"
                    + " signed by the anchor (--key ANCHORKEY --fingerprint FP --statement-out FILE) and apply it.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TRUSTFILE")
        Path file;

        @Option(names = "--statement", paramLabel = "FILE", description = "A revocation statement to apply")
        Path statement;

        @Option(names = "--key", paramLabel = "KEY", description = "The current anchor's private key")
        Path anchorKey;

        @Option(names = "--cert", paramLabel = "CERT", description = "Its certificate (default: next to the key)")
        Path anchorCertificate;

        @Option(names = "--fingerprint", paramLabel = "FP", description = "The key to revoke")
        String fingerprint;

        @Option(names = "--statement-out", paramLabel = "FILE", description = "Where to write the created statement")
        Path statementOut;

        @Mixin
        PassphraseOptions passphrase;

        @Option(names = "--state", paramLabel = "DIR", description = STATE)
        Path state;

        @Override
        public Integer call() {
            if (statement == null && (anchorKey == null || fingerprint == null || statementOut == null)) {
                throw new LiveUpdate.UsageException(
                        "revoke needs --statement FILE, or --key, --fingerprint and --statement-out");
            }
            TrustFile next = applyStatement(
                    file,
                    statement,
                    statementOut,
                    TrustStatements.Kind.REVOCATION,
                    state,
                    trust -> TrustStatements.revocation(
                            trust,
                            SigningKeyLoader.load(anchorKey, anchorCertificate, passphrase.source()),
                            Fingerprint.parse(fingerprint)));
            System.out.println("revoked in " + file + " (sequence " + next.sequence() + ")");
            return LiveUpdate.OK;
        }
    }

    /** Applies the statement in {@code statement}, or else the one {@code maker} creates (written to {@code out}). */
    private static TrustFile applyStatement(
            Path file, Path statement, Path out, TrustStatements.Kind kind, Path state, TrustStatements.Maker maker) {
        if (statement != null) {
            return TrustStatements.applyFile(file, statement, kind, state);
        }
        TrustFile next = TrustStatements.createAndApply(file, out, kind, state, maker);
        System.out.println("wrote " + out);
        return next;
    }
}
