package io.liveupdate.differ;

/**
 * Caps on what reading one build may cost, so that hostile or broken input (a zip bomb, a sparse 3 GiB "class file",
 * an annotation nested thousands deep) ends in a {@link DifferException} naming the file, never in an
 * {@link OutOfMemoryError} or a {@link StackOverflowError}.
 *
 * @param maxClassFileBytes the largest class file (or jar entry) read; the JVM's own limits keep real ones far below
 * @param maxTotalBytes the most class-file bytes read from one directory or archive, inflated
 * @param maxEntries the most entries one archive may list, or class files one directory may hold
 * @param maxNesting how deep annotation values may nest (read recursively)
 */
public record InputLimits(long maxClassFileBytes, long maxTotalBytes, int maxEntries, int maxNesting) {
    /**
     * 16 MiB per class file, 256 MiB of class files per build, 200,000 entries, nesting 64: an order of magnitude
     * above the largest real builds seen (guava: 2,000 classes, 6.7 MB), within the launcher's 512 MiB heap.
     */
    public static final InputLimits DEFAULTS = new InputLimits(16L << 20, 256L << 20, 200_000, 64);

    public InputLimits {
        if (maxClassFileBytes <= 0 || maxTotalBytes <= 0 || maxEntries <= 0 || maxNesting <= 0) {
            throw new IllegalArgumentException("input limits must be positive");
        }
    }
}
