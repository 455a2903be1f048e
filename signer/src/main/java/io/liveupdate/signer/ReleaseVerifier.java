package io.liveupdate.signer;

import io.liveupdate.signer.SignerException.Hint;
import io.liveupdate.signer.SignerException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.openpgp.PGPPublicKey;

/**
 * Fail-closed verification of a release file against pinned trust. It accepts only when every signature form present
 * verifies with the anchor: the JAR signature of a jar, the detached {@code .p7s} (required: it is the only form that
 * covers every byte of the file), and the {@code .asc} if one is present. With {@code jarOnly}, only the JAR signature
 * is checked; see {@link #JAR_ONLY_CAVEAT}.
 */
public final class ReleaseVerifier {
    /** What a JAR-signature-only verification does not cover, printed by the CLI and documented in docs/security.md. */
    public static final String JAR_ONLY_CAVEAT =
            "checked the JAR signature only: zip metadata (timestamps, extra fields, comments, permissions) and empty"
                    + " directory entries are not covered, and any .p7s or .asc next to the jar was not checked";

    private ReleaseVerifier() {}

    /**
     * @param jarOnly check only the JAR signature
     * @param pgpKeys the OpenPGP public keys to verify an {@code .asc} with (may be empty)
     * @param limits caps on what is read (beyond them: rejected, never an exhausted heap)
     */
    public record Options(boolean jarOnly, List<PGPPublicKey> pgpKeys, SignerLimits limits) {
        public Options {
            pgpKeys = List.copyOf(pgpKeys);
            java.util.Objects.requireNonNull(limits, "limits");
        }

        public Options(boolean jarOnly, List<PGPPublicKey> pgpKeys) {
            this(jarOnly, pgpKeys, SignerLimits.DEFAULTS);
        }

        public static Options defaults() {
            return new Options(false, List.of());
        }
    }

    /** What was verified. */
    public record Report(Fingerprint signer, List<String> checked, Instant timestamp, int signedJarEntries) {}

    public static Report verify(Path file, TrustPolicy trust, Options options) {
        if (!Files.exists(file)) {
            throw new SignerException(Reason.INPUT_NOT_FOUND, file + ": file to verify not found");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new SignerException(Reason.CORRUPT, file + ": not a readable file");
        }
        byte[] bytes = SigningKeyLoader.readInput(
                file, "file to verify", options.limits().maxFileBytes(), Reason.CORRUPT);
        return verify(file, bytes, trust, options);
    }

    /**
     * Verifies {@code bytes}, the content of {@code file} already read by the caller (who goes on to use exactly these
     * bytes, so that the file cannot change between the check and the use); the detached signatures are read from
     * beside {@code file}.
     */
    public static Report verify(Path file, byte[] bytes, TrustPolicy trust, Options options) {
        String what = file.getFileName().toString();
        List<String> checked = new ArrayList<>();
        Instant timestamp = null;
        int entries = -1;
        boolean jar = ReleaseSigner.isJar(file);
        if (options.jarOnly() && !jar) {
            throw new SignerException(
                    Reason.BAD_INPUT,
                    file + ": a JAR-signature-only verification needs a .jar, .war or .ear file",
                    Hint.JAR_ONLY,
                    null);
        }
        if (jar) {
            JarSignatureVerifier.Result result = JarSignatureVerifier.verify(file, bytes, trust, options.limits());
            entries = result.signedEntries();
            checked.add("JAR signature (" + entries + " entries)");
            timestamp = firstTimestamp(result.signers(), null);
        }
        if (!options.jarOnly()) {
            Path p7s = ReleaseSigner.cmsSignatureOf(file);
            if (!Files.exists(p7s)) {
                throw new SignerException(
                        Reason.MISSING_SIGNATURE,
                        what + ": no detached signature " + p7s.getFileName()
                                + " (needed for whole-file integrity; a JAR-signature-only verification does without it)",
                        jar ? Hint.JAR_ONLY : null,
                        null);
            }
            byte[] signature = SigningKeyLoader.readInput(
                    p7s, "signature", options.limits().maxSignatureBytes(), Reason.CORRUPT);
            List<CmsSignatures.VerifiedSigner> signers = CmsSignatures.verifyDetached(
                    new CMSProcessableByteArray(bytes),
                    signature,
                    trust,
                    p7s.getFileName().toString());
            checked.add(p7s.getFileName() + " (whole file)");
            timestamp = firstTimestamp(signers, timestamp);
            Path asc = ReleaseSigner.pgpSignatureOf(file);
            if (Files.exists(asc)) {
                if (options.pgpKeys().isEmpty()) {
                    throw new SignerException(
                            Reason.BAD_INPUT,
                            asc + ": an OpenPGP signature is present; give its public key so it can be verified",
                            Hint.PGP_PUBLIC_KEY,
                            null);
                }
                OpenPgpSignatures.verify(
                        bytes,
                        SigningKeyLoader.readInput(
                                asc, "signature", options.limits().maxSignatureBytes(), Reason.CORRUPT),
                        options.pgpKeys(),
                        trust,
                        asc.getFileName().toString());
                checked.add(asc.getFileName() + " (whole file)");
            }
        }
        if (trust.seen() != null) {
            TrustState.remember(trust.seen()); // accepted: an older copy of this trust file is refused from now on
        }
        return new Report(trust.anchor(), checked, timestamp, entries);
    }

    private static Instant firstTimestamp(List<CmsSignatures.VerifiedSigner> signers, Instant previous) {
        if (previous != null) {
            return previous;
        }
        return signers.stream()
                .map(CmsSignatures.VerifiedSigner::timestamp)
                .filter(t -> t != null)
                .findFirst()
                .orElse(null);
    }
}
