package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trust init, rotate, revoke and show through the shaded jar, and verify --trust with a trust file. */
class TrustCliIT {
    @TempDir
    Path dir;

    @Test
    void rotateRevokeAndVerifyWithTrustFile() throws Exception {
        for (String k : new String[] {"k0", "k1", "k2"}) {
            assertEquals(
                    0,
                    CliRunner.in(dir)
                            .run(0, "keygen", "--alg", "ed25519", "--out", k, "--no-passphrase")
                            .exitCode());
        }
        assertEquals(
                0,
                CliRunner.in(dir)
                        .run(0, "trust", "init", "trust.txt", "--cert", "k0/certificate.pem")
                        .exitCode());
        Files.writeString(dir.resolve("notes.txt"), "release notes");
        assertEquals(
                0,
                CliRunner.in(dir)
                        .run(0, "sign", "notes.txt", "--key", "k1/private-key.pem")
                        .exitCode());
        CliRunner.Result before = CliRunner.in(dir).run(1, "verify", "notes.txt", "--trust", "trust.txt");
        assertEquals(1, before.exitCode(), before.toString());

        CliRunner.Result rotate = CliRunner.in(dir)
                .run(
                        0,
                        "trust",
                        "rotate",
                        "trust.txt",
                        "--key",
                        "k0/private-key.pem",
                        "--new-key",
                        "k1/private-key.pem",
                        "--statement-out",
                        "rotation-1.p7m");
        assertEquals(0, rotate.exitCode(), rotate.toString());
        CliRunner.Result after = CliRunner.in(dir).run(0, "verify", "notes.txt", "--trust", "trust.txt");
        assertEquals(0, after.exitCode(), after.toString());

        // Replaying the applied statement is refused with a negative verdict.
        CliRunner.Result replay =
                CliRunner.in(dir).run(1, "trust", "rotate", "trust.txt", "--statement", "rotation-1.p7m");
        assertEquals(1, replay.exitCode(), replay.toString());
        assertTrue(replay.stderr().contains("[BAD_TRUST_STATEMENT]"), replay.stderr());

        String k2 = CliRunner.in(dir)
                .run(0, "trust", "init", "k2.txt", "--cert", "k2/certificate.pem")
                .stdout();
        String fp = k2.substring(k2.indexOf("anchor ") + 7).trim();
        CliRunner.Result revoke = CliRunner.in(dir)
                .run(
                        0,
                        "trust",
                        "revoke",
                        "trust.txt",
                        "--key",
                        "k1/private-key.pem",
                        "--fingerprint",
                        fp,
                        "--statement-out",
                        "revoke-2.p7m");
        assertEquals(0, revoke.exitCode(), revoke.toString());
        CliRunner.Result show = CliRunner.in(dir).run(0, "trust", "show", "trust.txt");
        assertEquals(0, show.exitCode(), show.toString());
        assertTrue(show.stdout().contains("sequence 2") && show.stdout().contains("revoked  " + fp), show.stdout());

        CliRunner.Result usage = CliRunner.in(dir).run(2, "trust", "rotate", "trust.txt");
        assertEquals(2, usage.exitCode(), usage.toString());
    }

    @Test
    void anOldCopyOfTheTrustFileAStatementOfTheWrongKindAndACorruptStateAreRefused() throws Exception {
        for (String k : new String[] {"k0", "k1"}) {
            CliRunner.in(dir).run(0, "keygen", "--alg", "ed25519", "--out", k, "--no-passphrase");
        }
        CliRunner.in(dir).run(0, "trust", "init", "trust.txt", "--cert", "k0/certificate.pem");
        Files.copy(dir.resolve("trust.txt"), dir.resolve("old-trust.txt"));
        Files.writeString(dir.resolve("notes.txt"), "release notes");
        CliRunner.in(dir).run(0, "sign", "notes.txt", "--key", "k0/private-key.pem");
        CliRunner.in(dir).run(0, "verify", "notes.txt", "--trust", "old-trust.txt");
        CliRunner.in(dir)
                .run(
                        0,
                        "trust",
                        "rotate",
                        "trust.txt",
                        "--key",
                        "k0/private-key.pem",
                        "--new-key",
                        "k1/private-key.pem",
                        "--statement-out",
                        "rotation-1.p7m");

        // The copy still trusts k0, which the rotation retired; the state beside it remembers sequence 1.
        CliRunner.Result rollback = CliRunner.in(dir).run(1, "verify", "notes.txt", "--trust", "old-trust.txt");
        assertTrue(rollback.stderr().contains("[TRUST_ROLLBACK]"), rollback.stderr());
        assertTrue(Files.isRegularFile(dir.resolve(".liveupdate-state/trust.state")));

        // A rotation statement given to revoke is refused for what it is, even where no state was kept yet.
        CliRunner.Result wrongKind = CliRunner.in(dir)
                .run(1, "trust", "revoke", "old-trust.txt", "--statement", "rotation-1.p7m", "--state", "fresh");
        assertTrue(
                wrongKind.stderr().contains("[BAD_TRUST_STATEMENT]")
                        && wrongKind.stderr().contains("a rotation statement, not a revocation one"),
                wrongKind.stderr());

        Files.writeString(dir.resolve(".liveupdate-state/trust.state"), "not a state file\n");
        CliRunner.Result corrupt = CliRunner.in(dir).run(1, "verify", "notes.txt", "--trust", "trust.txt");
        assertTrue(corrupt.stderr().contains("[STATE_CORRUPT]"), corrupt.stderr());
    }
}
