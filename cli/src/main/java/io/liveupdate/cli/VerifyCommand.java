package io.liveupdate.cli;

import io.liveupdate.signer.OpenPgpKeys;
import io.liveupdate.signer.ReleaseVerifier;
import io.liveupdate.signer.TrustPolicy;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code liveupdate verify}: fail-closed verification against a pinned anchor. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verify FILE against a pinned anchor. Accepts only when every signature form present verifies by the"
                    + " anchor: the JAR signature of a jar, FILE.p7s (required), and FILE.asc if present.",
            "Exit 0 accepted, 1 rejected (with a reason code), 2 usage or input error."
        })
final class VerifyCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The release file to verify")
    Path file;

    @Option(
            names = "--trust",
            required = true,
            paramLabel = "ANCHOR",
            description = "The pinned anchor: a certificate file, a key fingerprint (64 hex digits, SHA-256 of the"
                    + " SubjectPublicKeyInfo) or a liveupdate trust file")
    String trust;

    @Option(
            names = "--jar-only",
            description = "Check only the JAR signature (not FILE.p7s / FILE.asc): zip metadata is then not covered")
    boolean jarOnly;

    @Option(names = "--pgp-key", paramLabel = "PUBLIC.asc", description = "OpenPGP public key to verify FILE.asc with")
    Path pgpKey;

    @Option(
            names = "--state",
            paramLabel = "DIR",
            description = "Where the highest trust-file sequence seen is kept, to refuse an older copy (default:"
                    + " .liveupdate-state beside the trust file)")
    Path state;

    @Override
    public Integer call() {
        TrustPolicy policy = TrustPolicy.parse(trust, state);
        ReleaseVerifier.Report report = ReleaseVerifier.verify(
                file,
                policy,
                new ReleaseVerifier.Options(jarOnly, pgpKey == null ? List.of() : OpenPgpKeys.loadPublic(pgpKey)));
        System.out.println("verified " + file.getFileName() + ": " + String.join(", ", report.checked()) + "; signer "
                + report.signer() + (report.timestamp() == null ? "" : "; time-stamped " + report.timestamp()));
        if (jarOnly) {
            System.out.println("note: " + ReleaseVerifier.JAR_ONLY_CAVEAT);
        }
        return LiveUpdate.OK;
    }
}
