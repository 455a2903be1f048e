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

    /**
     * True when {@code bytes} are meant as a trust file rather than a certificate: they mention the trust file's
     * marker anywhere (a trust file whose lines were reordered is still one, and is then refused by the strict parser,
     * not read as a certificate).
     */
    public static boolean looksLikeTrustFile(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).contains(MAGIC + ":");
    }

    public static TrustFile read(Path file) {
        return parse(SigningKeyLoader.readInput(file, "trust file"), file.toString());
    }

    /** Parses a trust file's bytes (at most the signature-size limit: {@link SigningKeyLoader#readInput}). */
    static TrustFile parse(byte[] bytes, String what) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new SignerException(Reason.BAD_INPUT, what + ": a trust file is UTF-8 text", e);
        }
        return parse(text, what);
    }

    /**
     * The one parser of trust files, strict: the marker line comes first; {@code sequence}, {@code anchor} and
     * {@code anchor-certificate} appear exactly once; {@code retired} and {@code revoked} as often as needed, never
     * twice with one key; no other field, no malformed value, no negative sequence. Anything else is refused, never
     * read with a guess (the last of two anchors, say).
     */
    static TrustFile parse(String text, String what) {
        Integer version = null;
        Long sequence = null;
        Fingerprint anchor = null;
        X509Certificate certificate = null;
        List<Fingerprint> retired = new ArrayList<>();
        Set<Fingerprint> revoked = new LinkedHashSet<>();
        int lineNumber = 0;
        for (String raw : text.split("\n", -1)) {
            lineNumber++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw bad(what, lineNumber, "is not 'field: value'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (version == null && !key.equals(MAGIC)) {
                throw bad(what, lineNumber, "comes before the '" + MAGIC + ": " + FORMAT_VERSION + "' line");
            }
            try {
                switch (key) {
                    case MAGIC -> {
                        if (version != null) {
                            throw bad(what, lineNumber, "repeats the format version");
                        }
                        version = Integer.parseInt(value);
                        if (version != FORMAT_VERSION) {
                            throw new SignerException(
                                    Reason.BAD_INPUT,
                                    what + ": trust file version " + version + ", this build reads version "
                                            + FORMAT_VERSION);
                        }
                    }
                    case "sequence" -> {
                        if (sequence != null) {
                            throw bad(what, lineNumber, "repeats the sequence");
                        }
                        sequence = Long.parseLong(value);
                        if (sequence < 0) {
                            throw bad(what, lineNumber, "has a negative sequence");
                        }
                    }
                    case "anchor" -> {
                        if (anchor != null) {
                            throw bad(what, lineNumber, "names a second anchor");
                        }
                        anchor = fingerprint(value, what, lineNumber);
                    }
                    case "anchor-certificate" -> {
                        if (certificate != null) {
                            throw bad(what, lineNumber, "holds a second anchor certificate");
                        }
                        certificate = certificate(value, what, lineNumber);
                    }
                    case "retired" -> {
                        Fingerprint f = fingerprint(value, what, lineNumber);
                        if (retired.contains(f)) {
                            throw bad(what, lineNumber, "retires a key twice");
                        }
                        retired.add(f);
                    }
                    case "revoked" -> {
                        if (!revoked.add(fingerprint(value, what, lineNumber))) {
                            throw bad(what, lineNumber, "revokes a key twice");
                        }
                    }
                    default -> throw bad(what, lineNumber, "has an unknown field '" + key + "'");
                }
            } catch (NumberFormatException | ClassCastException e) {
                throw new SignerException(
                        Reason.BAD_INPUT, what + ": line " + lineNumber + ": bad value for '" + key + "'", e);
            } catch (IllegalArgumentException e) {
                // java.util.Base64: not base64 at all
                throw new SignerException(
                        Reason.BAD_INPUT, what + ": line " + lineNumber + ": '" + key + "' is not base64", e);
            }
        }
        if (version == null) {
            throw new SignerException(
                    Reason.BAD_INPUT, what + ": not a version " + FORMAT_VERSION + " liveupdate trust file");
        }
        if (sequence == null || anchor == null || certificate == null) {
            throw new SignerException(
                    Reason.BAD_INPUT, what + ": trust file lacks sequence, anchor or anchor-certificate");
        }
        if (retired.contains(anchor) || revoked.contains(anchor)) {
            throw new SignerException(Reason.BAD_INPUT, what + ": the anchor is also retired or revoked");
        }
        return new TrustFile(sequence, anchor, certificate, retired, revoked);
    }

    private static X509Certificate certificate(String base64, String what, int line) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SignerException(
                    Reason.BAD_INPUT, what + ": line " + line + ": 'anchor-certificate' is not base64", e);
        }
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            // The JDK's parser throws unchecked exceptions for some malformed keys (an empty Ed25519 key: found by
            // SignerFuzzTest), so any exception of it means the same thing.
            throw new SignerException(
                    Reason.BAD_INPUT,
                    what + ": line " + line + ": 'anchor-certificate' is not an X.509 certificate",
                    e);
        }
    }

    private static SignerException bad(String what, int line, String problem) {
        return new SignerException(Reason.BAD_INPUT, what + ": line " + line + " " + problem);
    }

    private static Fingerprint fingerprint(String value, String what, int line) {
        if (!Fingerprint.looksLikeFingerprint(value)) {
            throw bad(what, line, "holds '" + value + "', not a 64-hex-digit key fingerprint");
        }
        return Fingerprint.parse(value);
    }

    /**
     * The key this file's chain of rotations started from (the first retired anchor, or the anchor): what identifies
     * one trust file across its versions, for the rollback memory of {@link TrustState}.
     */
    public Fingerprint root() {
        return retired.isEmpty() ? anchor : retired.get(0);
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
        AtomicFiles.write(file, out -> out.write(bytes), AtomicFiles.Visibility.PUBLIC);
    }
}
