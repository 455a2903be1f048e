package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.testing.CliRunner;
import io.liveupdate.testing.Interop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sign --key pkcs11:CONFIG} with a SoftHSM2 token, the PIN from the environment, through the shaded jar. */
class Pkcs11CliIT {
    private static final String PIN = "246810";

    @TempDir
    Path dir;

    /** The token's own state, outside the CLI's working directory: a login attempt updates it, whatever its outcome. */
    @TempDir
    Path softhsm;

    private int run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        assertEquals(0, code, String.join(" ", command) + "\n" + out);
        return code;
    }

    /** Runs keytool against the SoftHSM2 token through SunPKCS11 (token.cfg in the test directory). */
    private void keytoolOnToken(Map<String, String> env, String keytool, String command, String... args)
            throws Exception {
        List<String> line = new ArrayList<>(List.of(
                keytool,
                command,
                "-keystore",
                "NONE",
                "-storetype",
                "PKCS11",
                "-providerClass",
                "sun.security.pkcs11.SunPKCS11",
                "-providerArg",
                dir.resolve("token.cfg").toString(),
                "-storepass",
                PIN));
        line.addAll(List.of(args));
        run(env, line.toArray(new String[0]));
    }

    @Test
    void signsWithTokenKey() throws Exception {
        String util = Interop.binary("softhsm2-util");
        String library = Interop.file(
                        "libsofthsm2.so (package softhsm2)",
                        Interop.required(),
                        Path.of("/usr/lib/softhsm/libsofthsm2.so"),
                        Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
                        Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"))
                .toString();
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Files.createDirectories(softhsm.resolve("tokens"));
        Files.writeString(
                softhsm.resolve("softhsm2.conf"),
                "directories.tokendir = " + softhsm.resolve("tokens")
                        + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Files.writeString(dir.resolve("token.cfg"), "name = SoftHSM\nlibrary = " + library + "\nslotListIndex = 0\n");
        Map<String, String> env =
                Map.of("SOFTHSM2_CONF", softhsm.resolve("softhsm2.conf").toString());
        run(env, util, "--init-token", "--free", "--label", "cli", "--pin", PIN, "--so-pin", "13579");
        keytoolOnToken(
                env,
                keytool,
                "-genkeypair",
                "-alias",
                "release",
                "-keyalg",
                "EC",
                "-keysize",
                "256",
                "-dname",
                "CN=token",
                "-validity",
                "30");
        keytoolOnToken(env, keytool, "-exportcert", "-rfc", "-alias", "release", "-file", "token.pem");
        Files.writeString(dir.resolve("notes.txt"), "signed on a token");
        Map<String, String> withPin = new java.util.HashMap<>(env);
        withPin.put("LIVEUPDATE_KEY_PASSPHRASE", PIN);

        CliRunner.Result sign = CliRunner.in(dir)
                .env(withPin)
                .run(0, "sign", "notes.txt", "--key", "pkcs11:token.cfg", "--key-alias", "release");

        assertEquals(0, sign.exitCode(), sign.toString());
        assertFalse(sign.stdout().contains(PIN) || sign.stderr().contains(PIN));
        CliRunner.Result verify = CliRunner.in(dir).run(0, "verify", "notes.txt", "--trust", "token.pem");
        assertEquals(0, verify.exitCode(), verify.toString());
        Map<String, String> wrongPin = new java.util.HashMap<>(env);
        wrongPin.put("LIVEUPDATE_KEY_PASSPHRASE", "999999");
        CliRunner.Result wrong = CliRunner.in(dir)
                .env(wrongPin)
                .run(2, "sign", "notes.txt", "--key", "pkcs11:token.cfg", "--key-alias", "release");
        assertEquals(2, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.stderr().contains("PIN"), wrong.stderr());
        assertFalse(wrong.stderr().contains("999999"));
    }
}
