package io.liveupdate.cli;

import io.liveupdate.signer.OpenPgpKeys;
import io.liveupdate.signer.SignOptions;
import io.liveupdate.signer.SigningKey;
import io.liveupdate.signer.SigningKeyLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that say how to sign, shared by {@code sign} and {@code package} (a picocli mixin). */
final class SigningOptions {
    @Option(names = "--key", paramLabel = "KEY", description = "Private key: PEM, PKCS#12 or pkcs11:CONFIG")
    String key;

    @Option(
            names = "--cert",
            paramLabel = "CERT",
            description = "Certificate (chain) of the key, PEM or DER (default: the one in the key file, else"
                    + " certificate.pem next to it)")
    Path certificate;

    @Option(names = "--key-alias", paramLabel = "ALIAS", description = "Which key of a PKCS#12 store or token")
    String alias;

    @Option(names = "--rsa-pss", description = "Sign with RSASSA-PSS instead of PKCS#1 v1.5 (RSA keys; randomised)")
    boolean rsaPss;

    @Option(
            names = "--signing-time",
            description = "Add a CMS signing-time attribute (off by default: it makes signatures irreproducible)")
    boolean signingTime;

    @Option(names = "--tsa", paramLabel = "URL", description = "RFC 3161 time-stamping authority to countersign with")
    URI tsa;

    @Mixin
    PassphraseOptions passphrase;

    /** The signing key; the caller has checked that {@link #key} is given. */
    SigningKey load() {
        if (key.startsWith("pkcs11:")) {
            return SigningKeyLoader.loadPkcs11(Path.of(key.substring("pkcs11:".length())), alias, passphrase.source());
        }
        return SigningKeyLoader.load(Path.of(key), certificate, passphrase.source());
    }

    /** An OpenPGP secret key, unlocked with the same passphrase source. */
    OpenPgpKeys.UnlockedKey loadPgp(Path pgpKey) {
        return pgpKey == null ? null : OpenPgpKeys.loadSecret(pgpKey, passphrase.source());
    }

    SignOptions options() {
        return new SignOptions(rsaPss, signingTime ? Instant.now() : null, tsa);
    }
}
