package io.liveupdate.differ.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Collects a canonical, unambiguous byte encoding of part of a class (tagged and length-prefixed tokens) and turns
 * it into a {@link Digest}. Reusable: {@link #digest()} resets it. Not thread-safe.
 */
final class CanonicalEncoder {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    });

    private byte[] buf = new byte[256];
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
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        integer(bytes.length);
        return bytes(bytes, 0, bytes.length);
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
        MessageDigest md = SHA256.get();
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
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
