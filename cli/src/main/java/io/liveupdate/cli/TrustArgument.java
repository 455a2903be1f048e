package io.liveupdate.cli;

import io.liveupdate.signer.Fingerprint;
import io.liveupdate.signer.SigningKeyLoader;
import io.liveupdate.signer.TrustPolicy;
import java.nio.file.Path;

/** Turns {@code --trust ANCHOR} into a trust policy: a fingerprint, a certificate file, or a trust file. */
final class TrustArgument {
    private TrustArgument() {}

    static TrustPolicy parse(String anchor) {
        if (Fingerprint.looksLikeFingerprint(anchor)) {
            return TrustPolicy.pinned(Fingerprint.parse(anchor));
        }
        Path file = Path.of(anchor);
        return TrustPolicy.pinned(
                Fingerprint.of(SigningKeyLoader.loadCertificates(file).get(0)));
    }
}
