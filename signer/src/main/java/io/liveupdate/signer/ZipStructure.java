package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a zip file's central directory and local headers byte by byte and refuses anything two zip readers could
 * interpret differently: duplicate names (Android's CVE-2013-4787), central-directory/local-header disagreement
 * (JDK-8339280), bytes before, between or after the entries, ZIP64, encryption, and names that could escape an
 * extraction directory (CodeQL java/zipslip). The JAR signature covers only names and contents, so these checks are
 * what stands between zip metadata and an attacker when only the JAR signature is checked (signing.md §6).
 */
final class ZipStructure {
    private static final int LOC_SIG = 0x04034b50;
    private static final int CEN_SIG = 0x02014b50;
    private static final int END_SIG = 0x06054b50;
    private static final int DESCRIPTOR_SIG = 0x08074b50;

    /** One entry as the central directory describes it, checked against its local header. */
    record Entry(String name, int method, long size, long compressedSize, long localHeaderOffset, long end) {
        boolean isDirectory() {
            return name.endsWith("/");
        }
    }

    private ZipStructure() {}

    /** True when the bytes start like a zip file (a local file header). */
    static boolean looksLikeZip(byte[] bytes) {
        return bytes.length >= 4 && u32(bytes, 0) == LOC_SIG;
    }

    /** Checks the structure and returns the entries in central-directory order. */
    static List<Entry> read(byte[] b, String what) {
        if (b.length < 22) {
            throw new SignerException(Reason.CORRUPT, what + ": too short to be a zip file (truncated?)");
        }
        int end = -1;
        for (int i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xFFFF); i--) {
            if (u32(b, i) == END_SIG && i + 22 + u16(b, i + 20) == b.length) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new SignerException(
                    Reason.CORRUPT,
                    what + ": no end-of-central-directory record at the end (truncated or appended to?)");
        }
        int disk = u16(b, end + 4);
        int cdDisk = u16(b, end + 6);
        int countHere = u16(b, end + 8);
        int count = u16(b, end + 10);
        long cdSize = u32(b, end + 12);
        long cdOffset = u32(b, end + 16);
        if (count == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
            throw new SignerException(Reason.CORRUPT, what + ": ZIP64 archives are not supported");
        }
        if (disk != 0 || cdDisk != 0 || countHere != count) {
            throw new SignerException(Reason.CORRUPT, what + ": multi-disk zip archives are not supported");
        }
        if (cdOffset + cdSize != end) {
            throw new SignerException(
                    Reason.CORRUPT, what + ": the central directory does not end where the end record says");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> foldedMetaInf = new HashSet<>();
        int p = (int) cdOffset;
        for (int n = 0; n < count; n++) {
            if (p + 46 > end || u32(b, p) != CEN_SIG) {
                throw new SignerException(Reason.CORRUPT, what + ": central directory record " + n + " is damaged");
            }
            int flags = u16(b, p + 8);
            int method = u16(b, p + 10);
            long crc = u32(b, p + 16);
            long compressed = u32(b, p + 20);
            long size = u32(b, p + 24);
            int nameLength = u16(b, p + 28);
            int extraLength = u16(b, p + 30);
            int commentLength = u16(b, p + 32);
            long loc = u32(b, p + 42);
            if (p + 46L + nameLength + extraLength + commentLength > end) {
                throw new SignerException(Reason.CORRUPT, what + ": central directory record " + n + " is damaged");
            }
            byte[] nameBytes = Arrays.copyOfRange(b, p + 46, p + 46 + nameLength);
            String name = decodeName(nameBytes, what);
            if ((flags & 1) != 0) {
                throw new SignerException(Reason.CORRUPT, what + ": entry " + name + " is encrypted");
            }
            if (method != 0 && method != 8) {
                throw new SignerException(
                        Reason.CORRUPT, what + ": entry " + name + " uses unsupported compression method " + method);
            }
            requireSafeName(name, what);
            if (!names.add(name)) {
                throw new SignerException(Reason.DUPLICATE_ENTRY, what + ": entry " + name + " appears twice");
            }
            if (name.regionMatches(true, 0, "META-INF/", 0, 9) && !foldedMetaInf.add(name.toUpperCase(Locale.ROOT))) {
                // Signature file names are case-insensitive (JAR spec), so case variants are duplicates too.
                throw new SignerException(
                        Reason.DUPLICATE_ENTRY, what + ": entry " + name + " appears twice (ignoring case)");
            }
            long entryEnd =
                    checkLocalHeader(b, loc, cdOffset, name, nameBytes, flags, method, crc, compressed, size, what);
            entries.add(new Entry(name, method, size, compressed, loc, entryEnd));
            p += 46 + nameLength + extraLength + commentLength;
        }
        if (p != end) {
            throw new SignerException(Reason.CORRUPT, what + ": the central directory size disagrees with its records");
        }
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::localHeaderOffset));
        long expected = 0;
        for (Entry e : byOffset) {
            if (e.localHeaderOffset() != expected) {
                throw new SignerException(
                        Reason.ZIP_STRUCTURE_MISMATCH,
                        what + ": "
                                + (e.localHeaderOffset() > expected ? "unlisted bytes before" : "overlapping data at")
                                + " entry " + e.name());
            }
            expected = e.end();
        }
        if (expected != cdOffset) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH,
                    what + ": unlisted bytes between the last entry and the central directory");
        }
        return entries;
    }

    private static long checkLocalHeader(
            byte[] b,
            long loc,
            long cdOffset,
            String name,
            byte[] nameBytes,
            int flags,
            int method,
            long crc,
            long compressed,
            long size,
            String what) {
        if (loc + 30 > cdOffset || u32(b, (int) loc) != LOC_SIG) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH,
                    what + ": entry " + name + " has no local header where the central directory says");
        }
        int l = (int) loc;
        int localFlags = u16(b, l + 6);
        int localMethod = u16(b, l + 8);
        long localCrc = u32(b, l + 14);
        long localCompressed = u32(b, l + 18);
        long localSize = u32(b, l + 22);
        int nameLength = u16(b, l + 26);
        int extraLength = u16(b, l + 28);
        if (l + 30L + nameLength + extraLength > cdOffset) {
            throw new SignerException(Reason.CORRUPT, what + ": local header of " + name + " is damaged");
        }
        byte[] localName = Arrays.copyOfRange(b, l + 30, l + 30 + nameLength);
        if (!Arrays.equals(localName, nameBytes)) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH,
                    what + ": entry " + name + " has a different name in its local header");
        }
        boolean descriptor = (flags & 8) != 0;
        if (localMethod != method || (localFlags & 0x9) != (flags & 0x9)) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH,
                    what + ": entry " + name + " has a different method or flags in its local header");
        }
        if (!descriptor && (localCrc != crc || localCompressed != compressed || localSize != size)) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH,
                    what + ": entry " + name + " has different sizes or CRC in its local header");
        }
        long dataEnd = l + 30L + nameLength + extraLength + compressed;
        if (dataEnd > cdOffset) {
            throw new SignerException(
                    Reason.CORRUPT, what + ": data of entry " + name + " runs past the central directory");
        }
        if (!descriptor) {
            return dataEnd;
        }
        int d = (int) dataEnd;
        int offset = 0;
        if (d + 4 <= cdOffset && u32(b, d) == DESCRIPTOR_SIG) {
            offset = 4;
        }
        if (d + offset + 12 > cdOffset
                || u32(b, d + offset) != crc
                || u32(b, d + offset + 4) != compressed
                || u32(b, d + offset + 8) != size) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH,
                    what + ": entry " + name + " has a data descriptor that disagrees with the central directory");
        }
        return dataEnd + offset + 12;
    }

    private static String decodeName(byte[] nameBytes, String what) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(nameBytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SignerException(Reason.CORRUPT, what + ": an entry name is not valid UTF-8", e);
        }
    }

    /** Refuses names that are absolute, contain '..' or '.' segments, backslashes, drive letters or control characters. */
    static void requireSafeName(String name, String what) {
        String shown = name.replaceAll("\\p{Cntrl}", "?");
        boolean unsafe = name.isEmpty()
                || name.startsWith("/")
                || name.contains("\\")
                || (name.length() >= 2 && name.charAt(1) == ':')
                || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (!unsafe) {
            String[] segments = name.split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                boolean last = i == segments.length - 1;
                if (s.equals("..") || s.equals(".") || (s.isEmpty() && !last)) {
                    unsafe = true;
                    break;
                }
            }
        }
        if (unsafe) {
            throw new SignerException(
                    Reason.UNSAFE_ENTRY_NAME,
                    what + ": unsafe entry name '" + shown + "' (could escape an extraction directory)");
        }
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF))
                | ((long) (b[i + 1] & 0xFF)) << 8
                | ((long) (b[i + 2] & 0xFF)) << 16
                | ((long) (b[i + 3] & 0xFF)) << 24;
    }
}
