package io.liveupdate.signer;

/**
 * The one exception of the signer library. Its {@link Reason} says whether the problem is a negative verification
 * verdict (the file is not trusted) or an input problem (a missing file, a wrong passphrase); only front ends turn it
 * into exit codes. Messages name the file and the problem and never contain a secret.
 */
public final class SignerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why signing or verification failed. Verdict reasons are stable codes, documented in docs/security.md. */
    public enum Reason {
        // ---- negative verdicts: the file is not accepted ----
        /** A signature verifies, but not with the pinned anchor's key. */
        WRONG_SIGNER(true),
        /** A signature does not verify, or a digest does not match the signed bytes. */
        BAD_SIGNATURE(true),
        /** A required signature (the detached .p7s, or the JAR signature of a jar) is absent. */
        MISSING_SIGNATURE(true),
        /** A jar entry is not covered by the JAR signature. */
        UNSIGNED_ENTRY(true),
        /** The JAR signature lists an entry that is not in the jar. */
        MISSING_ENTRY(true),
        /** Two entries of the zip have the same name. */
        DUPLICATE_ENTRY(true),
        /** The central directory and the local headers of the zip disagree. */
        ZIP_STRUCTURE_MISMATCH(true),
        /** An entry name could escape an extraction directory (zip slip) or is otherwise unsafe. */
        UNSAFE_ENTRY_NAME(true),
        /** MD5, SHA-1, RSA below 2048 bits or another algorithm outside the accepted list. */
        WEAK_ALGORITHM(true),
        /** The .SF lacks the digest of the manifest's main attributes, so Main-Class etc. would be unprotected. */
        MAIN_ATTRIBUTES_UNPROTECTED(true),
        /** The signer's key was revoked in the trust file. */
        REVOKED_KEY(true),
        /** An RFC 3161 timestamp is present but invalid. */
        BAD_TIMESTAMP(true),
        /** A trust statement (rotation, revocation) is not signed as required or does not follow the trust file. */
        BAD_TRUST_STATEMENT(true),
        /** A trust file is older than one seen before (a replayed trust file would re-trust a retired key). */
        TRUST_ROLLBACK(true),
        /** The rollback memory (the state directory) is unreadable or corrupt: nothing is trusted until it is mended. */
        STATE_CORRUPT(true),
        /** The signed file or a signature is corrupt, truncated or unreadable. */
        CORRUPT(true),

        // ---- input errors: the request cannot be carried out ----
        /** A named input file does not exist or cannot be read. */
        INPUT_NOT_FOUND(false),
        /** A key, certificate, trust anchor or option value cannot be used. */
        BAD_INPUT(false),
        /** The passphrase or PIN is wrong or missing. */
        BAD_PASSPHRASE(false),
        /** The private key does not belong to the certificate. */
        KEY_CERTIFICATE_MISMATCH(false),
        /** The time-stamping authority could not be reached or answered with an error. */
        TIMESTAMP_AUTHORITY_FAILED(false),
        /** An output file could not be written. */
        OUTPUT_FAILED(false);

        private final boolean verdict;

        Reason(boolean verdict) {
            this.verdict = verdict;
        }

        /** True when this reason is a negative verdict about a signed file rather than a problem with the request. */
        public boolean isVerdict() {
            return verdict;
        }
    }

    /**
     * What the user could give to get past an input error. Messages never name a front end's option (a CLI flag, a
     * POM parameter): each front end adds its own name for the hint.
     */
    public enum Hint {
        /** A certificate (chain) for the signing key. */
        CERTIFICATE,
        /** Which key of a key store or token to use. */
        KEY_ALIAS,
        /** The passphrase or PIN, from wherever the front end reads secrets. */
        PASSPHRASE,
        /** The OpenPGP public key to verify an {@code .asc} with. */
        PGP_PUBLIC_KEY,
        /** Verification of the JAR signature alone, without the detached {@code .p7s}. */
        JAR_ONLY
    }

    private final Reason reason;
    private final Hint hint;

    public SignerException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public SignerException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    public SignerException(Reason reason, String message, Hint hint, Throwable cause) {
        super(message, cause);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
        this.hint = hint;
    }

    public Reason reason() {
        return reason;
    }

    /** What the user could give to get past this error, when there is something. */
    public java.util.Optional<Hint> hint() {
        return java.util.Optional.ofNullable(hint);
    }
}
