package io.liveupdate.signer;

/**
 * Supplies a passphrase or PIN only when a key turns out to need one. The caller owns the returned array and the
 * library clears it after use. Implementations must never log the value.
 */
@FunctionalInterface
public interface PassphraseSource {
    /**
     * Returns the passphrase for {@code what} (a file name or token label, for prompts).
     *
     * @throws SignerException with reason BAD_PASSPHRASE when none is available
     */
    char[] passphrase(String what);

    /** A source for unencrypted keys only: asking it is an error. */
    static PassphraseSource none() {
        return what -> {
            throw new SignerException(
                    SignerException.Reason.BAD_PASSPHRASE,
                    what + " is encrypted and no passphrase was given",
                    SignerException.Hint.PASSPHRASE,
                    null);
        };
    }

    static PassphraseSource of(String passphrase) {
        return what -> passphrase.toCharArray();
    }
}
