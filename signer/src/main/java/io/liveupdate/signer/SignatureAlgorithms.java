package io.liveupdate.signer;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Which signature algorithm a key signs with, and which algorithms a verifier accepts. The accepted list follows
 * ../shared/reference/signing.md §7.4 (SHA-256 or stronger; RSA at least 2048 bits; EC P-256/P-384/P-521; Ed25519)
 * and the JDK's {@code jdk.jar.disabledAlgorithms}, which treats MD5 and SHA-1 signed jars as unsigned.
 */
final class SignatureAlgorithms {
    /** One Bouncy Castle provider instance, never installed globally so that the host application is unaffected. */
    static final Provider BC = new BouncyCastleProvider();

    static final Set<ASN1ObjectIdentifier> STRONG_DIGESTS =
            Set.of(NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    /** Manifest and .SF digest attribute prefixes that count as strong (JAR spec: {@code x-Digest}). */
    static final Map<String, String> STRONG_JAR_DIGESTS =
            Map.of("SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");

    static final int MIN_RSA_BITS_VERIFY = 2048;
    static final int MIN_RSA_BITS_SIGN = 3072;

    private SignatureAlgorithms() {}

    /** The JCA name of the signature algorithm for this key, for example {@code SHA256withECDSA}. */
    static String signatureAlgorithm(PublicKey key, boolean rsaPss) {
        String alg = key.getAlgorithm();
        if (alg.equals("Ed25519") || alg.equals("EdDSA")) {
            return "Ed25519";
        }
        if (alg.equals("EC") || alg.equals("ECDSA")) {
            int bits = ((ECKey) key).getParams().getCurve().getField().getFieldSize();
            return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        if (alg.equals("RSA")) {
            int bits = ((RSAKey) key).getModulus().bitLength();
            if (bits < MIN_RSA_BITS_SIGN) {
                throw new SignerException(
                        SignerException.Reason.BAD_INPUT,
                        "RSA keys for signing need at least " + MIN_RSA_BITS_SIGN + " bits, this one has " + bits);
            }
            return rsaPss ? "SHA256withRSAandMGF1" : "SHA256withRSA";
        }
        throw new SignerException(
                SignerException.Reason.BAD_INPUT,
                "unsupported key algorithm " + alg + " (use Ed25519, ECDSA P-256/P-384 or RSA >= 3072)");
    }

    /** The block file extension the JAR spec and jarsigner use for this key (signing.md §1). */
    static String jarBlockExtension(PublicKey key) {
        return key.getAlgorithm().equals("RSA") ? "RSA" : "EC";
    }

    /**
     * A content signer over a JCA {@link Signature}. ECDSA with Bouncy Castle uses the deterministic RFC 6979 variant
     * ({@code ECDDSA}), so that signing the same bytes twice gives the same signature; a PKCS#11 token signs with its
     * own (randomised) ECDSA.
     */
    static ContentSigner contentSigner(PrivateKey key, PublicKey publicKey, Provider provider, boolean rsaPss) {
        String name = signatureAlgorithm(publicKey, rsaPss);
        AlgorithmIdentifier id = new DefaultSignatureAlgorithmIdentifierFinder().find(name);
        String jcaName = name;
        Provider p = provider == null ? BC : provider;
        if (provider == null && name.endsWith("withECDSA")) {
            jcaName = name.replace("withECDSA", "withECDDSA");
        }
        if (provider != null && rsaPss) {
            throw new SignerException(SignerException.Reason.BAD_INPUT, "RSA-PSS is not supported with PKCS#11 keys");
        }
        try {
            Signature signature = Signature.getInstance(jcaName, p);
            signature.initSign(key);
            return new ContentSigner() {
                private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

                @Override
                public AlgorithmIdentifier getAlgorithmIdentifier() {
                    return id;
                }

                @Override
                public OutputStream getOutputStream() {
                    return buffer;
                }

                @Override
                public byte[] getSignature() {
                    try {
                        signature.update(buffer.toByteArray());
                        buffer.reset();
                        return signature.sign();
                    } catch (GeneralSecurityException e) {
                        throw new SignerException(
                                SignerException.Reason.BAD_INPUT, "the key cannot sign with " + name + ": " + e, e);
                    }
                }
            };
        } catch (GeneralSecurityException e) {
            throw new SignerException(
                    SignerException.Reason.BAD_INPUT, "the key cannot sign with " + name + ": " + e.getMessage(), e);
        }
    }

    /** Throws WEAK_ALGORITHM unless the digest algorithm is SHA-256, SHA-384 or SHA-512. */
    static void requireStrongDigest(AlgorithmIdentifier digest, String where) {
        if (!STRONG_DIGESTS.contains(digest.getAlgorithm())) {
            throw new SignerException(
                    SignerException.Reason.WEAK_ALGORITHM,
                    where + " uses digest " + digestName(digest.getAlgorithm()) + " (SHA-256 or stronger required)");
        }
    }

    /** Throws WEAK_ALGORITHM unless the signature algorithm and key are on the accepted list. */
    static void requireStrongSignature(AlgorithmIdentifier signature, SubjectPublicKeyInfo key, String where) {
        ASN1ObjectIdentifier oid = signature.getAlgorithm();
        boolean ok;
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            ok = true;
        } else if (oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA256)
                || oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA384)
                || oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA512)) {
            ok = true;
        } else if (oid.equals(PKCSObjectIdentifiers.sha256WithRSAEncryption)
                || oid.equals(PKCSObjectIdentifiers.sha384WithRSAEncryption)
                || oid.equals(PKCSObjectIdentifiers.sha512WithRSAEncryption)) {
            ok = true;
        } else if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            RSASSAPSSparams params = RSASSAPSSparams.getInstance(signature.getParameters());
            ok = STRONG_DIGESTS.contains(params.getHashAlgorithm().getAlgorithm());
        } else if (oid.equals(PKCSObjectIdentifiers.rsaEncryption) || oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            // CMS SignerInfo may name the key algorithm and leave the hash to the digest algorithm field.
            ok = true;
        } else {
            ok = false;
        }
        if (!ok) {
            throw new SignerException(
                    SignerException.Reason.WEAK_ALGORITHM,
                    where + " uses signature algorithm " + oid + ", not accepted");
        }
        requireStrongKey(key, where);
    }

    /** Throws WEAK_ALGORITHM for RSA below 2048 bits or EC curves other than P-256/P-384/P-521. */
    static void requireStrongKey(SubjectPublicKeyInfo key, String where) {
        ASN1ObjectIdentifier alg = key.getAlgorithm().getAlgorithm();
        if (alg.equals(PKCSObjectIdentifiers.rsaEncryption) || alg.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            try {
                int bits = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(key.parsePublicKey())
                        .getModulus()
                        .bitLength();
                if (bits < MIN_RSA_BITS_VERIFY) {
                    throw new SignerException(
                            SignerException.Reason.WEAK_ALGORITHM,
                            where + " uses a " + bits + "-bit RSA key (at least " + MIN_RSA_BITS_VERIFY + " required)");
                }
            } catch (java.io.IOException e) {
                throw new SignerException(SignerException.Reason.CORRUPT, where + ": unreadable RSA key", e);
            }
        } else if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            Object curve = key.getAlgorithm().getParameters();
            boolean named = curve instanceof ASN1ObjectIdentifier c
                    && (c.equals(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1)
                            || c.equals(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp384r1)
                            || c.equals(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp521r1));
            if (!named) {
                throw new SignerException(
                        SignerException.Reason.WEAK_ALGORITHM, where + " uses an EC curve other than P-256/384/521");
            }
        } else if (!alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
            throw new SignerException(
                    SignerException.Reason.WEAK_ALGORITHM, where + " uses key algorithm " + alg + ", not accepted");
        }
    }

    static String digestName(ASN1ObjectIdentifier oid) {
        if (oid.equals(org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1)) {
            return "SHA-1";
        }
        if (oid.equals(PKCSObjectIdentifiers.md5)) {
            return "MD5";
        }
        if (oid.equals(NISTObjectIdentifiers.id_sha256)) {
            return "SHA-256";
        }
        if (oid.equals(NISTObjectIdentifiers.id_sha384)) {
            return "SHA-384";
        }
        if (oid.equals(NISTObjectIdentifiers.id_sha512)) {
            return "SHA-512";
        }
        return oid.getId();
    }
}
