package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.util.Set;

/**
 * The pinned trust a verifier applies: exactly one anchor key, plus keys that were revoked. The JDK's cacerts never
 * counts (signing.md §6, "Integrity is not trust").
 *
 * @param anchor the only key whose signatures are accepted
 * @param revoked keys that must be refused even if they somehow equal the anchor
 */
public record TrustPolicy(Fingerprint anchor, Set<Fingerprint> revoked) {
    public TrustPolicy {
        revoked = Set.copyOf(revoked);
    }

    public static TrustPolicy pinned(Fingerprint anchor) {
        return new TrustPolicy(anchor, Set.of());
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
