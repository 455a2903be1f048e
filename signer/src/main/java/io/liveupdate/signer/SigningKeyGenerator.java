package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * Creates a release signing key: a key pair, a self-signed X.509 certificate for code signing, and optionally an
 * OpenPGP v4 key made from the same key pair (so that one pinned fingerprint covers all three signature forms).
 */
public final class SigningKeyGenerator {
    /** File names DESIGN.md fixes for {@code liveupdate keygen}. */
    public static final String PRIVATE_KEY = "private-key.pem";

    public static final String CERTIFICATE = "certificate.pem";
    public static final String PGP_SECRET = "pgp-secret.asc";
    public static final String PGP_PUBLIC = "pgp-public.asc";

    /** Code-signing certificates are usually issued for at most three years. */
    private static final Duration VALIDITY = Duration.ofDays(3 * 365);

    private SigningKeyGenerator() {}

    /** What keygen wrote. */
    public record GeneratedKey(SigningKey key, List<Path> files) {}

    /**
     * Generates a key and writes it to {@code dir}; with a non-null passphrase the private key files are encrypted
     * (PKCS#8 PBES2 with AES-256-CBC and HMAC-SHA256; OpenPGP S2K with AES-256).
     *
     * @param subject the certificate subject and OpenPGP user id, an X.500 distinguished name; null for one that names
     *     the key, {@code CN=liveupdate <first 16 hex digits of its fingerprint>}, so that no two keys share a subject
     * @throws SignerException {@code BAD_INPUT} when {@code subject} is not a distinguished name
     */
    public static GeneratedKey generate(
            KeyAlgorithm algorithm, Path dir, char[] passphrase, boolean pgp, String subject) {
        if (subject != null) {
            requireDistinguishedName(subject);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SignerException(Reason.OUTPUT_FAILED, dir + ": cannot create directory: " + e.getMessage(), e);
        }
        for (String name : pgp ? List.of(PRIVATE_KEY, CERTIFICATE, PGP_SECRET, PGP_PUBLIC) : List.of(PRIVATE_KEY)) {
            if (Files.exists(dir.resolve(name))) {
                throw new SignerException(
                        Reason.BAD_INPUT, dir.resolve(name) + ": already exists; keygen never overwrites a key");
            }
        }
        KeyPair pair = generateKeyPair(algorithm);
        Instant now = Instant.now();
        if (subject == null) {
            subject = "CN=liveupdate " + Fingerprint.of(pair.getPublic()).hex().substring(0, 16);
        }
        X509Certificate certificate = selfSignedCertificate(pair, subject, now);
        SigningKey key = new SigningKey(pair.getPrivate(), List.of(certificate), null);
        try (AtomicFiles files = new AtomicFiles()) {
            files.stage(dir.resolve(PRIVATE_KEY), out -> writePrivateKey(pair, passphrase, out));
            files.stage(dir.resolve(CERTIFICATE), out -> writePem(certificate, out), AtomicFiles.Visibility.PUBLIC);
            if (pgp) {
                OpenPgpKeys.KeyRings rings = OpenPgpKeys.generate(pair, subject, Date.from(now), passphrase);
                files.stage(dir.resolve(PGP_SECRET), rings::writeSecret);
                files.stage(dir.resolve(PGP_PUBLIC), rings::writePublic, AtomicFiles.Visibility.PUBLIC);
            }
            files.commit();
        }
        List<Path> written = pgp
                ? List.of(
                        dir.resolve(PRIVATE_KEY),
                        dir.resolve(CERTIFICATE),
                        dir.resolve(PGP_SECRET),
                        dir.resolve(PGP_PUBLIC))
                : List.of(dir.resolve(PRIVATE_KEY), dir.resolve(CERTIFICATE));
        return new GeneratedKey(key, written);
    }

    /** Refuses a subject that is not an X.500 distinguished name ({@code CN=Release key, O=Example}). */
    static void requireDistinguishedName(String subject) {
        try {
            if (subject.isBlank() || new X500Name(subject).getRDNs().length == 0) {
                throw new IllegalArgumentException("empty");
            }
        } catch (IllegalArgumentException e) {
            throw new SignerException(
                    Reason.BAD_INPUT,
                    "subject '" + subject + "' is not a distinguished name (for example CN=Release key, O=Example)",
                    e);
        }
    }

    /** Generates a key pair of the given kind with Bouncy Castle. */
    public static KeyPair generateKeyPair(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator generator;
            switch (algorithm) {
                case ED25519 -> generator = KeyPairGenerator.getInstance("Ed25519", SignatureAlgorithms.BC);
                case EC_P256 -> {
                    generator = KeyPairGenerator.getInstance("EC", SignatureAlgorithms.BC);
                    generator.initialize(new ECGenParameterSpec("P-256"), new SecureRandom());
                }
                case EC_P384 -> {
                    generator = KeyPairGenerator.getInstance("EC", SignatureAlgorithms.BC);
                    generator.initialize(new ECGenParameterSpec("P-384"), new SecureRandom());
                }
                case RSA_3072 -> {
                    generator = KeyPairGenerator.getInstance("RSA", SignatureAlgorithms.BC);
                    generator.initialize(
                            new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), new SecureRandom());
                }
                default -> throw new IllegalArgumentException(algorithm.toString());
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle cannot generate " + algorithm, e);
        }
    }

    /**
     * A self-signed certificate with key usage digitalSignature and extended key usage codeSigning (DESIGN.md), which
     * {@code jarsigner -strict} accepts once the certificate is in its trust store (signing.md §8).
     */
    public static X509Certificate selfSignedCertificate(KeyPair pair, String subject, Instant notBefore) {
        return selfSignedCertificate(
                pair, subject, notBefore, new BigInteger(127, new SecureRandom()).add(BigInteger.ONE));
    }

    /** As above with a given serial number, for reproducible test fixtures. */
    static X509Certificate selfSignedCertificate(KeyPair pair, String subject, Instant notBefore, BigInteger serial) {
        try {
            X500Name name = new X500Name(subject);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name,
                    serial,
                    Date.from(notBefore.minus(Duration.ofMinutes(5))),
                    Date.from(notBefore.plus(VALIDITY)),
                    name,
                    pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(
                            SignatureAlgorithms.contentSigner(pair.getPrivate(), pair.getPublic(), null, false)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a certificate", e);
        }
    }

    private static void writePrivateKey(KeyPair pair, char[] passphrase, java.io.OutputStream out) throws IOException {
        try {
            OutputEncryptor encryptor = null;
            if (passphrase != null && passphrase.length > 0) {
                encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                        .setProvider(SignatureAlgorithms.BC)
                        .setPRF(PKCS8Generator.PRF_HMACSHA256)
                        .setIterationCount(200_000)
                        .setPassword(Arrays.copyOf(passphrase, passphrase.length))
                        .build();
            }
            // PKCS#8 version 1, without the optional public key of version 2 (RFC 5958): OpenSSL 3.0 cannot read
            // Bouncy Castle's version-2 Ed25519 encoding ("unsupported"), and no reader needs the public key there.
            org.bouncycastle.asn1.pkcs.PrivateKeyInfo full = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(
                    pair.getPrivate().getEncoded());
            org.bouncycastle.asn1.pkcs.PrivateKeyInfo plain = new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(
                    full.getPrivateKeyAlgorithm(), full.parsePrivateKey());
            Writer writer = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
            try (JcaPEMWriter pem = new JcaPEMWriter(writer)) {
                pem.writeObject(new PKCS8Generator(plain, encryptor));
            }
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot encrypt the private key", e);
        }
    }

    static void writePem(Object object, java.io.OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
        try (JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(new JcaMiscPEMGenerator(object));
        }
    }
}
