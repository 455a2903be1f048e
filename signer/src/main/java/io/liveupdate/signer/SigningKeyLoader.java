package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Hint;
import io.liveupdate.signer.SignerException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Loads signing keys from PEM files (PKCS#8, encrypted or not, or OpenSSL's traditional form), PKCS#12 key stores and
 * PKCS#11 tokens through the JDK's SunPKCS11 provider. Passphrases are asked for only when a key is encrypted, and
 * error messages never include them.
 */
public final class SigningKeyLoader {
    private SigningKeyLoader() {}

    /**
     * Loads a key from a PEM or PKCS#12 file.
     *
     * @param keyFile PEM (private key, optionally followed by certificates) or PKCS#12
     * @param certificateFile PEM or DER certificate(s); may be null when the key file holds them
     */
    public static SigningKey load(Path keyFile, Path certificateFile, PassphraseSource passphrases) {
        byte[] bytes = readInput(keyFile, "key file");
        SigningKey key;
        if (startsWithPem(bytes)) {
            key = loadPem(keyFile, bytes, certificateFile, passphrases);
        } else {
            key = loadPkcs12(keyFile, bytes, certificateFile, passphrases);
        }
        key.requireMatchingCertificate();
        return key;
    }

    /**
     * Loads a key from a PKCS#11 token. The SunPKCS11 configuration file names the module library and slot, as the
     * JDK's PKCS#11 reference guide describes; the PIN comes from {@code pins}.
     *
     * @param alias the key's label on the token, or null for the only key there
     */
    public static SigningKey loadPkcs11(Path configFile, String alias, PassphraseSource pins) {
        readInput(configFile, "PKCS#11 configuration");
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new SignerException(Reason.BAD_INPUT, "this JDK has no SunPKCS11 provider");
        }
        Provider provider;
        try {
            provider = base.configure(configFile.toString());
        } catch (RuntimeException e) {
            throw new SignerException(
                    Reason.BAD_INPUT, configFile + ": PKCS#11 configuration not usable: " + rootMessage(e), e);
        }
        char[] pin = pins.passphrase("PKCS#11 token of " + configFile.getFileName());
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            SigningKey key = fromKeyStore(store, alias, null, configFile, provider, null);
            key.requireMatchingCertificate();
            return key;
        } catch (IOException e) {
            throw new SignerException(
                    Reason.BAD_PASSPHRASE, configFile + ": the token refused the PIN or could not be opened", e);
        } catch (GeneralSecurityException e) {
            throw new SignerException(Reason.BAD_INPUT, configFile + ": cannot read the token: " + rootMessage(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** Reads every certificate of a PEM or DER file, in order. */
    public static List<X509Certificate> loadCertificates(Path file) {
        byte[] bytes = readInput(file, "certificate file");
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
                certs.add((X509Certificate) c);
            }
        } catch (CertificateException | RuntimeException e) {
            // RuntimeException: the JDK's parser throws unchecked exceptions for some malformed keys.
            throw new SignerException(Reason.BAD_INPUT, file + ": not a certificate (" + rootMessage(e) + ")", e);
        }
        if (certs.isEmpty()) {
            throw new SignerException(Reason.BAD_INPUT, file + ": no certificate in this file");
        }
        return certs;
    }

    /** Reads a key, certificate, signature, statement or trust file: at most the signature-size limit. */
    static byte[] readInput(Path file, String what) {
        return readInput(file, what, SignerLimits.DEFAULTS.maxSignatureBytes(), Reason.BAD_INPUT);
    }

    /**
     * Reads {@code file} whole, but never more than {@code cap} bytes: a bigger file (or one that never ends, such as
     * {@code /dev/zero}) is refused with {@code tooLarge}, before it can exhaust the heap.
     */
    static byte[] readInput(Path file, String what, long cap, Reason tooLarge) {
        if (Files.isDirectory(file)) {
            throw new SignerException(Reason.INPUT_NOT_FOUND, file + ": is a directory, not a " + what);
        }
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (bytes.length > cap) {
                throw new SignerException(
                        tooLarge, file + ": larger than the limit of " + cap + " bytes for a " + what);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new SignerException(Reason.INPUT_NOT_FOUND, file + ": " + what + " not found", e);
        } catch (IOException e) {
            throw new SignerException(Reason.INPUT_NOT_FOUND, file + ": cannot read " + what + ": " + e, e);
        }
    }

    private static boolean startsWithPem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        return head.contains("-----BEGIN ");
    }

    private static SigningKey loadPem(Path keyFile, byte[] bytes, Path certificateFile, PassphraseSource passphrases) {
        PrivateKey privateKey = null;
        List<X509Certificate> certs = new ArrayList<>();
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(SignatureAlgorithms.BC);
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PrivateKeyInfo info) {
                    privateKey = converter.getPrivateKey(info);
                } else if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    char[] pass = passphrases.passphrase(keyFile.toString());
                    try {
                        privateKey = converter.getPrivateKey(
                                encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                                        .setProvider(SignatureAlgorithms.BC)
                                        .build(pass)));
                    } catch (PKCSException e) {
                        throw new SignerException(
                                Reason.BAD_PASSPHRASE, keyFile + ": wrong passphrase for the encrypted key", e);
                    } finally {
                        Arrays.fill(pass, '\0');
                    }
                } else if (object instanceof PEMKeyPair pair) {
                    privateKey = converter.getKeyPair(pair).getPrivate();
                } else if (object instanceof PEMEncryptedKeyPair encrypted) {
                    char[] pass = passphrases.passphrase(keyFile.toString());
                    try {
                        privateKey = converter
                                .getKeyPair(encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                                        .setProvider(SignatureAlgorithms.BC)
                                        .build(pass)))
                                .getPrivate();
                    } catch (PEMException e) {
                        throw new SignerException(
                                Reason.BAD_PASSPHRASE, keyFile + ": wrong passphrase for the encrypted key", e);
                    } finally {
                        Arrays.fill(pass, '\0');
                    }
                } else if (object instanceof X509CertificateHolder holder) {
                    certs.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (SignerException e) {
            throw e;
        } catch (IOException | OperatorCreationException | CertificateException | RuntimeException e) {
            throw new SignerException(
                    Reason.BAD_INPUT, keyFile + ": not a readable PEM key (" + rootMessage(e) + ")", e);
        }
        if (privateKey == null) {
            throw new SignerException(Reason.BAD_INPUT, keyFile + ": no private key in this PEM file");
        }
        if (certificateFile != null) {
            certs = loadCertificates(certificateFile);
        } else if (certs.isEmpty() && Files.exists(keyFile.resolveSibling(SigningKeyGenerator.CERTIFICATE))) {
            // keygen's layout: private-key.pem next to certificate.pem.
            certs = loadCertificates(keyFile.resolveSibling(SigningKeyGenerator.CERTIFICATE));
        }
        if (certs.isEmpty()) {
            throw new SignerException(
                    Reason.BAD_INPUT,
                    keyFile + ": holds no certificate; give the key's certificate",
                    Hint.CERTIFICATE,
                    null);
        }
        return new SigningKey(privateKey, certs, null);
    }

    private static SigningKey loadPkcs12(
            Path keyFile, byte[] bytes, Path certificateFile, PassphraseSource passphrases) {
        char[] pass = passphrases.passphrase(keyFile.toString());
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(new ByteArrayInputStream(bytes), pass);
            } catch (IOException e) {
                if (e.getCause() instanceof UnrecoverableKeyException) {
                    throw new SignerException(
                            Reason.BAD_PASSPHRASE, keyFile + ": wrong passphrase for the key store", e);
                }
                throw new SignerException(Reason.BAD_INPUT, keyFile + ": neither a PEM key nor a PKCS#12 key store", e);
            }
            return fromKeyStore(store, null, pass, keyFile, null, certificateFile);
        } catch (GeneralSecurityException e) {
            throw new SignerException(Reason.BAD_INPUT, keyFile + ": cannot read the key store: " + rootMessage(e), e);
        } finally {
            Arrays.fill(pass, '\0');
        }
    }

    private static SigningKey fromKeyStore(
            KeyStore store, String alias, char[] keyPass, Path source, Provider provider, Path certificateFile)
            throws GeneralSecurityException {
        List<String> keyAliases = new ArrayList<>();
        for (String a : Collections.list(store.aliases())) {
            if (store.isKeyEntry(a)) {
                keyAliases.add(a);
            }
        }
        String chosen = alias;
        if (chosen == null) {
            if (keyAliases.size() != 1) {
                throw new SignerException(
                        Reason.BAD_INPUT,
                        source + ": holds " + keyAliases.size() + " keys " + keyAliases + "; name the one to use",
                        Hint.KEY_ALIAS,
                        null);
            }
            chosen = keyAliases.get(0);
        } else if (!keyAliases.contains(chosen)) {
            throw new SignerException(
                    Reason.BAD_INPUT, source + ": no key named '" + chosen + "' (has " + keyAliases + ")");
        }
        PrivateKey key;
        try {
            key = (PrivateKey) store.getKey(chosen, keyPass);
        } catch (UnrecoverableKeyException e) {
            throw new SignerException(Reason.BAD_PASSPHRASE, source + ": wrong passphrase for key '" + chosen + "'", e);
        }
        List<X509Certificate> chain = new ArrayList<>();
        if (certificateFile != null) {
            chain.addAll(loadCertificates(certificateFile));
        } else {
            Certificate[] stored = store.getCertificateChain(chosen);
            if (stored == null) {
                throw new SignerException(
                        Reason.BAD_INPUT,
                        source + ": key '" + chosen + "' has no certificate; give the key's certificate",
                        Hint.CERTIFICATE,
                        null);
            }
            for (Certificate c : stored) {
                chain.add((X509Certificate) c);
            }
        }
        return new SigningKey(key, chain, provider);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
