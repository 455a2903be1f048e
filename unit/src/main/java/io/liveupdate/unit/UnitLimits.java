package io.liveupdate.unit;

import io.liveupdate.signer.SignerLimits;

/**
 * Caps on what reading one unit may cost, so that a hostile unit ends in a reasoned refusal, never in an
 * {@link OutOfMemoryError}.
 *
 * @param maxUnitBytes the largest unit file read (it is read whole: its bytes are what is verified and applied)
 * @param maxEntries the most entries a unit may list
 * @param maxEntryBytes the most one entry (a class or the descriptor) may inflate to
 * @param maxTotalBytes the most all entries may inflate to together
 */
public record UnitLimits(long maxUnitBytes, int maxEntries, long maxEntryBytes, long maxTotalBytes) {
    /** 64 MiB per unit and in all, 20,000 entries, 16 MiB per entry: far above any class-only update. */
    public static final UnitLimits DEFAULTS = new UnitLimits(64L << 20, 20_000, 16L << 20, 64L << 20);

    public UnitLimits {
        if (maxUnitBytes <= 0 || maxEntries <= 0 || maxEntryBytes <= 0 || maxTotalBytes <= 0) {
            throw new IllegalArgumentException("unit limits must be positive");
        }
    }

    /** The same caps for the signer's zip parser and signature checks. */
    public SignerLimits signerLimits() {
        return new SignerLimits(
                maxUnitBytes, maxEntryBytes, maxTotalBytes, maxEntries, SignerLimits.DEFAULTS.maxSignatureBytes());
    }
}
