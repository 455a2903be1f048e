package io.liveupdate.signer;

import static io.liveupdate.signer.Fixtures.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.Interop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both directions with the real GnuPG 2.2: keys from {@code keygen --pgp} import into gpg, the project's {@code .asc}
 * passes {@code gpg --verify}, and {@code gpg --detach-sign --armor} output passes the project's verifier. GnuPG runs
 * with a short GNUPGHOME (long socket paths break the agent; signing.md §8) and its agent is stopped afterwards.
 */
class GpgInteropTest {
    @TempDir
    Path dir;

    private Path home;

    private Map<String, String> env() throws Exception {
        if (home == null) {
            home = Files.createTempDirectory(Path.of("/tmp"), "lu-gpg");
            Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        return Map.of("GNUPGHOME", home.toString());
    }

    /** Runs gpg in batch mode with the passphrase given on the loopback pinentry (test keys only). */
    private Fixtures.Run gpgUnlocked(String gpg, String passphrase, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(gpg, "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", passphrase));
        command.addAll(List.of(args));
        return Fixtures.run(dir, env(), command.toArray(new String[0]));
    }

    @AfterEach
    void stopAgent() throws Exception {
        if (home != null) {
            Fixtures.run(dir, env(), "gpgconf", "--kill", "gpg-agent");
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void gpgVerifiesProjectSignatureAndProjectVerifiesGpgSignature(KeyAlgorithm algorithm) throws Exception {
        String gpg = Interop.binary("gpg");
        SigningKey key = Fixtures.key(algorithm, dir.resolve("key"));
        Path file = dir.resolve("release.tar");
        Files.writeString(file, "release bytes\n".repeat(200));
        ReleaseSigner.sign(
                file,
                key,
                OpenPgpKeys.loadSecret(dir.resolve("key/pgp-secret.asc"), PassphraseSource.none()),
                SignOptions.defaults());
        assertSuccess(Fixtures.run(dir, env(), gpg, "--batch", "--import", "key/pgp-public.asc"), "gpg --import");

        Fixtures.Run verify = Fixtures.run(
                dir, env(), gpg, "--batch", "--status-fd", "1", "--verify", "release.tar.asc", "release.tar");

        assertSuccess(verify, "gpg --verify");
        assertTrue(verify.output().contains("[GNUPG:] GOODSIG"), verify.output());
        Files.writeString(dir.resolve("other.tar"), "other bytes\n");
        Fixtures.Run bad = Fixtures.run(dir, env(), gpg, "--batch", "--verify", "release.tar.asc", "other.tar");
        assertNotEquals(0, bad.exitCode(), "gpg must refuse the signature for other bytes");

        // The other direction: gpg signs with the same key, the project verifies against the pinned key pair.
        assertSuccess(gpgUnlocked(gpg, "", "--import", "key/pgp-secret.asc"), "gpg --import secret");
        Files.delete(dir.resolve("release.tar.asc"));
        Fixtures.Run sign = gpgUnlocked(gpg, "", "--detach-sign", "--armor", "release.tar");
        assertSuccess(sign, "gpg --detach-sign --armor");

        ReleaseVerifier.Report report = ReleaseVerifier.verify(
                file,
                TrustPolicy.pinned(key.fingerprint()),
                new ReleaseVerifier.Options(false, OpenPgpKeys.loadPublic(dir.resolve("key/pgp-public.asc"))));

        assertEquals(List.of("release.tar.p7s (whole file)", "release.tar.asc (whole file)"), report.checked());
        SigningKey other = Fixtures.key(KeyAlgorithm.ED25519, dir.resolve("other-key"));
        SignerException wrong = assertThrows(
                SignerException.class,
                () -> ReleaseVerifier.verify(
                        file,
                        TrustPolicy.pinned(key.fingerprint()),
                        new ReleaseVerifier.Options(
                                false, OpenPgpKeys.loadPublic(dir.resolve("other-key/pgp-public.asc")))));
        assertEquals(SignerException.Reason.WRONG_SIGNER, wrong.reason(), wrong.getMessage());
    }

    /** GnuPG 2.2 can unlock the S2K/AES-256 protection keygen puts on the OpenPGP secret key when a passphrase is set. */
    @org.junit.jupiter.api.Test
    void gpgSignsWithPassphraseProtectedKeygenKey() throws Exception {
        String gpg = Interop.binary("gpg");
        String passphrase = "gpg interop passphrase";
        SigningKey key = SigningKeyGenerator.generate(
                        KeyAlgorithm.ED25519, dir.resolve("key"), passphrase.toCharArray(), true, "CN=protected")
                .key();
        Path file = dir.resolve("release.tar");
        Files.writeString(file, "protected key release\n");
        ReleaseSigner.sign(file, key, null, SignOptions.defaults());
        assertSuccess(
                gpgUnlocked(gpg, passphrase, "--import", "key/pgp-secret.asc"),
                "gpg --import of a protected secret key");
        Fixtures.Run wrong = gpgUnlocked(gpg, "not it", "--detach-sign", "--armor", "release.tar");
        assertNotEquals(0, wrong.exitCode(), "gpg must not unlock the key with a wrong passphrase");

        assertSuccess(
                gpgUnlocked(gpg, passphrase, "--detach-sign", "--armor", "release.tar"),
                "gpg --detach-sign with the passphrase");

        ReleaseVerifier.verify(
                file,
                TrustPolicy.pinned(key.fingerprint()),
                new ReleaseVerifier.Options(false, OpenPgpKeys.loadPublic(dir.resolve("key/pgp-public.asc"))));
    }
}
