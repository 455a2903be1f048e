package io.liveupdate.cli;

import io.liveupdate.signer.KeyAlgorithm;
import io.liveupdate.signer.SignerException;
import io.liveupdate.signer.SigningKeyGenerator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liveupdate keygen}: a release signing key, its self-signed certificate and optionally an OpenPGP key. */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = {
            "Generate a release signing key in DIR: private-key.pem (PKCS#8, encrypted when a passphrase is set),"
                    + " certificate.pem (self-signed, codeSigning), and with --pgp pgp-secret.asc and pgp-public.asc"
                    + " (OpenPGP v4, same key pair).",
            "Prints the key fingerprint (SHA-256 of the SubjectPublicKeyInfo) to pin with verify --trust."
        })
final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--alg", required = true, paramLabel = "ALG", description = "ed25519, ec-p256, ec-p384 or rsa-3072")
    String algorithm;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the key files to")
    Path out;

    @Option(names = "--pgp", description = "Also write an OpenPGP v4 key made from the same key pair")
    boolean pgp;

    @Option(
            names = "--subject",
            paramLabel = "DN",
            description = "Certificate subject and OpenPGP user id, a distinguished name (default: CN=liveupdate <the"
                    + " first 16 hex digits of the key's fingerprint>)")
    String subject;

    @Option(
            names = "--no-passphrase",
            description = "Write the private key unencrypted, without asking (without a terminal and a"
                    + " passphrase source, keygen refuses to write an unencrypted key unless told so)")
    boolean noPassphrase;

    @Mixin
    PassphraseOptions passphrase;

    @Override
    public Integer call() {
        KeyAlgorithm alg = KeyAlgorithm.fromCliName(algorithm);
        if (noPassphrase && passphrase.given()) {
            // Two answers to one question: refuse rather than guess which one was meant.
            throw new SignerException(
                    SignerException.Reason.BAD_INPUT,
                    "--no-passphrase and a passphrase (--passphrase-file or " + PassphraseOptions.ENVIRONMENT_VARIABLE
                            + ") were both given: choose one");
        }
        char[] pass = noPassphrase
                ? null
                : passphrase.newPassphrase(out.resolve("private-key.pem").toString());
        try {
            SigningKeyGenerator.GeneratedKey key = SigningKeyGenerator.generate(alg, out, pass, pgp, subject);
            for (Path file : key.files()) {
                System.out.println("wrote " + file);
            }
            System.out.println("fingerprint " + key.key().fingerprint());
            return LiveUpdate.OK;
        } finally {
            if (pass != null) {
                Arrays.fill(pass, '\0');
            }
        }
    }
}
