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
     * @param pgpKey an unlocked OpenPGP key, or null for no {@code .asc}
     */
    public static Result sign(Path file, SigningKey key, OpenPgpKeys.UnlockedKey pgpKey, SignOptions options) {
        if (!Files.isRegularFile(file)) {
            throw new SignerException(Reason.INPUT_NOT_FOUND, file + ": file to sign not found");
        }
        byte[] original = SigningKeyLoader.readInput(file, "file to sign");
        String what = file.getFileName().toString();
        byte[] signedBytes = original;
        List<Path> written = new ArrayList<>();
        try (AtomicFiles outputs = new AtomicFiles()) {
            if (isJar(file)) {
                if (!ZipStructure.looksLikeZip(original)) {
                    throw new SignerException(Reason.BAD_INPUT, file + ": named like a jar but not a zip file");
                }
                ByteArrayOutputStream jar = new ByteArrayOutputStream(original.length + 8192);
                try {
                    JarSignatureWriter.sign(original, what, key, options, jar);
                } catch (SignerException e) {
                    throw e.reason().isVerdict()
                            ? new SignerException(Reason.BAD_INPUT, "cannot sign " + e.getMessage(), e)
                            : e;
                } catch (IOException e) {
                    throw new SignerException(Reason.BAD_INPUT, file + ": cannot sign the jar: " + e.getMessage(), e);
                }
                signedBytes = jar.toByteArray();
                byte[] finalBytes = signedBytes;
                outputs.stage(file, out -> out.write(finalBytes));
                written.add(file);
            }
            byte[] cms = CmsSignatures.signDetached(key, new CMSProcessableByteArray(signedBytes), options);
            outputs.stage(cmsSignatureOf(file), out -> out.write(cms));
            written.add(cmsSignatureOf(file));
            if (pgpKey != null) {
                byte[] asc = OpenPgpSignatures.sign(pgpKey, signedBytes);
                outputs.stage(pgpSignatureOf(file), out -> out.write(asc));
                written.add(pgpSignatureOf(file));
            }
            outputs.commit();
        }
        return new Result(written);
    }
}
