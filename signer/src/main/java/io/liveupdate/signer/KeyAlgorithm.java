package io.liveupdate.signer;

import java.util.Arrays;
import java.util.Locale;

/** The key types {@code liveupdate keygen} creates; each maps to one signature algorithm family. */
public enum KeyAlgorithm {
    ED25519("ed25519"),
    EC_P256("ec-p256"),
    EC_P384("ec-p384"),
    RSA_3072("rsa-3072");

    private final String cliName;

    KeyAlgorithm(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line, for example {@code ec-p256}. */
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line name such as {@code ed25519}. */
    public static KeyAlgorithm fromCliName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(a -> a.cliName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new SignerException(
                        SignerException.Reason.BAD_INPUT,
                        "unknown key algorithm '" + name + "' (expected ed25519, ec-p256, ec-p384 or rsa-3072)"));
    }
}
