package io.liveupdate.differ.model;

/**
 * A 128-bit fingerprint (MD5) of a canonical encoding. Two digests are equal exactly when
 * the encodings are equal, up to a collision chance of about 2^-128 per pair for the non-adversarial encodings of one's own builds, which is far below any other error source.
 */
public record Digest(long high, long low) implements Comparable<Digest> {
    /** The digest of an absent element (no code, no annotations), distinct from the digest of an empty one. */
    public static final Digest ABSENT = new Digest(0L, 0L);

    @Override
    public int compareTo(Digest o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public String toString() {
        return String.format("%016x%016x", high, low);
    }
}
