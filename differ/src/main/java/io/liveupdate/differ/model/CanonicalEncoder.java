package io.liveupdate.differ.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;

/**
 * Collects a canonical, unambiguous byte encoding of part of a class (tagged and length-prefixed tokens) and turns
 * it into a {@link Digest}. Reusable: {@link #digest()} resets it. Not thread-safe.
 */
final class CanonicalEncoder {
    /**
     * MD5 as a 128-bit fingerprint of canonical encodings: every JDK has it, and it costs a third of SHA-256 per
     * method (measured in docs/benchmarks.md). It is no security boundary here: a collision could only make two
     * encodings of the user's own builds compare equal; integrity of what is shipped rests on SHA-256 and
     * signatures elsewhere.
     */
    private static final ThreadLocal<MessageDigest> FINGERPRINT = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    });

    private static final byte[] EMPTY = new byte[0];

    /** Allocated on first write: most encoders of a method (annotations, parameters) stay empty. */
    private byte[] buf = EMPTY;

    private int len;

    int size() {
        return len;
    }

    boolean isEmpty() {
        return len == 0;
    }

    CanonicalEncoder tag(int tag) {
        ensure(1);
        buf[len++] = (byte) tag;
        return this;
    }

    CanonicalEncoder integer(int value) {
        ensure(4);
        buf[len++] = (byte) (value >>> 24);
        buf[len++] = (byte) (value >>> 16);
        buf[len++] = (byte) (value >>> 8);
        buf[len++] = (byte) value;
        return this;
    }

    CanonicalEncoder longValue(long value) {
        integer((int) (value >>> 32));
        return integer((int) value);
    }

    CanonicalEncoder string(String value) {
        if (value == null) {
            return integer(-1);
        }
        int length = value.length();
        integer(length);
        ensure(2 * length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                buf[len++] = (byte) c;
            } else {
                // Non-ASCII: an escape byte and both halves keep the encoding unambiguous without a charset encoder.
                ensure(3);
                buf[len++] = (byte) 0x80;
                buf[len++] = (byte) (c >>> 8);
                buf[len++] = (byte) c;
            }
        }
        return this;
    }

    /**
     * Encodes a string that may repeat within one encoding: its first occurrence in full, later ones as the
     * number of the first occurrence. The numbering follows encoding order, so it is as canonical as the order of
     * the tokens themselves and independent of any constant-pool layout. With {@code seen == null} every
     * occurrence is encoded in full.
     */
    CanonicalEncoder symbol(String value, Map<String, Integer> seen) {
        if (value == null) {
            return tag(0);
        }
        if (seen == null) {
            return tag(2).string(value);
        }
        Integer id = seen.putIfAbsent(value, seen.size());
        if (id != null) {
            return tag(1).integer(id);
        }
        return tag(2).string(value);
    }

    CanonicalEncoder bytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, len, length);
        len += length;
        return this;
    }

    /** Appends everything another encoder holds. */
    CanonicalEncoder append(CanonicalEncoder other) {
        return bytes(other.buf, 0, other.len);
    }

    /** Appends the bytes this encoder holds from {@code from} to its end into {@code target}. */
    void copyTail(int from, CanonicalEncoder target) {
        target.bytes(buf, from, len - from);
    }

    /** Overwrites 4 bytes at {@code position}, used to patch label references once their targets are known. */
    void patchInt(int position, int value) {
        buf[position] = (byte) (value >>> 24);
        buf[position + 1] = (byte) (value >>> 16);
        buf[position + 2] = (byte) (value >>> 8);
        buf[position + 3] = (byte) value;
    }

    /** Returns the digest of everything encoded since the last reset, and resets. */
    Digest digest() {
        MessageDigest md = FINGERPRINT.get();
        md.update(buf, 0, len);
        byte[] d = md.digest();
        len = 0;
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (d[i] & 0xFF);
            low = (low << 8) | (d[i + 8] & 0xFF);
        }
        return new Digest(high, low);
    }

    /** Like {@link #digest()}, but {@link Digest#ABSENT} when nothing was encoded. */
    Digest digestOrAbsent() {
        if (len == 0) {
            return Digest.ABSENT;
        }
        return digest();
    }

    void reset() {
        len = 0;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(Math.max(buf.length * 2, 64), len + extra));
        }
    }
}
