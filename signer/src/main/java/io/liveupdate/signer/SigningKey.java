package io.liveupdate.signer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;

/**
 * A private key with its certificate chain (the signer's certificate first), held in memory or on a PKCS#11 token.
 *
 * @param privateKey the key; for a token, a handle that never leaves it
 * @param chain the signer's certificate first
 * @param provider the JCA provider that owns the key (a SunPKCS11 instance for tokens), or null for software keys
 */
public record SigningKey(PrivateKey privateKey, List<X509Certificate> chain, Provider provider) {
    public SigningKey {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new SignerException(SignerException.Reason.BAD_INPUT, "a signing key needs its certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public PublicKey publicKey() {
        return certificate().getPublicKey();
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(certificate());
    }

    ContentSigner contentSigner(boolean rsaPss) {
        return SignatureAlgorithms.contentSigner(privateKey, publicKey(), provider, rsaPss);
    }

    /**
     * Throws KEY_CERTIFICATE_MISMATCH unless the private key belongs to the certificate, by signing a fixed message and
     * verifying it with the certificate's key (works for token keys, whose private parts cannot be compared).
     */
    public void requireMatchingCertificate() {
        String name = SignatureAlgorithms.signatureAlgorithm(publicKey(), false);
        byte[] probe = "liveupdate key/certificate match".getBytes(StandardCharsets.US_ASCII);
        try {
            ContentSigner signer = contentSigner(false);
            signer.getOutputStream().write(probe);
            byte[] sig = signer.getSignature();
            Signature verifier = Signature.getInstance(name, SignatureAlgorithms.BC);
            verifier.initVerify(publicKey());
            verifier.update(probe);
            if (!verifier.verify(sig)) {
                throw new SignerException(
                        SignerException.Reason.KEY_CERTIFICATE_MISMATCH,
                        "the private key does not belong to certificate "
                                + certificate().getSubjectX500Principal());
            }
        } catch (GeneralSecurityException | java.io.IOException | SignerException e) {
            if (e instanceof SignerException se && se.reason() == SignerException.Reason.KEY_CERTIFICATE_MISMATCH) {
                throw se;
            }
            throw new SignerException(
                    SignerException.Reason.KEY_CERTIFICATE_MISMATCH,
                    "the private key does not belong to certificate "
                            + certificate().getSubjectX500Principal(),
                    e);
        }
    }
}
