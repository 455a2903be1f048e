package io.liveupdate.cli;

import io.liveupdate.signer.Fingerprint;
import io.liveupdate.signer.SignerException;
import io.liveupdate.signer.SigningKeyLoader;
import io.liveupdate.signer.TrustFile;
import io.liveupdate.signer.TrustPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns {@code --trust ANCHOR} into a trust policy: a fingerprint, a certificate file, or a trust file. */
final class TrustArgument {
    private TrustArgument() {}

    static TrustPolicy parse(String anchor) {
        if (Fingerprint.looksLikeFingerprint(anchor)) {
            return TrustPolicy.pinned(Fingerprint.parse(anchor));
        }
        Path file = Path.of(anchor);
        byte[] head;
        try {
            head = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SignerException(
                    SignerException.Reason.INPUT_NOT_FOUND,
                    anchor
                            + ": trust anchor not found (give a certificate, a trust file or a 64-hex-digit fingerprint)");
        }
        if (TrustFile.looksLikeTrustFile(head)) {
            return TrustFile.read(file).policy();
        }
        return TrustPolicy.pinned(
                Fingerprint.of(SigningKeyLoader.loadCertificates(file).get(0)));
    }
}
