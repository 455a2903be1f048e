package io.liveupdate.signer;

/**
 * Caps on what signing or verifying one file may cost, so that hostile input (a zip bomb, a {@code .p7s} that is
 * {@code /dev/zero}, a 3 GiB file) ends in a reasoned refusal, never in an {@link OutOfMemoryError}.
 *
 * @param maxFileBytes the largest file signed or verified (read whole: its bytes are what is signed)
 * @param maxEntryBytes the most one jar entry may inflate to
 * @param maxTotalBytes the most all entries of a jar may inflate to together
 * @param maxEntries the most entries a jar may list
 * @param maxSignatureBytes the largest detached signature, trust file, statement, key or certificate read
 */
public record SignerLimits(
        long maxFileBytes, long maxEntryBytes, long maxTotalBytes, int maxEntries, long maxSignatureBytes) {
    /**
     * 256 MiB per file and per entry, 256 MiB inflated in all, 200,000 entries, 1 MiB per signature or trust file:
     * within the launcher's 512 MiB heap, which holds the file and its inflated entries at once.
     */
    public static final SignerLimits DEFAULTS = new SignerLimits(256L << 20, 256L << 20, 256L << 20, 200_000, 1L << 20);

    public SignerLimits {
        if (maxFileBytes <= 0
                || maxEntryBytes <= 0
                || maxTotalBytes <= 0
                || maxEntries <= 0
                || maxSignatureBytes <= 0) {
            throw new IllegalArgumentException("signer limits must be positive");
        }
    }
}
