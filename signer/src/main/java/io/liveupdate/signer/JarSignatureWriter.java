package io.liveupdate.signer;

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
import java.util.zip.ZipOutputStream;
import org.bouncycastle.cms.CMSProcessableByteArray;

/**
 * Writes a JAR signature (signing.md §2): a manifest with a SHA-256 digest per entry, a {@code RELEASE.SF} that always
 * carries the main-attributes digest, and a detached CMS block ({@code RELEASE.EC} or {@code RELEASE.RSA}) over the
 * .SF. The input is read through {@link ZipArchive}, the same parser the verifier uses, so exactly what the verifier
 * will read is signed, and an ambiguous input is refused. The manifest and signature files come first so that
 * {@code JarInputStream} verifies too (JDK-8293753). Entry order and times are taken from the input and new entries
 * reuse the manifest's time, so signing is reproducible. Other signers' signatures are kept, as jarsigner keeps them:
 * manifest sections that already carry a matching SHA-256 digest are kept byte for byte, so those signatures still
 * cover what they covered ({@link SignOptions#replaceSignatures()} drops them). An earlier {@code RELEASE} signature
 * is replaced.
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
        ZipArchive archive = ZipArchive.read(jarBytes, what, options.limits());
        Map<String, ZipArchive.Entry> entries = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (ZipArchive.Entry e : archive.entries()) {
            entries.put(e.name(), e);
            contents.put(e.name(), archive.content(e));
            order.add(e.name());
        }
        byte[] oldManifest = contents.get(MANIFEST);
        ManifestSections old = oldManifest == null ? null : ManifestSections.parse(oldManifest, what + "!/" + MANIFEST);
        boolean keepOthers = old != null && !options.replaceSignatures() && hasOtherSigners(order);

        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        if (keepOthers) {
            manifest.write(old.main().raw()); // other signers' main-attributes digests stay valid
        } else {
            // The main attributes kept (Manifest-Version first).
            ManifestSections.writeAttribute(manifest, "Manifest-Version", "1.0");
            if (old != null) {
                old.main().attributes().forEach((name, value) -> {
                    if (!name.equals("manifest-version")) {
                        ManifestSections.writeAttribute(manifest, canonicalCase(name), value);
                    }
                });
            }
            ManifestSections.endSection(manifest);
        }
        byte[] mainSection = manifest.toByteArray();
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
            ManifestSections.Section previous = oldSections.remove(name);
            String digest = base64(sha256(contents.get(name)));
            if (keepOthers
                    && previous != null
                    && digest.equals(previous.attributes().get("sha-256-digest"))) {
                sectionBytes.add(previous.raw()); // unchanged: another signer's section digest still matches
            } else {
                ByteArrayOutputStream section = new ByteArrayOutputStream();
                ManifestSections.writeAttribute(section, "Name", name);
                if (previous != null) {
                    copyNonDigestAttributes(previous, section);
                }
                ManifestSections.writeAttribute(section, "SHA-256-Digest", digest);
                ManifestSections.endSection(section);
                sectionBytes.add(section.toByteArray());
            }
            sectionNames.add(name);
        }
        // Sections naming no entry (package sealing, for example) are kept, without digests, and still signed.
        for (ManifestSections.Section s : oldSections.values()) {
            if (keepOthers) {
                sectionBytes.add(s.raw());
            } else {
                ByteArrayOutputStream section = new ByteArrayOutputStream();
                ManifestSections.writeAttribute(section, "Name", s.name());
                copyNonDigestAttributes(s, section);
                ManifestSections.endSection(section);
                sectionBytes.add(section.toByteArray());
            }
            sectionNames.add(s.name());
        }
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
                ? entries.get(MANIFEST).timeLocal()
                : order.isEmpty() ? DOS_EPOCH : entries.get(order.get(0)).timeLocal();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            if (entries.containsKey("META-INF/")) {
                copy(zip, entries.get("META-INF/"), contents.get("META-INF/"));
            }
            add(zip, MANIFEST, manifestBytes, time);
            add(zip, "META-INF/" + SIGNATURE_NAME + ".SF", sfBytes, time);
            add(zip, blockName, block, time);
            for (String name : order) {
                if (name.equals("META-INF/") || name.equalsIgnoreCase(MANIFEST) || isOwnSignature(name)) {
                    continue;
                }
                if (isSignatureRelated(name) && !keepOthers) {
                    continue;
                }
                copy(zip, entries.get(name), contents.get(name));
            }
        }
    }

    /** Whether the jar carries a JAR signature other than an earlier one of ours ({@code RELEASE.*}). */
    private static boolean hasOtherSigners(List<String> names) {
        return names.stream()
                .anyMatch(
                        n -> isSignatureRelated(n) && n.toUpperCase(Locale.ROOT).endsWith(".SF") && !isOwnSignature(n));
    }

    /** {@code META-INF/RELEASE.*}: the signature files this writer makes, replaced on every signing. */
    private static boolean isOwnSignature(String name) {
        return isSignatureRelated(name) && name.toUpperCase(Locale.ROOT).startsWith("META-INF/" + SIGNATURE_NAME + ".");
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

    private static void copy(ZipOutputStream zip, ZipArchive.Entry original, byte[] content) throws IOException {
        ZipEntry entry = original.method() == ZipEntry.STORED
                ? storedEntry(original.name(), content)
                : new ZipEntry(original.name());
        entry.setTimeLocal(original.timeLocal());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** A zip entry that stores {@code content} uncompressed, its size and CRC-32 set as STORED entries need. */
    public static ZipEntry storedEntry(String name, byte[] content) {
        ZipEntry entry = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        return entry;
    }

    /**
     * Names the JDK treats as signature related, exactly as {@code sun.security.util.SignatureFileVerifier
     * .isSigningRelated} does: directly under {@code META-INF/}, case-insensitively, {@code MANIFEST.MF}, {@code *.SF},
     * {@code *.DSA}, {@code *.RSA}, {@code *.EC}, or {@code SIG-*} with no extension or an alphanumeric one of one to
     * three characters. Any other name (say {@code META-INF/SIG-X.class}) is an ordinary entry the signature covers:
     * a looser rule would leave it unsigned where the JDK loads it.
     */
    public static boolean isSignatureRelated(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', 9) >= 0) {
            return false;
        }
        String file = upper.substring(9);
        if (file.equals("MANIFEST.MF")
                || file.endsWith(".SF")
                || file.endsWith(".DSA")
                || file.endsWith(".RSA")
                || file.endsWith(".EC")) {
            return true;
        }
        if (!file.startsWith("SIG-")) {
            return false;
        }
        int dot = file.lastIndexOf('.');
        if (dot < 0) {
            return true;
        }
        String extension = file.substring(dot + 1);
        return !extension.isEmpty()
                && extension.length() <= 3
                && extension.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
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
