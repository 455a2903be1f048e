package io.liveupdate.signer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A key fingerprint as DESIGN.md defines it: SHA-256 of the DER SubjectPublicKeyInfo, in lower-case hex. Pinning the
 * key rather than a certificate lets the same pin cover the X.509 certificate, the JAR and CMS signatures and an
 * OpenPGP key made from the same key pair.
 */
public record Fingerprint(String hex) {
    public Fingerprint {
        hex = hex.toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new SignerException(
                    SignerException.Reason.BAD_INPUT, "a fingerprint is 64 hex digits (SHA-256), got '" + hex + "'");
        }
    }

    /** Parses 64 hex digits, allowing ':' separators and an optional {@code sha256:} prefix. */
    public static Fingerprint parse(String text) {
        String t = text.trim();
        if (t.regionMatches(true, 0, "sha256:", 0, 7)) {
            t = t.substring(7);
        }
        return new Fingerprint(t.replace(":", ""));
    }

    public static boolean looksLikeFingerprint(String text) {
        String t = text.trim();
        if (t.regionMatches(true, 0, "sha256:", 0, 7)) {
            t = t.substring(7);
        }
        return t.replace(":", "").matches("[0-9a-fA-F]{64}");
    }

    public static Fingerprint of(PublicKey key) {
        // Re-encode through SubjectPublicKeyInfo so JDK and Bouncy Castle key objects give the same bytes.
        return ofSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    }

    public static Fingerprint of(X509Certificate certificate) {
        return of(certificate.getPublicKey());
    }

    public static Fingerprint ofSubjectPublicKeyInfo(SubjectPublicKeyInfo info) {
        try {
            byte[] der = info.getEncoded("DER");
            return new Fingerprint(HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
        } catch (java.io.IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot encode a public key", e);
        }
    }

    /** The first 16 hex digits, for messages. */
    public String shortForm() {
        return hex.substring(0, 16);
    }

    @Override
    public String toString() {
        return hex;
    }
}
