package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.cms.CMSProcessableByteArray;

/**
 * Writes a JAR signature (signing.md §2): a manifest with one SHA-256 digest per entry, a {@code RELEASE.SF} that always
 * carries the main-attributes digest, and a detached CMS block ({@code RELEASE.EC} or {@code RELEASE.RSA}) over the
 * .SF. The manifest and signature files come first so that {@code JarInputStream} verifies too (JDK-8293753). Entry
 * order and times are taken from the input and new entries reuse the manifest's time, so signing is reproducible.
 * Existing JAR signatures are replaced.
 */
public final class JarSignatureWriter {
    /** The base name of the signature files. */
    public static final String SIGNATURE_NAME = "RELEASE";

    static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final LocalDateTime DOS_EPOCH = LocalDateTime.of(1980, 2, 1, 0, 0);

    private JarSignatureWriter() {}

    /** Signs the jar in {@code jarBytes} and writes the signed jar to {@code out}. */
    public static void sign(byte[] jarBytes, String what, SigningKey key, SignOptions options, OutputStream out)
            throws IOException {
        List<ZipStructure.Entry> layout = ZipStructure.read(jarBytes, what);
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jarBytes))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), e);
                contents.put(e.getName(), in.readAllBytes());
            }
        } catch (ZipException e) {
            throw new SignerException(Reason.BAD_INPUT, what + ": not a readable jar (" + e.getMessage() + ")", e);
        }
        List<String> order = new ArrayList<>();
        for (ZipStructure.Entry e : layout) {
            order.add(e.name());
        }
        byte[] oldManifest = contents.get(MANIFEST);
        ManifestSections old = oldManifest == null ? null : ManifestSections.parse(oldManifest, what + "!/" + MANIFEST);

        // The manifest: main attributes kept (Manifest-Version first), then one section per file entry.
        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        ManifestSections.writeAttribute(manifest, "Manifest-Version", "1.0");
        if (old != null) {
            old.main().attributes().forEach((name, value) -> {
                if (!name.equals("manifest-version")) {
                    ManifestSections.writeAttribute(manifest, canonicalCase(name), value);
                }
            });
        }
        ManifestSections.endSection(manifest);
        Map<String, ManifestSections.Section> oldSections = new LinkedHashMap<>();
        if (old != null) {
            old.sections().forEach(s -> oldSections.put(s.name(), s));
        }
        List<byte[]> sectionBytes = new ArrayList<>();
        List<String> sectionNames = new ArrayList<>();
        for (String name : order) {
            if (name.endsWith("/") || isSignatureRelated(name)) {
                continue;
            }
            ByteArrayOutputStream section = new ByteArrayOutputStream();
            ManifestSections.writeAttribute(section, "Name", name);
            ManifestSections.Section previous = oldSections.remove(name);
            if (previous != null) {
                copyNonDigestAttributes(previous, section);
            }
            ManifestSections.writeAttribute(section, "SHA-256-Digest", base64(sha256(contents.get(name))));
            ManifestSections.endSection(section);
            sectionBytes.add(section.toByteArray());
            sectionNames.add(name);
        }
        // Sections naming no entry (package sealing, for example) are kept, without digests, and still signed.
        for (ManifestSections.Section s : oldSections.values()) {
            ByteArrayOutputStream section = new ByteArrayOutputStream();
            ManifestSections.writeAttribute(section, "Name", s.name());
            copyNonDigestAttributes(s, section);
            ManifestSections.endSection(section);
            sectionBytes.add(section.toByteArray());
            sectionNames.add(s.name());
        }
        byte[] mainSection = manifest.toByteArray();
        for (byte[] s : sectionBytes) {
            manifest.write(s);
        }
        byte[] manifestBytes = manifest.toByteArray();

        ByteArrayOutputStream sf = new ByteArrayOutputStream();
        ManifestSections.writeAttribute(sf, "Signature-Version", "1.0");
        ManifestSections.writeAttribute(sf, "Created-By", "liveupdate");
        ManifestSections.writeAttribute(sf, "SHA-256-Digest-Manifest", base64(sha256(manifestBytes)));
        ManifestSections.writeAttribute(sf, "SHA-256-Digest-Manifest-Main-Attributes", base64(sha256(mainSection)));
        ManifestSections.endSection(sf);
        for (int i = 0; i < sectionBytes.size(); i++) {
            ManifestSections.writeAttribute(sf, "Name", sectionNames.get(i));
            ManifestSections.writeAttribute(sf, "SHA-256-Digest", base64(sha256(sectionBytes.get(i))));
            ManifestSections.endSection(sf);
        }
        byte[] sfBytes = sf.toByteArray();
        byte[] block = CmsSignatures.signDetached(key, new CMSProcessableByteArray(sfBytes), options);
        String blockName = "META-INF/" + SIGNATURE_NAME + "." + SignatureAlgorithms.jarBlockExtension(key.publicKey());

        LocalDateTime time = entries.containsKey(MANIFEST)
                ? entries.get(MANIFEST).getTimeLocal()
                : order.isEmpty() ? DOS_EPOCH : entries.get(order.get(0)).getTimeLocal();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            if (entries.containsKey("META-INF/")) {
                copy(zip, entries.get("META-INF/"), contents.get("META-INF/"));
            }
            add(zip, MANIFEST, manifestBytes, time);
            add(zip, "META-INF/" + SIGNATURE_NAME + ".SF", sfBytes, time);
            add(zip, blockName, block, time);
            for (String name : order) {
                if (name.equals("META-INF/") || isSignatureRelated(name)) {
                    continue;
                }
                copy(zip, entries.get(name), contents.get(name));
            }
        }
    }

    private static String canonicalCase(String lowerName) {
        // Attribute names are case-insensitive; keep the common spelling of well-known ones.
        return switch (lowerName) {
            case "created-by" -> "Created-By";
            case "main-class" -> "Main-Class";
            case "class-path" -> "Class-Path";
            case "multi-release" -> "Multi-Release";
            case "launcher-agent-class" -> "Launcher-Agent-Class";
            case "automatic-module-name" -> "Automatic-Module-Name";
            case "add-opens" -> "Add-Opens";
            case "add-exports" -> "Add-Exports";
            default -> lowerName.substring(0, 1).toUpperCase(Locale.ROOT) + lowerName.substring(1);
        };
    }

    private static void copyNonDigestAttributes(ManifestSections.Section section, ByteArrayOutputStream out) {
        section.attributes().forEach((name, value) -> {
            if (!name.equals("name") && !name.endsWith("-digest") && !name.contains("-digest-")) {
                ManifestSections.writeAttribute(out, canonicalCase(name), value);
            }
        });
    }

    private static void add(ZipOutputStream zip, String name, byte[] content, LocalDateTime time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static void copy(ZipOutputStream zip, ZipEntry original, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(original.getName());
        entry.setTimeLocal(original.getTimeLocal());
        if (original.getMethod() == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            entry.setCompressedSize(content.length);
            entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** Names the JAR spec reserves for signatures: directly under META-INF/, case-insensitively (signing.md §1). */
    static boolean isSignatureRelated(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', 9) >= 0) {
            return false;
        }
        String file = upper.substring(9);
        return file.equals("MANIFEST.MF")
                || file.endsWith(".SF")
                || file.endsWith(".RSA")
                || file.endsWith(".DSA")
                || file.endsWith(".EC")
                || file.startsWith("SIG-");
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
