package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The trust file: the current anchor (with its certificate), a sequence number that every accepted statement raises by
 * one, the anchors it replaced, and revoked keys. It moves forward only through signed statements
 * ({@link TrustStatements}), TUF-root style: a rotation signed by the old and the new key, a revocation signed by the
 * anchor. The format (version 1, UTF-8 text, one {@code key: value} per line, '#' comments) is in docs/security.md.
 *
 * @param sequence how many statements were applied since the file was created
 * @param anchor the only key verification accepts
 * @param anchorCertificate the anchor's certificate
 * @param retired earlier anchors, oldest first
 * @param revoked keys that are never accepted again
 */
public record TrustFile(
        long sequence,
        Fingerprint anchor,
        X509Certificate anchorCertificate,
        List<Fingerprint> retired,
        Set<Fingerprint> revoked) {
    public static final int FORMAT_VERSION = 1;
    static final String MAGIC = "liveupdate-trust";

    public TrustFile {
        retired = List.copyOf(retired);
        revoked = Set.copyOf(new LinkedHashSet<>(revoked));
        if (!Fingerprint.of(anchorCertificate).equals(anchor)) {
            throw new SignerException(Reason.BAD_INPUT, "trust file: the anchor certificate does not match the anchor");
        }
    }

    /** A new trust file pinning {@code certificate}. */
    public static TrustFile create(X509Certificate certificate) {
        return new TrustFile(0, Fingerprint.of(certificate), certificate, List.of(), Set.of());
    }

    public TrustPolicy policy() {
        return new TrustPolicy(anchor, revoked);
    }

    /** True when {@code bytes} look like a trust file rather than a certificate. */
    public static boolean looksLikeTrustFile(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.UTF_8);
        return head.contains(MAGIC + ":");
    }

    public static TrustFile read(Path file) {
        byte[] bytes = SigningKeyLoader.readInput(file, "trust file");
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    static TrustFile parse(String text, String what) {
        Integer version = null;
        Long sequence = null;
        Fingerprint anchor = null;
        X509Certificate certificate = null;
        List<Fingerprint> retired = new ArrayList<>();
        Set<Fingerprint> revoked = new LinkedHashSet<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new SignerException(Reason.BAD_INPUT, what + ": malformed trust file line '" + line + "'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            try {
                switch (key) {
                    case MAGIC -> version = Integer.parseInt(value);
                    case "sequence" -> sequence = Long.parseLong(value);
                    case "anchor" -> anchor = Fingerprint.parse(value);
                    case "anchor-certificate" ->
                        certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                                .generateCertificate(new ByteArrayInputStream(
                                        Base64.getDecoder().decode(value)));
                    case "retired" -> retired.add(Fingerprint.parse(value));
                    case "revoked" -> revoked.add(Fingerprint.parse(value));
                    default ->
                        throw new SignerException(Reason.BAD_INPUT, what + ": unknown trust file field '" + key + "'");
                }
            } catch (NumberFormatException | CertificateException e) {
                throw new SignerException(Reason.BAD_INPUT, what + ": bad value for '" + key + "'", e);
            }
        }
        if (version == null || version != FORMAT_VERSION) {
            throw new SignerException(
                    Reason.BAD_INPUT, what + ": not a version " + FORMAT_VERSION + " liveupdate trust file");
        }
        if (sequence == null || anchor == null || certificate == null) {
            throw new SignerException(
                    Reason.BAD_INPUT, what + ": trust file lacks sequence, anchor or anchor-certificate");
        }
        return new TrustFile(sequence, anchor, certificate, retired, revoked);
    }

    /** The file's text: deterministic, so equal trust states give equal files. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(
                "# liveupdate trust file: the pinned anchor. Change it only with 'liveupdate trust rotate|revoke'.\n");
        out.append(MAGIC).append(": ").append(FORMAT_VERSION).append('\n');
        out.append("sequence: ").append(sequence).append('\n');
        out.append("anchor: ").append(anchor).append('\n');
        try {
            out.append("anchor-certificate: ")
                    .append(Base64.getEncoder().encodeToString(anchorCertificate.getEncoded()))
                    .append('\n');
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        retired.forEach(f -> out.append("retired: ").append(f).append('\n'));
        revoked.stream().map(Fingerprint::hex).sorted().forEach(f -> out.append("revoked: ")
                .append(f)
                .append('\n'));
        return out.toString();
    }

    public void write(Path file) {
        byte[] bytes = format().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
