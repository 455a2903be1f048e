package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyConverter;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;

/**
 * OpenPGP v4 keys made from a JCA key pair, in the forms GnuPG 2.2 reads: the legacy EdDSA algorithm (22) for
 * Ed25519, ECDSA (19) for NIST curves, RSA (1), and secret keys protected with iterated-salted S2K, AES-256 and a SHA-1
 * checksum. Bouncy Castle's new-API defaults (v6 keys, AEAD protection) are avoided because GnuPG 2.2 cannot read them
 * (signing.md §8).
 */
public final class OpenPgpKeys {
    private OpenPgpKeys() {}

    /** A generated secret and public key ring, written armored. */
    public record KeyRings(PGPSecretKeyRing secret, PGPPublicKeyRing publicRing) {
        public void writeSecret(OutputStream out) throws IOException {
            try (ArmoredOutputStream armored = armored(out)) {
                secret.encode(armored);
            }
        }

        public void writePublic(OutputStream out) throws IOException {
            try (ArmoredOutputStream armored = armored(out)) {
                publicRing.encode(armored);
            }
        }
    }

    /** A secret signing key with its public key, unlocked. */
    public record UnlockedKey(PGPPrivateKey privateKey, PGPPublicKey publicKey) {}

    static ArmoredOutputStream armored(OutputStream out) {
        // No "Version:" header, so that output depends on the inputs only, not on the library version.
        return ArmoredOutputStream.builder().clearHeaders().build(out);
    }

    static int pgpAlgorithm(KeyPair pair) {
        return switch (pair.getPublic().getAlgorithm()) {
            case "Ed25519", "EdDSA" -> PublicKeyAlgorithmTags.EDDSA_LEGACY;
            case "EC", "ECDSA" -> PublicKeyAlgorithmTags.ECDSA;
            case "RSA" -> PublicKeyAlgorithmTags.RSA_GENERAL;
            default ->
                throw new SignerException(
                        Reason.BAD_INPUT,
                        "no OpenPGP form for key algorithm " + pair.getPublic().getAlgorithm());
        };
    }

    /** The hash an OpenPGP signature by this key uses; GnuPG wants at least the curve size for ECDSA. */
    static int hashAlgorithm(PGPPublicKey key) {
        if (key.getAlgorithm() == PublicKeyAlgorithmTags.ECDSA && key.getBitStrength() > 256) {
            return HashAlgorithmTags.SHA384;
        }
        if (key.getAlgorithm() == PublicKeyAlgorithmTags.EDDSA_LEGACY) {
            return HashAlgorithmTags.SHA512;
        }
        return HashAlgorithmTags.SHA256;
    }

    /** Makes an OpenPGP v4 key ring (one primary key that certifies and signs) from {@code pair}. */
    public static KeyRings generate(KeyPair pair, String userId, Date created, char[] passphrase) {
        try {
            PGPKeyPair pgpPair = new JcaPGPKeyPair(
                    org.bouncycastle.bcpg.PublicKeyPacket.VERSION_4, pgpAlgorithm(pair), pair, created);
            PGPDigestCalculator sha1 =
                    new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            hashed.setPreferredHashAlgorithms(
                    false, new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
            hashed.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256});
            PBESecretKeyEncryptor encryptor = null;
            if (passphrase != null && passphrase.length > 0) {
                encryptor = new JcePBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1, 0x60)
                        .setProvider(SignatureAlgorithms.BC)
                        .build(Arrays.copyOf(passphrase, passphrase.length));
            }
            PGPKeyRingGenerator generator = new PGPKeyRingGenerator(
                    PGPSignature.POSITIVE_CERTIFICATION,
                    pgpPair,
                    userId,
                    sha1,
                    hashed.generate(),
                    null,
                    new JcaPGPContentSignerBuilder(pgpPair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512)
                            .setProvider(SignatureAlgorithms.BC),
                    encryptor);
            return new KeyRings(generator.generateSecretKeyRing(), generator.generatePublicKeyRing());
        } catch (PGPException e) {
            throw new IllegalStateException("cannot build an OpenPGP key", e);
        }
    }

    /** Reads the first signing-capable secret key of an armored or binary secret key file and unlocks it. */
    public static UnlockedKey loadSecret(Path file, PassphraseSource passphrases) {
        byte[] bytes = SigningKeyLoader.readInput(file, "OpenPGP secret key");
        PGPSecretKeyRingCollection rings;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            rings = new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator());
        } catch (IOException | PGPException | RuntimeException e) {
            throw new SignerException(Reason.BAD_INPUT, file + ": not an OpenPGP secret key", e);
        }
        for (Iterator<PGPSecretKeyRing> r = rings.getKeyRings(); r.hasNext(); ) {
            for (Iterator<PGPSecretKey> k = r.next().getSecretKeys(); k.hasNext(); ) {
                PGPSecretKey secret = k.next();
                if (!secret.isSigningKey() || secret.isPrivateKeyEmpty()) {
                    continue;
                }
                char[] pass = secret.getKeyEncryptionAlgorithm() == SymmetricKeyAlgorithmTags.NULL
                        ? new char[0]
                        : passphrases.passphrase(file.toString());
                try {
                    PGPPrivateKey privateKey = secret.extractPrivateKey(
                            new JcePBESecretKeyDecryptorBuilder(new JcaPGPDigestCalculatorProviderBuilder()
                                            .setProvider(SignatureAlgorithms.BC)
                                            .build())
                                    .setProvider(SignatureAlgorithms.BC)
                                    .build(pass));
                    return new UnlockedKey(privateKey, secret.getPublicKey());
                } catch (PGPException e) {
                    throw new SignerException(
                            Reason.BAD_PASSPHRASE, file + ": wrong passphrase for the OpenPGP key", e);
                } finally {
                    Arrays.fill(pass, '\0');
                }
            }
        }
        throw new SignerException(Reason.BAD_INPUT, file + ": no signing key in this OpenPGP key file");
    }

    /** Reads the public keys of an armored or binary key file (public or secret). */
    public static List<PGPPublicKey> loadPublic(Path file) {
        byte[] bytes = SigningKeyLoader.readInput(file, "OpenPGP public key");
        List<PGPPublicKey> keys = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
            rings.getKeyRings().forEachRemaining(ring -> ring.getPublicKeys().forEachRemaining(keys::add));
        } catch (IOException | PGPException | RuntimeException e) {
            throw new SignerException(Reason.BAD_INPUT, file + ": not an OpenPGP public key", e);
        }
        if (keys.isEmpty()) {
            throw new SignerException(Reason.BAD_INPUT, file + ": no OpenPGP public key in this file");
        }
        return keys;
    }

    /** The fingerprint (DESIGN.md form) of the key pair behind an OpenPGP public key. */
    public static Fingerprint fingerprint(PGPPublicKey key) {
        try {
            return Fingerprint.of(
                    new JcaPGPKeyConverter().setProvider(SignatureAlgorithms.BC).getPublicKey(key));
        } catch (PGPException e) {
            throw new SignerException(Reason.BAD_INPUT, "unusable OpenPGP key " + Long.toHexString(key.getKeyID()), e);
        }
    }
}
