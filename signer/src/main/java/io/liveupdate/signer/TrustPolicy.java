package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The pinned trust a verifier applies: exactly one anchor key, plus keys that were revoked. The JDK's cacerts never
 * counts (signing.md §6, "Integrity is not trust").
 *
 * @param anchor the only key whose signatures are accepted
 * @param revoked keys that must be refused even if they somehow equal the anchor
 * @param seen for a policy read from a trust file, its sequence, which a verifier remembers once it accepted a file
 *     ({@link TrustState#remember}); null otherwise
 */
public record TrustPolicy(Fingerprint anchor, Set<Fingerprint> revoked, TrustState.Seen seen) {
    public TrustPolicy {
        revoked = Set.copyOf(revoked);
    }

    public TrustPolicy(Fingerprint anchor, Set<Fingerprint> revoked) {
        this(anchor, revoked, null);
    }

    public static TrustPolicy pinned(Fingerprint anchor) {
        return new TrustPolicy(anchor, Set.of());
    }

    /**
     * The trust a user names as one anchor: a key fingerprint (64 hex digits, SHA-256 of the SubjectPublicKeyInfo,
     * optionally prefixed {@code sha256:}), a certificate file (PEM or DER, its first certificate is pinned), or a
     * liveupdate trust file (its anchor and revocations).
     *
     * @throws SignerException {@code INPUT_NOT_FOUND} when it is neither a fingerprint nor a readable file,
     *     {@code BAD_INPUT} when the file is neither a certificate nor a trust file
     */
    public static TrustPolicy parse(String anchor) {
        return parse(anchor, null);
    }

    /**
     * As {@link #parse(String)}; a trust file is checked against the rollback memory in {@code stateDirectory}
     * ({@link TrustState}; null: the default beside the trust file), which a verifier raises once it accepted a file.
     *
     * @throws SignerException {@code TRUST_ROLLBACK} when the trust file is older than one seen before
     */
    public static TrustPolicy parse(String anchor, Path stateDirectory) {
        if (Fingerprint.looksLikeFingerprint(anchor)) {
            return pinned(Fingerprint.parse(anchor));
        }
        Path file = Path.of(anchor);
        if (!Files.exists(file)) {
            throw new SignerException(
                    Reason.INPUT_NOT_FOUND,
                    anchor
                            + ": trust anchor not found (give a certificate, a trust file or a 64-hex-digit fingerprint)");
        }
        byte[] bytes = SigningKeyLoader.readInput(file, "trust anchor");
        if (TrustFile.looksLikeTrustFile(bytes)) {
            TrustFile trust = TrustFile.parse(bytes, file.toString());
            TrustState.Seen seen = TrustState.open(
                            stateDirectory == null ? TrustState.defaultDirectory(file) : stateDirectory)
                    .check(trust, file.toString());
            TrustPolicy policy = trust.policy();
            return new TrustPolicy(policy.anchor(), policy.revoked(), seen);
        }
        return pinned(Fingerprint.of(SigningKeyLoader.loadCertificates(file).get(0)));
    }

    /** Throws REVOKED_KEY or WRONG_SIGNER unless {@code signer} is the anchor. */
    public void requireTrusted(Fingerprint signer, String where) {
        if (revoked.contains(signer)) {
            throw new SignerException(Reason.REVOKED_KEY, where + " is signed by revoked key " + signer.shortForm());
        }
        if (!signer.equals(anchor)) {
            throw new SignerException(
                    Reason.WRONG_SIGNER,
                    where + " is signed by key " + signer.shortForm() + ", not by the pinned anchor "
                            + anchor.shortForm());
        }
    }
}
