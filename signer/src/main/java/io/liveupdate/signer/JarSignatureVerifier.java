package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipException;
import org.bouncycastle.cms.CMSProcessableByteArray;

/**
 * Verifies a JAR signature fail-closed (signing.md §7.3): the zip structure is unambiguous and every entry is read
 * through the one {@link ZipArchive} parser; every signature block verifies with accepted algorithms, and one of them
 * is the pinned anchor's (other signers' signatures may stay, as jarsigner keeps them, but count for nothing; a revoked
 * key's is refused); the anchor's .SF has the main-attributes digest and it matches; every file entry is listed in the
 * manifest, covered by the anchor's .SF and matches its digest; every signed name is present; and the JDK's own
 * {@link JarFile} verification agrees that the anchor signed every entry.
 */
public final class JarSignatureVerifier {
    private JarSignatureVerifier() {}

    /** What a verified JAR signature covers. */
    public record Result(int signedEntries, List<CmsSignatures.VerifiedSigner> signers) {}

    /** Verifies the jar whose bytes are {@code bytes} and whose file is {@code file} (for the JDK cross-check). */
    public static Result verify(Path file, byte[] bytes, TrustPolicy trust) {
        return verify(file, bytes, trust, SignerLimits.DEFAULTS);
    }

    /** As {@link #verify(Path, byte[], TrustPolicy)}, within {@code limits}. */
    public static Result verify(Path file, byte[] bytes, TrustPolicy trust, SignerLimits limits) {
        String what = file.getFileName().toString();
        if (!ZipArchive.looksLikeZip(bytes)) {
            throw new SignerException(Reason.CORRUPT, what + ": not a zip file (corrupt or truncated jar)");
        }
        ZipArchive archive = ZipArchive.read(bytes, what, limits);
        List<ZipArchive.Entry> layout = archive.entries();
        Map<String, byte[]> contents = new HashMap<>();
        for (ZipArchive.Entry e : layout) {
            contents.put(e.name(), archive.content(e));
        }

        String manifestName = null;
        Map<String, String> blocksByBase = new HashMap<>();
        List<String> signatureFiles = new ArrayList<>();
        List<String> fileEntries = new ArrayList<>();
        for (ZipArchive.Entry e : layout) {
            String name = e.name();
            if (JarSignatureWriter.isSignatureRelated(name)) {
                String upper = name.toUpperCase(Locale.ROOT);
                if (upper.equals(JarSignatureWriter.MANIFEST)) {
                    manifestName = name;
                } else if (upper.endsWith(".SF")) {
                    signatureFiles.add(name);
                } else {
                    String base =
                            upper.substring(0, upper.lastIndexOf('.') < 9 ? upper.length() : upper.lastIndexOf('.'));
                    if (blocksByBase.put(base, name) != null) {
                        throw new SignerException(
                                Reason.BAD_SIGNATURE, what + ": two signature blocks for " + base.substring(9));
                    }
                }
            } else if (e.isDirectory()) {
                if (e.size() != 0) {
                    // JDK 8260960: a directory entry with content is not covered by any signature.
                    throw new SignerException(
                            Reason.UNSIGNED_ENTRY, what + ": directory entry " + name + " has content");
                }
            } else {
                fileEntries.add(name);
            }
        }
        if (manifestName == null || signatureFiles.isEmpty()) {
            throw new SignerException(Reason.MISSING_SIGNATURE, what + ": the jar has no JAR signature");
        }
        byte[] manifestBytes = contents.get(manifestName);
        ManifestSections manifest = ManifestSections.parse(manifestBytes, what + "!/" + manifestName);
        Map<String, ManifestSections.Section> manifestSections = new LinkedHashMap<>();
        for (ManifestSections.Section s : manifest.sections()) {
            if (manifestSections.put(s.name(), s) != null) {
                throw new SignerException(Reason.CORRUPT, what + ": the manifest has two sections for " + s.name());
            }
        }

        List<CmsSignatures.VerifiedSigner> signers = new ArrayList<>();
        Map<String, Boolean> covered = new HashMap<>();
        CmsSignatures.VerifiedSigner stranger = null;
        for (String sfName : signatureFiles) {
            String base = sfName.toUpperCase(Locale.ROOT).substring(0, sfName.length() - 3);
            String blockName = blocksByBase.remove(base);
            if (blockName == null) {
                throw new SignerException(Reason.MISSING_SIGNATURE, what + ": " + sfName + " has no signature block");
            }
            byte[] sfBytes = contents.get(sfName);
            List<CmsSignatures.VerifiedSigner> blockSigners = CmsSignatures.verifyDetachedAnySigner(
                    new CMSProcessableByteArray(sfBytes), contents.get(blockName), what + "!/" + blockName);
            boolean anchors = false;
            for (CmsSignatures.VerifiedSigner signer : blockSigners) {
                if (trust.revoked().contains(signer.key())) {
                    trust.requireTrusted(signer.key(), what + "!/" + blockName); // REVOKED_KEY
                }
                anchors |= signer.key().equals(trust.anchor());
            }
            if (!anchors) {
                stranger = stranger == null ? blockSigners.get(0) : stranger;
                continue; // another signer's signature: kept in the jar, trusted for nothing
            }
            signers.addAll(blockSigners);
            checkSignatureFile(what, sfName, sfBytes, manifestBytes, manifest, manifestSections, contents, covered);
        }
        if (signers.isEmpty()) {
            trust.requireTrusted(stranger.key(), what + "'s JAR signature"); // WRONG_SIGNER, naming the signer
        }
        if (!blocksByBase.isEmpty()) {
            throw new SignerException(
                    Reason.BAD_SIGNATURE,
                    what + ": signature block "
                            + blocksByBase.values().iterator().next() + " has no .SF file");
        }

        // Every file entry: in the manifest, covered by a .SF, with a matching strong digest.
        for (String name : fileEntries) {
            ManifestSections.Section section = manifestSections.get(name);
            if (section == null || !covered.getOrDefault(name, false)) {
                throw new SignerException(
                        Reason.UNSIGNED_ENTRY, what + ": entry " + name + " is not covered by the JAR signature");
            }
            checkDigest(what, "entry " + name, section, contents.get(name), "-Digest");
        }
        // Every signed name: present in the jar (JDK-8334261: removal is invisible to JarFile).
        for (ManifestSections.Section section : manifest.sections()) {
            boolean hasDigest = section.attributes().keySet().stream().anyMatch(a -> a.endsWith("-digest"));
            if (hasDigest && !contents.containsKey(section.name())) {
                throw new SignerException(
                        Reason.MISSING_ENTRY, what + ": signed entry " + section.name() + " is missing from the jar");
            }
        }
        crossCheckWithJdk(file, what, trust);
        return new Result(fileEntries.size(), signers);
    }

    private static void checkSignatureFile(
            String what,
            String sfName,
            byte[] sfBytes,
            byte[] manifestBytes,
            ManifestSections manifest,
            Map<String, ManifestSections.Section> manifestSections,
            Map<String, byte[]> contents,
            Map<String, Boolean> covered) {
        ManifestSections sf = ManifestSections.parse(sfBytes, what + "!/" + sfName);
        String mainDigest = strongDigestAttribute(sf.main(), "-Digest-Manifest-Main-Attributes", what + "!/" + sfName);
        if (mainDigest == null) {
            throw new SignerException(
                    Reason.MAIN_ATTRIBUTES_UNPROTECTED,
                    what + "!/" + sfName + " has no digest of the manifest's main attributes");
        }
        if (!matches(sf.main(), mainDigest, manifest.main().raw())) {
            throw new SignerException(
                    Reason.BAD_SIGNATURE, what + ": the manifest's main attributes were changed after signing");
        }
        String wholeDigest = strongDigestAttribute(sf.main(), "-Digest-Manifest", what + "!/" + sfName);
        boolean wholeManifestSigned = wholeDigest != null && matches(sf.main(), wholeDigest, manifestBytes);
        Map<String, ManifestSections.Section> sfSections = new HashMap<>();
        for (ManifestSections.Section s : sf.sections()) {
            if (sfSections.put(s.name(), s) != null) {
                throw new SignerException(Reason.CORRUPT, what + "!/" + sfName + " has two sections for " + s.name());
            }
            ManifestSections.Section m = manifestSections.get(s.name());
            if (m == null) {
                if (!contents.containsKey(s.name())) {
                    throw new SignerException(
                            Reason.MISSING_ENTRY, what + ": signed entry " + s.name() + " is missing from the jar");
                }
                throw new SignerException(
                        Reason.BAD_SIGNATURE, what + ": the manifest section of " + s.name() + " was removed");
            }
            if (!wholeManifestSigned) {
                checkDigest(what, "manifest section " + s.name(), s, m.raw(), "-Digest");
            }
        }
        for (ManifestSections.Section m : manifest.sections()) {
            if (wholeManifestSigned || sfSections.containsKey(m.name())) {
                covered.put(m.name(), true);
            }
        }
    }

    private static void checkDigest(
            String what, String subject, ManifestSections.Section section, byte[] data, String suffix) {
        String attribute = strongDigestAttribute(section, suffix, what);
        if (attribute == null) {
            throw new SignerException(Reason.UNSIGNED_ENTRY, what + ": " + subject + " has no digest");
        }
        if (!matches(section, attribute, data)) {
            throw new SignerException(
                    Reason.BAD_SIGNATURE, what + ": " + subject + " does not match its signed digest");
        }
    }

    /**
     * Finds {@code SHA-256/384/512 + suffix} in a section. A section with only MD5 or SHA-1 digests is WEAK_ALGORITHM:
     * the JDK would silently treat such a jar as unsigned (signing.md §6).
     */
    private static String strongDigestAttribute(ManifestSections.Section section, String suffix, String what) {
        String lowerSuffix = suffix.toLowerCase(Locale.ROOT);
        String weak = null;
        for (String attribute : section.attributes().keySet()) {
            if (!attribute.endsWith(lowerSuffix)) {
                continue;
            }
            String algorithm = attribute
                    .substring(0, attribute.length() - lowerSuffix.length())
                    .toUpperCase(Locale.ROOT);
            if (SignatureAlgorithms.STRONG_JAR_DIGESTS.containsKey(algorithm)) {
                return attribute;
            }
            weak = algorithm;
        }
        if (weak != null) {
            throw new SignerException(
                    Reason.WEAK_ALGORITHM, what + ": uses digest " + weak + " only (SHA-256 or stronger required)");
        }
        return null;
    }

    private static boolean matches(ManifestSections.Section section, String attribute, byte[] data) {
        String algorithm = attribute.substring(0, attribute.indexOf("-digest")).toUpperCase(Locale.ROOT);
        try {
            byte[] expected = Base64.getDecoder()
                    .decode(section.attributes().get(attribute).trim());
            return MessageDigest.isEqual(
                    expected, MessageDigest.getInstance(algorithm).digest(data));
        } catch (IllegalArgumentException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The second view: the JDK's {@link JarFile} must see every file entry as signed, by the anchor only. A jar the JDK
     * would load as partly unsigned is refused even if the checks above passed.
     */
    private static void crossCheckWithJdk(Path file, String what, TrustPolicy trust) {
        try (JarFile jar = new JarFile(file.toFile(), true)) {
            Enumeration<JarEntry> entries = jar.entries();
            byte[] buffer = new byte[8192];
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || JarSignatureWriter.isSignatureRelated(entry.getName())) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // Reading to the end is what makes JarFile verify the entry.
                    }
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    throw new SignerException(
                            Reason.UNSIGNED_ENTRY, what + ": the JDK sees entry " + entry.getName() + " as unsigned");
                }
                Fingerprint other = null;
                boolean byAnchor = false;
                for (CodeSigner signer : signers) {
                    Certificate certificate =
                            signer.getSignerCertPath().getCertificates().get(0);
                    Fingerprint key = Fingerprint.of(certificate.getPublicKey());
                    if (trust.revoked().contains(key)) {
                        trust.requireTrusted(key, what + " entry " + entry.getName()); // REVOKED_KEY
                    }
                    byAnchor |= key.equals(trust.anchor());
                    other = key;
                }
                if (!byAnchor) {
                    trust.requireTrusted(other, what + " entry " + entry.getName()); // WRONG_SIGNER
                }
            }
        } catch (SecurityException e) {
            throw new SignerException(
                    Reason.BAD_SIGNATURE, what + ": the JDK rejects the signature: " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new SignerException(Reason.CORRUPT, what + ": corrupt zip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new SignerException(Reason.CORRUPT, what + ": unreadable jar (" + e.getMessage() + ")", e);
        }
    }
}
