package io.liveupdate.signer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip files byte by byte, with the control an attack needs and {@link java.util.zip.ZipOutputStream} refuses:
 * bytes after an entry's deflate stream inside its compressed data, comments holding zip records, raw extra fields.
 * Everything else is as APPNOTE.TXT says (version 2.0, no data descriptors, UTF-8 names).
 */
final class RawZip {
    /**
     * One entry.
     *
     * @param deflate whether the content is deflated (else stored)
     * @param afterStream bytes appended inside the compressed data, after the deflate stream ends
     * @param comment the central-directory comment
     * @param extra the extra field (both headers)
     */
    record Entry(String name, byte[] content, boolean deflate, byte[] afterStream, byte[] comment, byte[] extra) {
        static Entry of(String name, byte[] content) {
            return new Entry(name, content, true, new byte[0], new byte[0], new byte[0]);
        }

        Entry withAfterStream(byte[] bytes) {
            return new Entry(name, content, deflate, bytes, comment, extra);
        }

        Entry withComment(byte[] bytes) {
            return new Entry(name, content, deflate, afterStream, bytes, extra);
        }
    }

    private RawZip() {}

    /** The zip of {@code entries} with archive comment {@code comment}. */
    static byte[] write(List<Entry> entries, byte[] comment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<long[]> offsets = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        for (Entry e : entries) {
            byte[] compressed = e.deflate() ? deflate(e.content()) : e.content();
            byte[] stored = concat(compressed, e.afterStream());
            data.add(stored);
            long offset = out.size();
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            u32(out, 0x04034b50);
            u16(out, 20);
            u16(out, 0x0800); // UTF-8 names
            u16(out, e.deflate() ? 8 : 0);
            u32(out, 0); // time and date
            u32(out, crc(e.content()));
            u32(out, stored.length);
            u32(out, e.content().length);
            u16(out, name.length);
            u16(out, e.extra().length);
            out.writeBytes(name);
            out.writeBytes(e.extra());
            out.writeBytes(stored);
            offsets.add(new long[] {offset});
        }
        long cdOffset = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            u32(out, 0x02014b50);
            u16(out, 20);
            u16(out, 20);
            u16(out, 0x0800);
            u16(out, e.deflate() ? 8 : 0);
            u32(out, 0);
            u32(out, crc(e.content()));
            u32(out, data.get(i).length);
            u32(out, e.content().length);
            u16(out, name.length);
            u16(out, e.extra().length);
            u16(out, e.comment().length);
            u16(out, 0); // disk
            u16(out, 0); // internal attributes
            u32(out, 0); // external attributes
            u32(out, offsets.get(i)[0]);
            out.writeBytes(name);
            out.writeBytes(e.extra());
            out.writeBytes(e.comment());
        }
        long cdSize = out.size() - cdOffset;
        u32(out, 0x06054b50);
        u16(out, 0);
        u16(out, 0);
        u16(out, entries.size());
        u16(out, entries.size());
        u32(out, cdSize);
        u32(out, cdOffset);
        u16(out, comment.length);
        out.writeBytes(comment);
        return out.toByteArray();
    }

    /** The entries of a zip (as our parser reads them), to rewrite them with an attack. */
    static List<Entry> entriesOf(byte[] zip) {
        ZipArchive archive = ZipArchive.read(zip, "input", SignerLimits.DEFAULTS);
        List<Entry> entries = new ArrayList<>();
        for (ZipArchive.Entry e : archive.entries()) {
            entries.add(Entry.of(e.name(), archive.content(e)));
        }
        return entries;
    }

    /** An end-of-central-directory record pointing nowhere useful, to plant where none belongs. */
    static byte[] fakeEndRecord() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, 0x06054b50);
        u16(out, 0);
        u16(out, 0);
        u16(out, 1);
        u16(out, 1);
        u32(out, 46);
        u32(out, 0);
        u16(out, 0);
        return out.toByteArray();
    }

    /** A ZIP64 end-of-central-directory locator (APPNOTE 4.3.15), which the JDK looks for just before the end record. */
    static byte[] zip64Locator() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, 0x07064b50);
        u32(out, 0);
        u32(out, 0);
        u32(out, 0);
        u32(out, 1);
        return out.toByteArray();
    }

    /** A local file header with its data, as a streaming reader would take it for an entry. */
    static byte[] localEntry(String entryName, byte[] content) {
        byte[] all = write(
                List.of(new Entry(entryName, content, false, new byte[0], new byte[0], new byte[0])), new byte[0]);
        int cd = all.length - 22 - (46 + entryName.getBytes(StandardCharsets.UTF_8).length);
        byte[] local = new byte[cd];
        System.arraycopy(all, 0, local, 0, cd);
        return local;
    }

    static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long crc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }

    private static void u32(ByteArrayOutputStream out, long v) {
        u16(out, (int) (v & 0xFFFF));
        u16(out, (int) ((v >>> 16) & 0xFFFF));
    }
}
