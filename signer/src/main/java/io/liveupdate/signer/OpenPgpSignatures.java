package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Armored, detached OpenPGP v4 signatures ({@code FILE.asc}) as {@code gpg --detach-sign --armor} makes them, over the
 * file's bytes (signature type binary document). Following maven-gpg-plugin's BcSigner, the issuer fingerprint is a
 * hashed subpacket. OpenPGP requires a creation time (RFC 4880 §5.2.3.4); it is set to the key's creation time so that
 * Ed25519 signatures of the same file stay reproducible: it says nothing about when the file was signed.
 */
public final class OpenPgpSignatures {
    private static final Set<Integer> STRONG_HASHES =
            Set.of(HashAlgorithmTags.SHA256, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA512);

    private OpenPgpSignatures() {}

    /** Signs {@code data} and returns the armored signature. */
    public static byte[] sign(OpenPgpKeys.UnlockedKey key, byte[] data) {
        try {
            PGPPublicKey publicKey = key.publicKey();
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new JcaPGPContentSignerBuilder(publicKey.getAlgorithm(), OpenPgpKeys.hashAlgorithm(publicKey))
                            .setProvider(SignatureAlgorithms.BC),
                    publicKey);
            generator.init(PGPSignature.BINARY_DOCUMENT, key.privateKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, publicKey.getCreationTime());
            hashed.setIssuerFingerprint(false, publicKey);
            generator.setHashedSubpackets(hashed.generate());
            PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
            unhashed.setIssuerKeyID(false, publicKey.getKeyID());
            generator.setUnhashedSubpackets(unhashed.generate());
            generator.update(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armored = OpenPgpKeys.armored(out);
                    BCPGOutputStream packets = new BCPGOutputStream(armored)) {
                generator.generate().encode(packets);
            }
            return out.toByteArray();
        } catch (PGPException | IOException e) {
            throw new SignerException(Reason.BAD_INPUT, "cannot create the OpenPGP signature: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies every signature in an armored or binary detached signature: type binary document, a SHA-256+ hash, made
     * by a key in {@code keys} whose key pair is the pinned anchor, not revoked.
     */
    public static Fingerprint verify(
            byte[] data, byte[] signature, List<PGPPublicKey> keys, TrustPolicy trust, String what) {
        List<PGPSignature> signatures = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
            PGPObjectFactory factory = new PGPObjectFactory(in, new JcaKeyFingerprintCalculator());
            Object object;
            while ((object = factory.nextObject()) != null) {
                if (object instanceof PGPCompressedData compressed) {
                    factory = new PGPObjectFactory(compressed.getDataStream(), new JcaKeyFingerprintCalculator());
                } else if (object instanceof PGPSignatureList list) {
                    list.forEach(signatures::add);
                } else {
                    throw new SignerException(Reason.CORRUPT, what + ": not a detached OpenPGP signature");
                }
            }
        } catch (SignerException e) {
            throw e;
        } catch (IOException | PGPException | RuntimeException e) {
            throw new SignerException(Reason.CORRUPT, what + ": not a readable OpenPGP signature", e);
        }
        if (signatures.isEmpty()) {
            throw new SignerException(Reason.CORRUPT, what + ": holds no OpenPGP signature");
        }
        Fingerprint signer = null;
        for (PGPSignature sig : signatures) {
            if (sig.getSignatureType() != PGPSignature.BINARY_DOCUMENT) {
                throw new SignerException(
                        Reason.BAD_SIGNATURE,
                        what + ": signature type " + sig.getSignatureType() + " is not a binary document");
            }
            if (!STRONG_HASHES.contains(sig.getHashAlgorithm())) {
                throw new SignerException(
                        Reason.WEAK_ALGORITHM,
                        what + ": OpenPGP hash algorithm " + sig.getHashAlgorithm()
                                + " (SHA-256 or stronger required)");
            }
            PGPPublicKey key = keys.stream()
                    .filter(k -> k.getKeyID() == sig.getKeyID())
                    .findFirst()
                    .orElseThrow(() -> new SignerException(
                            Reason.WRONG_SIGNER,
                            what + ": made by OpenPGP key " + Long.toHexString(sig.getKeyID())
                                    + ", not by the given key"));
            Fingerprint fingerprint = OpenPgpKeys.fingerprint(key);
            SignatureAlgorithms.requireStrongKey(
                    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(publicKeyEncoding(key)), what);
            trust.requireTrusted(fingerprint, what);
            if (key.hasRevocation()) {
                throw new SignerException(Reason.REVOKED_KEY, what + ": the OpenPGP key is revoked");
            }
            try {
                sig.init(new JcaPGPContentVerifierBuilderProvider().setProvider(SignatureAlgorithms.BC), key);
                sig.update(data);
                if (!sig.verify()) {
                    throw new SignerException(Reason.BAD_SIGNATURE, what + ": signature does not verify");
                }
            } catch (PGPException e) {
                throw new SignerException(Reason.BAD_SIGNATURE, what + ": signature does not verify", e);
            }
            signer = fingerprint;
        }
        return signer;
    }

    private static byte[] publicKeyEncoding(PGPPublicKey key) {
        try {
            return new org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyConverter()
                    .setProvider(SignatureAlgorithms.BC)
                    .getPublicKey(key)
                    .getEncoded();
        } catch (PGPException e) {
            throw new SignerException(Reason.BAD_INPUT, "unusable OpenPGP key", e);
        }
    }
}
