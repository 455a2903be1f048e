package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The one zip reader of liveupdate's signer and verifier: it reads the central directory and the local headers byte by
 * byte, inflates every entry itself, and refuses anything two zip readers could see differently, so that what is
 * signed, what is verified and what is later loaded are the same bytes (signing.md §6). Refused, each with a reason
 * code: duplicate names (CVE-2013-4787) and case variants of signature names; central-directory/local-header
 * disagreement (JDK-8339280); any byte no entry, header or record accounts for (before, between or after entries,
 * after an entry's deflate stream ends, between the central directory and the end record); zip records inside the
 * archive comment or a central-directory comment (a second end record, a ZIP64 locator) and more than one end record;
 * malformed extra fields; ZIP64, encryption, multi-disk archives; names that could escape an extraction directory
 * (CodeQL java/zipslip); entries, sizes and totals beyond {@link SignerLimits}.
 */
public final class ZipArchive {
    private static final int LOC_SIG = 0x04034b50;
    private static final int CEN_SIG = 0x02014b50;
    private static final int END_SIG = 0x06054b50;
    private static final int DESCRIPTOR_SIG = 0x08074b50;
    /** Record signatures, "PK" followed by these two bytes, that must not appear inside a comment. */
    private static final int[][] RECORD_MARKERS = {{3, 4}, {1, 2}, {5, 6}, {6, 6}, {6, 7}, {7, 8}};

    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    private static final int ZIP64_EXTRA = 0x0001;

    /**
     * One entry as the central directory describes it, checked against its local header.
     *
     * @param dataOffset where its stored or compressed bytes begin
     * @param end where its data (and data descriptor) ends
     * @param dosTime the modification time of its headers, as MS-DOS date and time (high and low 16 bits)
     */
    public record Entry(
            String name,
            int method,
            long crc,
            long size,
            long compressedSize,
            long localHeaderOffset,
            long dataOffset,
            long end,
            long dosTime) {
        public boolean isDirectory() {
            return name.endsWith("/");
        }

        /** The modification time in local time, as {@link java.util.zip.ZipEntry#getTimeLocal()} gives it. */
        public LocalDateTime timeLocal() {
            int date = (int) (dosTime >>> 16);
            int time = (int) (dosTime & 0xFFFF);
            try {
                return LocalDateTime.of(
                        1980 + (date >> 9),
                        Math.max(1, (date >> 5) & 0x0F),
                        Math.max(1, date & 0x1F),
                        (time >> 11) & 0x1F,
                        (time >> 5) & 0x3F,
                        Math.min(59, (time & 0x1F) * 2));
            } catch (java.time.DateTimeException e) {
                return LocalDateTime.of(1980, 1, 1, 0, 0);
            }
        }
    }

    private final byte[] bytes;
    private final String what;
    private final SignerLimits limits;
    private final List<Entry> entries;

    private ZipArchive(byte[] bytes, String what, SignerLimits limits, List<Entry> entries) {
        this.bytes = bytes;
        this.what = what;
        this.limits = limits;
        this.entries = entries;
    }

    /** True when the bytes start like a zip file (a local file header). */
    public static boolean looksLikeZip(byte[] bytes) {
        return bytes.length >= 4 && u32(bytes, 0) == LOC_SIG;
    }

    /** The entries, in central-directory order. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /**
     * The inflated bytes of {@code entry}: its deflate stream must end exactly at the end of its compressed data (bytes
     * after it could hide another local header that a streaming reader would find), and size and CRC-32 must match.
     */
    public byte[] content(Entry entry) {
        int offset = (int) entry.dataOffset();
        int length = (int) entry.compressedSize();
        byte[] data;
        if (entry.method() == STORED) {
            data = Arrays.copyOfRange(bytes, offset, offset + length);
        } else {
            data = inflate(entry, offset, length);
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        if (data.length != entry.size() || crc.getValue() != entry.crc()) {
            throw new SignerException(
                    Reason.CORRUPT, what + ": entry " + shown(entry.name()) + " fails its size or CRC check");
        }
        return data;
    }

    private byte[] inflate(Entry entry, int offset, int length) {
        Inflater inflater = new Inflater(true);
        // zlib without a header wants one byte beyond the stream (the "dummy byte" of Inflater's documentation): it is
        // the next header's first byte, and not counted as trailing data below.
        int dummy = offset + length < bytes.length ? 1 : 0;
        try {
            inflater.setInput(bytes, offset, length + dummy);
            // One byte more than declared: inflating into it is how a bomb, or a lie about the size, shows.
            byte[] out = new byte[(int) entry.size() + 1];
            int n = 0;
            while (!inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                n += got;
                if (n > entry.size()) {
                    throw new SignerException(
                            Reason.CORRUPT,
                            what + ": entry " + shown(entry.name()) + " inflates to more than its declared size");
                }
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new SignerException(
                            Reason.CORRUPT,
                            what + ": entry " + shown(entry.name()) + " has a truncated deflate stream");
                }
            }
            int trailing = inflater.getRemaining() - dummy;
            if (trailing > 0) {
                throw new SignerException(
                        Reason.ZIP_STRUCTURE_MISMATCH,
                        what + ": entry " + shown(entry.name()) + " has " + trailing
                                + " bytes after its deflate stream");
            }
            if (trailing < 0) {
                throw new SignerException(
                        Reason.ZIP_STRUCTURE_MISMATCH,
                        what + ": entry " + shown(entry.name())
                                + " has a deflate stream longer than its compressed size");
            }
            return Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new SignerException(
                    Reason.CORRUPT, what + ": entry " + shown(entry.name()) + " has corrupt deflate data", e);
        } finally {
            inflater.end();
        }
    }

    /** Checks the structure of {@code b} (named {@code what} in messages) within {@code limits}. */
    public static ZipArchive read(byte[] b, String what, SignerLimits limits) {
        if (b.length < 22) {
            throw new SignerException(Reason.CORRUPT, what + ": too short to be a zip file (truncated?)");
        }
        int end = endRecord(b, what);
        int commentLength = u16(b, end + 20);
        refuseRecordsInside(b, end + 22, commentLength, what, "the archive comment");
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
        if (count > limits.maxEntries()) {
            throw new SignerException(
                    Reason.CORRUPT,
                    what + ": lists " + count + " entries, more than the limit of " + limits.maxEntries());
        }
        if (cdOffset + cdSize != end) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH,
                    what + ": the central directory does not end where the end record says");
        }
        refuseSecondEndRecord(b, cdOffset, end, what);
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> foldedMetaInf = new HashSet<>();
        long total = 0;
        int p = (int) cdOffset;
        for (int n = 0; n < count; n++) {
            if (p + 46 > end || u32(b, p) != CEN_SIG) {
                throw new SignerException(Reason.CORRUPT, what + ": central directory record " + n + " is damaged");
            }
            int flags = u16(b, p + 8);
            int method = u16(b, p + 10);
            long dosTime = u32(b, p + 12);
            long crc = u32(b, p + 16);
            long compressed = u32(b, p + 20);
            long size = u32(b, p + 24);
            int nameLength = u16(b, p + 28);
            int extraLength = u16(b, p + 30);
            int entryCommentLength = u16(b, p + 32);
            int diskStart = u16(b, p + 34);
            long loc = u32(b, p + 42);
            if (p + 46L + nameLength + extraLength + entryCommentLength > end) {
                throw new SignerException(Reason.CORRUPT, what + ": central directory record " + n + " is damaged");
            }
            byte[] nameBytes = Arrays.copyOfRange(b, p + 46, p + 46 + nameLength);
            String name = decodeName(nameBytes, what);
            if (compressed == 0xFFFFFFFFL || size == 0xFFFFFFFFL || loc == 0xFFFFFFFFL || diskStart != 0) {
                throw new SignerException(Reason.CORRUPT, what + ": entry " + shown(name) + " needs ZIP64");
            }
            if ((flags & 1) != 0) {
                throw new SignerException(Reason.CORRUPT, what + ": entry " + shown(name) + " is encrypted");
            }
            if (method != STORED && method != DEFLATED) {
                throw new SignerException(
                        Reason.CORRUPT,
                        what + ": entry " + shown(name) + " uses unsupported compression method " + method);
            }
            if (method == STORED && compressed != size) {
                throw new SignerException(
                        Reason.ZIP_STRUCTURE_MISMATCH,
                        what + ": stored entry " + shown(name) + " declares different stored and original sizes");
            }
            checkExtra(b, p + 46 + nameLength, extraLength, name, what);
            refuseRecordsInside(
                    b, p + 46 + nameLength + extraLength, entryCommentLength, what, "the comment of " + name);
            requireSafeName(name, what);
            if (!names.add(name)) {
                throw new SignerException(Reason.DUPLICATE_ENTRY, what + ": entry " + shown(name) + " appears twice");
            }
            if (name.regionMatches(true, 0, "META-INF/", 0, 9) && !foldedMetaInf.add(name.toUpperCase(Locale.ROOT))) {
                // Signature file names are case-insensitive (JAR spec), so case variants are duplicates too.
                throw new SignerException(
                        Reason.DUPLICATE_ENTRY, what + ": entry " + shown(name) + " appears twice (ignoring case)");
            }
            if (size > limits.maxEntryBytes()) {
                throw new SignerException(
                        Reason.CORRUPT,
                        what + ": entry " + shown(name) + " declares " + size + " bytes, more than the limit of "
                                + limits.maxEntryBytes());
            }
            total += size;
            if (total > limits.maxTotalBytes()) {
                throw new SignerException(
                        Reason.CORRUPT,
                        what + ": entries inflate to more than the limit of " + limits.maxTotalBytes() + " bytes");
            }
            Entry entry =
                    localHeader(b, loc, cdOffset, name, nameBytes, flags, method, crc, compressed, size, dosTime, what);
            entries.add(entry);
            p += 46 + nameLength + extraLength + entryCommentLength;
        }
        if (p != end) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH, what + ": the central directory size disagrees with its records");
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
                                + " entry " + shown(e.name()));
            }
            expected = e.end();
        }
        if (expected != cdOffset) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH,
                    what + ": unlisted bytes between the last entry and the central directory");
        }
        return new ZipArchive(b, what, limits, entries);
    }

    /**
     * The end-of-central-directory record: the one whose comment reaches exactly to the end of the file. A second such
     * record can only sit in the first one's comment, where readers that search differently would take it instead.
     */
    private static int endRecord(byte[] b, String what) {
        int end = -1;
        for (int i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xFFFF); i--) {
            if (u32(b, i) == END_SIG && i + 22 + u16(b, i + 20) == b.length) {
                if (end >= 0) {
                    throw new SignerException(
                            Reason.ZIP_STRUCTURE_MISMATCH,
                            what + ": more than one end-of-central-directory record (a zip record hidden in the archive"
                                    + " comment)");
                }
                end = i;
            }
        }
        if (end < 0) {
            throw new SignerException(
                    Reason.CORRUPT,
                    what + ": no end-of-central-directory record at the end (truncated or appended to?)");
        }
        return end;
    }

    /**
     * No second end record anywhere a reader could look for one instead: in the central directory or after the end
     * record (the archive comment). Entry data is not searched: a stored entry may be a zip file of its own.
     */
    private static void refuseSecondEndRecord(byte[] b, long cdOffset, int end, String what) {
        for (int i = (int) cdOffset; i + 4 <= b.length; i++) {
            if (i != end && u32(b, i) == END_SIG) {
                throw new SignerException(
                        Reason.ZIP_STRUCTURE_MISMATCH, what + ": more than one end-of-central-directory record");
            }
        }
    }

    /** Refuses zip record signatures inside a comment: a reader that looks for them there would see another archive. */
    private static void refuseRecordsInside(byte[] b, int from, int length, String what, String where) {
        for (int i = from; i + 3 < from + length; i++) {
            if (b[i] == 'P' && b[i + 1] == 'K') {
                for (int[] marker : RECORD_MARKERS) {
                    if (b[i + 2] == marker[0] && b[i + 3] == marker[1]) {
                        throw new SignerException(
                                Reason.ZIP_STRUCTURE_MISMATCH, what + ": a zip record hidden in " + shown(where));
                    }
                }
            }
        }
    }

    /** Extra fields must be a sequence of (id, size, data) blocks that fill the field exactly, and never ZIP64. */
    private static void checkExtra(byte[] b, int from, int length, String name, String what) {
        int q = from;
        int limit = from + length;
        while (q < limit) {
            if (q + 4 > limit || q + 4 + u16(b, q + 2) > limit) {
                throw new SignerException(
                        Reason.ZIP_STRUCTURE_MISMATCH,
                        what + ": entry " + shown(name) + " has a malformed extra field");
            }
            if (u16(b, q) == ZIP64_EXTRA) {
                throw new SignerException(Reason.CORRUPT, what + ": entry " + shown(name) + " needs ZIP64");
            }
            q += 4 + u16(b, q + 2);
        }
    }

    private static Entry localHeader(
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
            long dosTime,
            String what) {
        if (loc + 30 > cdOffset || u32(b, (int) loc) != LOC_SIG) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH,
                    what + ": entry " + shown(name) + " has no local header where the central directory says");
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
            throw new SignerException(Reason.CORRUPT, what + ": local header of " + shown(name) + " is damaged");
        }
        byte[] localName = Arrays.copyOfRange(b, l + 30, l + 30 + nameLength);
        if (!Arrays.equals(localName, nameBytes)) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH,
                    what + ": entry " + shown(name) + " has a different name in its local header");
        }
        checkExtra(b, l + 30 + nameLength, extraLength, name, what);
        boolean descriptor = (flags & 8) != 0;
        if (localMethod != method || (localFlags & 0x9) != (flags & 0x9)) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH,
                    what + ": entry " + shown(name) + " has a different method or flags in its local header");
        }
        if (!descriptor && (localCrc != crc || localCompressed != compressed || localSize != size)) {
            throw new SignerException(
                    Reason.ZIP_STRUCTURE_MISMATCH,
                    what + ": entry " + shown(name) + " has different sizes or CRC in its local header");
        }
        long dataOffset = l + 30L + nameLength + extraLength;
        long dataEnd = dataOffset + compressed;
        if (dataEnd > cdOffset) {
            throw new SignerException(
                    Reason.CORRUPT, what + ": data of entry " + shown(name) + " runs past the central directory");
        }
        if (!descriptor) {
            return new Entry(name, method, crc, size, compressed, loc, dataOffset, dataEnd, dosTime);
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
                    what + ": entry " + shown(name)
                            + " has a data descriptor that disagrees with the central directory");
        }
        return new Entry(name, method, crc, size, compressed, loc, dataOffset, dataEnd + offset + 12, dosTime);
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

    /** A name for messages: control characters shown as '?', so one line stays one line. */
    static String shown(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }

    /** Refuses names that are absolute, contain '..' or '.' segments, backslashes, drive letters or control characters. */
    public static void requireSafeName(String name, String what) {
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
                    what + ": unsafe entry name '" + shown(name) + "' (could escape an extraction directory)");
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
