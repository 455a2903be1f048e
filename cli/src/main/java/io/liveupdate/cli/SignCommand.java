package io.liveupdate.cli;

import io.liveupdate.signer.OpenPgpKeys;
import io.liveupdate.signer.ReleaseSigner;
import io.liveupdate.signer.SignOptions;
import io.liveupdate.signer.SigningKey;
import io.liveupdate.signer.SigningKeyLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code liveupdate sign}: JAR signature inside a jar, detached FILE.p7s, and FILE.asc with an OpenPGP key. */
@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        description = {
            "Sign FILE: a JAR signature inside it when it is a .jar/.war/.ear, FILE.p7s (detached CMS over the whole"
                    + " file) always, and FILE.asc (OpenPGP) with --pgp-key. Outputs are written to temporary files and"
                    + " moved into place only when all are complete.",
            "KEY is a PEM private key (PKCS#8, encrypted or not), a PKCS#12 key store, or pkcs11:CONFIG for a token"
                    + " through the JDK's SunPKCS11 provider (CONFIG is its configuration file)."
        })
final class SignCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The release file to sign")
    Path file;

    @Option(
            names = "--key",
            required = true,
            paramLabel = "KEY",
            description = "Private key: PEM, PKCS#12 or pkcs11:CONFIG")
    String key;

    @Option(
            names = "--cert",
            paramLabel = "CERT",
            description = "Certificate (chain) of the key, PEM or DER (default: the one in the key file, else"
                    + " certificate.pem next to it)")
    Path certificate;

    @Option(names = "--key-alias", paramLabel = "ALIAS", description = "Which key of a PKCS#12 store or token")
    String alias;

    @Option(names = "--pgp-key", paramLabel = "KEY.asc", description = "OpenPGP secret key: also write FILE.asc")
    Path pgpKey;

    @Option(names = "--rsa-pss", description = "Sign with RSASSA-PSS instead of PKCS#1 v1.5 (RSA keys; randomised)")
    boolean rsaPss;

    @Option(
            names = "--signing-time",
            description = "Add a CMS signing-time attribute (off by default: it makes signatures irreproducible)")
    boolean signingTime;

    @Option(names = "--tsa", paramLabel = "URL", description = "RFC 3161 time-stamping authority to countersign with")
    URI tsa;

    @Option(
            names = "--replace-signatures",
            description = "Drop the jar's existing JAR signatures by other signers (by default they are kept, as"
                    + " jarsigner keeps them)")
    boolean replaceSignatures;

    @Mixin
    PassphraseOptions passphrase;

    @Override
    public Integer call() {
        SigningKey signingKey;
        if (key.startsWith("pkcs11:")) {
            signingKey =
                    SigningKeyLoader.loadPkcs11(Path.of(key.substring("pkcs11:".length())), alias, passphrase.source());
        } else {
            signingKey = SigningKeyLoader.load(Path.of(key), certificate, passphrase.source());
        }
        OpenPgpKeys.UnlockedKey pgp = pgpKey == null ? null : OpenPgpKeys.loadSecret(pgpKey, passphrase.source());
        ReleaseSigner.Result result = ReleaseSigner.sign(
                file,
                signingKey,
                pgp,
                new SignOptions(rsaPss, signingTime ? Instant.now() : null, tsa)
                        .withReplaceSignatures(replaceSignatures));
        for (Path written : result.written()) {
            System.out.println("wrote " + written);
        }
        System.out.println("signed by " + signingKey.fingerprint());
        return LiveUpdate.OK;
    }
}
