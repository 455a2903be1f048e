package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.cms.CMSProcessableByteArray;

/**
 * Signs a release file in all requested forms at once: the JAR signature inside a jar, the detached CMS {@code .p7s}
 * over the whole (signed) file, and an OpenPGP {@code .asc} when an OpenPGP key is given. Every output is complete
 * before any is moved into place, so a failure leaves the input and any previous signatures untouched.
 */
public final class ReleaseSigner {
    private ReleaseSigner() {}

    /** The files a signing run wrote. */
    public record Result(List<Path> written) {}

    /** True for the file names treated as jars: {@code .jar}, {@code .war}, {@code .ear}. */
    public static boolean isJar(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jar") || name.endsWith(".war") || name.endsWith(".ear");
    }

    public static Path cmsSignatureOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".p7s");
    }

    public static Path pgpSignatureOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".asc");
    }

    /**
     * Signs {@code file}.
     *
     * @param pgpKey an unlocked OpenPGP key made from the same key pair as {@code key}, or null for no {@code .asc}
     *     (an {@code .asc} left by an earlier signing is then removed: it would no longer verify)
     */
    public static Result sign(Path file, SigningKey key, OpenPgpKeys.UnlockedKey pgpKey, SignOptions options) {
        if (!Files.isRegularFile(file)) {
            throw new SignerException(Reason.INPUT_NOT_FOUND, file + ": file to sign not found");
        }
        byte[] original = SigningKeyLoader.readInput(
                file, "file to sign", options.limits().maxFileBytes(), Reason.BAD_INPUT);
        if (isJar(file) && !ZipArchive.looksLikeZip(original)) {
            throw new SignerException(Reason.BAD_INPUT, file + ": named like a jar but not a zip file");
        }
        Signed signed = signBytes(original, file.getFileName().toString(), isJar(file), key, pgpKey, options);
        List<Path> written = new ArrayList<>();
        try (AtomicFiles outputs = new AtomicFiles()) {
            stage(outputs, file, signed, isJar(file), written);
            outputs.commit();
        }
        return new Result(written);
    }

    /**
     * A file and its signatures, made in memory.
     *
     * @param file the file as it is to be written: with its JAR signature when it is a jar, else the input
     * @param cms the detached CMS signature over {@code file}
     * @param pgp the OpenPGP signature over {@code file}, or null when no OpenPGP key was given
     */
    public record Signed(byte[] file, byte[] cms, byte[] pgp) {}

    /**
     * Signs bytes in memory, for a caller that writes a new file and its signatures in one step (an update unit).
     *
     * @param what the file's name, for messages
     * @param jar whether {@code content} is a jar to carry a JAR signature
     */
    public static Signed signBytes(
            byte[] content,
            String what,
            boolean jar,
            SigningKey key,
            OpenPgpKeys.UnlockedKey pgpKey,
            SignOptions options) {
        requireSigningCertificate(key, Path.of(what));
        if (pgpKey != null) {
            requireSameIdentity(key, pgpKey, Path.of(what));
        }
        byte[] signedBytes = content;
        if (jar) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 8192);
            try {
                JarSignatureWriter.sign(content, what, key, options, out);
            } catch (SignerException e) {
                throw e.reason().isVerdict()
                        ? new SignerException(Reason.BAD_INPUT, "cannot sign " + e.getMessage(), e)
                        : e;
            } catch (IOException e) {
                throw new SignerException(Reason.BAD_INPUT, what + ": cannot sign the jar: " + e.getMessage(), e);
            }
            signedBytes = out.toByteArray();
        }
        byte[] cms = CmsSignatures.signDetached(key, new CMSProcessableByteArray(signedBytes), options);
        byte[] pgp = pgpKey == null ? null : OpenPgpSignatures.sign(pgpKey, signedBytes);
        return new Signed(signedBytes, cms, pgp);
    }

    /**
     * Stages {@code signed} as {@code file} (when {@code writeFile}: a signed jar or a new file), {@code file.p7s} and {@code file.asc} (an {@code .asc} left from before
     * is staged for deletion when there is no OpenPGP signature: it would no longer verify).
     */
    public static void stage(AtomicFiles outputs, Path file, Signed signed, boolean writeFile, List<Path> written) {
        if (writeFile) {
            outputs.stage(file, out -> out.write(signed.file()), AtomicFiles.Visibility.PUBLIC);
            written.add(file);
        }
        outputs.stage(cmsSignatureOf(file), out -> out.write(signed.cms()), AtomicFiles.Visibility.PUBLIC);
        written.add(cmsSignatureOf(file));
        Path asc = pgpSignatureOf(file);
        if (signed.pgp() != null) {
            outputs.stage(asc, out -> out.write(signed.pgp()), AtomicFiles.Visibility.PUBLIC);
            written.add(asc);
        } else if (Files.exists(asc)) {
            outputs.stageDeletion(asc);
        }
    }

    /**
     * Refuses a certificate whose key usage forbids digital signatures, or whose extended key usage leaves out code
     * signing: what is signed with it would fail jarsigner's checks and verifiers that honour certificate purposes.
     */
    static void requireSigningCertificate(SigningKey key, Path file) {
        java.security.cert.X509Certificate certificate = key.certificate();
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[0]) {
            throw new SignerException(
                    Reason.BAD_INPUT, file + ": the signing certificate's key usage does not allow digital signatures");
        }
        try {
            List<String> extended = certificate.getExtendedKeyUsage();
            if (extended != null
                    && !extended.contains("1.3.6.1.5.5.7.3.3") // id-kp-codeSigning
                    && !extended.contains("2.5.29.37.0")) { // anyExtendedKeyUsage
                throw new SignerException(
                        Reason.BAD_INPUT,
                        file + ": the signing certificate's extended key usage does not include code signing");
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new SignerException(Reason.BAD_INPUT, file + ": unreadable extended key usage", e);
        }
    }

    /** An {@code .asc} by another key than the CMS and JAR signatures could never verify against the same anchor. */
    static void requireSameIdentity(SigningKey key, OpenPgpKeys.UnlockedKey pgpKey, Path file) {
        Fingerprint pgp = OpenPgpKeys.fingerprint(pgpKey.publicKey());
        if (!pgp.equals(key.fingerprint())) {
            throw new SignerException(
                    Reason.KEY_CERTIFICATE_MISMATCH,
                    file + ": the OpenPGP key (" + pgp.shortForm() + ") is not the signing key ("
                            + key.fingerprint().shortForm() + "); give the OpenPGP form of the same key");
        }
    }
}
