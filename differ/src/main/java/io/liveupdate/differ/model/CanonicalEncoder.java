package io.liveupdate.differ.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Collects a canonical, unambiguous byte encoding of part of a class (tagged and length-prefixed tokens) and turns
 * it into {@link CanonicalBytes}. Reusable: {@link #take()} resets it. Not thread-safe.
 */
final class CanonicalEncoder {
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
        // getBytes is a bulk copy for ASCII strings even in C1-compiled code; a charAt loop measured 5x slower.
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        integer(bytes.length);
        return bytes(bytes, 0, bytes.length);
    }

    /**
     * Encodes a string that may repeat within one encoding: its first occurrence in full, later ones as the
     * number of the first occurrence. The numbering follows encoding order, so it is as canonical as the order of
     * the tokens themselves and independent of any constant-pool layout. With {@code seen == null} every
     * occurrence is encoded in full. {@code utf8} caches the UTF-8 form of strings across encodings.
     */
    CanonicalEncoder symbol(String value, Map<String, Integer> seen, Map<String, byte[]> utf8) {
        if (value == null) {
            return tag(0);
        }
        if (seen != null) {
            Integer id = seen.putIfAbsent(value, seen.size());
            if (id != null) {
                return tag(1).integer(id);
            }
        }
        return tag(2).string(value, utf8);
    }

    /**
     * Like {@link #string(String)}, with the UTF-8 form looked up in {@code utf8}: a class's methods name the same
     * owners and descriptors again and again.
     */
    CanonicalEncoder string(String value, Map<String, byte[]> utf8) {
        if (value == null) {
            return integer(-1);
        }
        byte[] bytes = utf8.get(value);
        if (bytes == null) {
            bytes = value.getBytes(StandardCharsets.UTF_8);
            utf8.put(value, bytes);
        }
        integer(bytes.length);
        return bytes(bytes, 0, bytes.length);
    }

    CanonicalEncoder bytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, len, length);
        len += length;
        return this;
    }

    /** Appends a finished encoding, length-prefixed. */
    CanonicalEncoder append(CanonicalBytes encoding) {
        byte[] b = encoding.bytes();
        integer(b.length);
        return bytes(b, 0, b.length);
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

    /** Returns everything encoded since the last reset, and resets. */
    CanonicalBytes take() {
        CanonicalBytes result = new CanonicalBytes(Arrays.copyOf(buf, len));
        len = 0;
        return result;
    }

    /** Like {@link #take()}, but {@link CanonicalBytes#ABSENT} when nothing was encoded. */
    CanonicalBytes takeOrAbsent() {
        if (len == 0) {
            return CanonicalBytes.ABSENT;
        }
        return take();
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
