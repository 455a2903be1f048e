package io.liveupdate.cli;

import io.liveupdate.signer.OpenPgpKeys;
import io.liveupdate.signer.ReleaseSigner;
import io.liveupdate.signer.SigningKey;
import java.nio.file.Path;
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

    @Mixin
    SigningOptions signing;

    @Option(names = "--pgp-key", paramLabel = "KEY.asc", description = "OpenPGP secret key: also write FILE.asc")
    Path pgpKey;

    @Option(
            names = "--replace-signatures",
            description = "Drop the jar's existing JAR signatures by other signers (by default they are kept, as"
                    + " jarsigner keeps them)")
    boolean replaceSignatures;

    @Override
    public Integer call() {
        if (signing.key == null) {
            throw new LiveUpdate.UsageException("sign: give the signing key with --key KEY");
        }
        SigningKey signingKey = signing.load();
        OpenPgpKeys.UnlockedKey pgp = signing.loadPgp(pgpKey);
        ReleaseSigner.Result result =
                ReleaseSigner.sign(file, signingKey, pgp, signing.options().withReplaceSignatures(replaceSignatures));
        for (Path written : result.written()) {
            System.out.println("wrote " + written);
        }
        System.out.println("signed by " + signingKey.fingerprint());
        return LiveUpdate.OK;
    }
}
