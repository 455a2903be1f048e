package io.liveupdate.signer;

import static io.liveupdate.signer.Fixtures.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.liveupdate.testing.Interop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Signing with keys on a PKCS#11 token through the JDK's SunPKCS11 provider, against SoftHSM2 from Debian's packages.
 * SoftHSM reads its configuration from SOFTHSM2_CONF when the library is initialised inside this JVM, so surefire sets
 * that variable to {@code target/softhsm2.conf}; this test writes the file. The keys are created on the token by the
 * JDK's keytool, as an operator would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Pkcs11Test {
    private static final String PIN = "123456";
    private static final String[] LIBRARIES = {
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"
    };

    private static Path config;
    private static Path dir;

    @BeforeAll
    static void token() throws Exception {
        String util = Interop.binary("softhsm2-util");
        String keytool = Interop.binary("keytool");
        String library = Interop.file(
                        "libsofthsm2.so (package softhsm2)",
                        Interop.required(),
                        Arrays.stream(LIBRARIES).map(Path::of).toArray(Path[]::new))
                .toString();
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            // A set-up error, not a missing binary: surefire always sets it.
            fail("SOFTHSM2_CONF is not set: run through Maven (surefire sets it)");
        }
        dir = Path.of(conf).getParent().resolve("softhsm-" + UUID.randomUUID());
        Files.createDirectories(dir.resolve("tokens"));
        Files.writeString(
                Path.of(conf),
                "directories.tokendir = " + dir.resolve("tokens")
                        + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Map<String, String> env = Map.of("SOFTHSM2_CONF", conf);
        assertSuccess(
                Fixtures.run(
                        dir,
                        env,
                        util,
                        "--init-token",
                        "--free",
                        "--label",
                        "liveupdate",
                        "--pin",
                        PIN,
                        "--so-pin",
                        "654321"),
                "softhsm2-util --init-token");
        config = dir.resolve("softhsm.cfg");
        Files.writeString(config, "name = SoftHSM\nlibrary = " + library + "\nslotListIndex = 0\n");
        for (String[] key : new String[][] {{"ec", "EC", "256"}, {"rsa", "RSA", "3072"}}) {
            assertSuccess(
                    Fixtures.run(
                            dir,
                            env,
                            keytool,
                            "-genkeypair",
                            "-keystore",
                            "NONE",
                            "-storetype",
                            "PKCS11",
                            "-providerClass",
                            "sun.security.pkcs11.SunPKCS11",
                            "-providerArg",
                            config.toString(),
                            "-storepass",
                            PIN,
                            "-alias",
                            key[0],
                            "-keyalg",
                            key[1],
                            "-keysize",
                            key[2],
                            "-dname",
                            "CN=token " + key[0],
                            "-validity",
                            "30",
                            "-ext",
                            "KeyUsage=digitalSignature",
                            "-ext",
                            "ExtendedKeyUsage=codeSigning"),
                    "keytool -genkeypair on the token");
        }
    }

    /**
     * Runs first: once any provider instance in this JVM has logged in, SunPKCS11 skips the login of later ones (the
     * PKCS#11 login state belongs to the application), so a wrong PIN is only observable before that.
     */
    @Test
    @Order(1)
    void wrongPinIsRefused() {
        SignerException pin = assertThrows(
                SignerException.class, () -> SigningKeyLoader.loadPkcs11(config, "ec", PassphraseSource.of("000000")));
        assertEquals(SignerException.Reason.BAD_PASSPHRASE, pin.reason());
        assertTrue(!pin.getMessage().contains("000000"));
    }

    @Test
    @Order(2)
    void signsWithTokenKeys() throws Exception {
        for (String alias : new String[] {"ec", "rsa"}) {
            SigningKey key = SigningKeyLoader.loadPkcs11(config, alias, PassphraseSource.of(PIN));
            assertTrue(
                    key.provider() != null && key.provider().getName().startsWith("SunPKCS11"),
                    "key stays on the token");
            Path work = Files.createDirectories(dir.resolve("work-" + alias));
            Path jar = Fixtures.sampleJar(work, "app.jar");

            ReleaseSigner.sign(jar, key, null, SignOptions.defaults());

            ReleaseVerifier.Report report = ReleaseVerifier.verify(
                    jar, TrustPolicy.pinned(key.fingerprint()), ReleaseVerifier.Options.defaults());
            assertEquals(2, report.checked().size(), report.checked().toString());
        }
    }

    @Test
    @Order(3)
    void unknownOrAmbiguousAliasIsAnInputError() {
        SignerException alias = assertThrows(
                SignerException.class, () -> SigningKeyLoader.loadPkcs11(config, "absent", PassphraseSource.of(PIN)));
        assertEquals(SignerException.Reason.BAD_INPUT, alias.reason());
        SignerException ambiguous = assertThrows(
                SignerException.class, () -> SigningKeyLoader.loadPkcs11(config, null, PassphraseSource.of(PIN)));
        assertEquals(SignerException.Reason.BAD_INPUT, ambiguous.reason());
    }
}
