package io.liveupdate.differ.model;

import java.util.Arrays;

/**
 * A canonical encoding of part of a class (a method body, its debug tables, annotations...), kept whole: two
 * parts are equal in meaning exactly when their encodings are equal, with no fingerprint collisions to reason
 * about. With repeated names encoded as back-references, the encodings of a build are about as large as its
 * bytecode (18.5 MB for both guava jars of docs/benchmarks.md), and comparing them is cheaper than hashing them.
 */
public final class CanonicalBytes implements Comparable<CanonicalBytes> {
    /** An absent part (no code, no annotations); equal to any other empty encoding. */
    public static final CanonicalBytes ABSENT = new CanonicalBytes(new byte[0]);

    private final byte[] bytes;
    /** Computed on first use: most encodings are only ever compared with equals. */
    private int hash;

    CanonicalBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanonicalBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(CanonicalBytes o) {
        return Arrays.compare(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return bytes.length + " bytes, hash " + Integer.toHexString(hashCode());
    }
}
