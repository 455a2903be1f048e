package io.liveupdate.maven;

import io.liveupdate.signer.PassphraseSource;
import io.liveupdate.signer.SignOptions;
import io.liveupdate.signer.SigningKey;
import io.liveupdate.signer.SigningKeyLoader;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The signing key of the goals that sign. The key is named in the POM (a PEM or PKCS#12 file, or
 * {@code pkcs11:CONFIG} for a token); its passphrase or PIN comes from the environment variable
 * {@code LIVEUPDATE_KEY_PASSPHRASE} or from the password of a {@code settings.xml} server (encrypted passwords are
 * decrypted as Maven does) — never from the POM or the command line.
 */
abstract class AbstractSigningMojo extends AbstractUpdateMojo {
    static final String PASSPHRASE_VARIABLE = "LIVEUPDATE_KEY_PASSPHRASE";

    /** The signing key: a PEM (PKCS#8) or PKCS#12 file, or {@code pkcs11:CONFIG} for a token. */
    @Parameter(property = "update.key")
    String key;

    /** The key's certificate (default: the one in the key file, else certificate.pem beside it). */
    @Parameter(property = "update.certificate")
    File certificate;

    /** Which key of a PKCS#12 store or token. */
    @Parameter(property = "update.keyAlias")
    String keyAlias;

    /**
     * The id of the {@code settings.xml} server whose password is the key's passphrase or PIN (used when
     * {@code LIVEUPDATE_KEY_PASSPHRASE} is not set).
     */
    @Parameter(property = "update.passphraseServer", defaultValue = "liveupdate")
    String passphraseServer;

    private final SettingsDecrypter decrypter;

    AbstractSigningMojo(RuntimeInformation runtime, SettingsDecrypter decrypter) {
        super(runtime);
        this.decrypter = decrypter;
    }

    /** The signing key, or null when none is configured. */
    SigningKey signingKey() throws MojoFailureException {
        if (key == null || key.isBlank()) {
            return null;
        }
        PassphraseSource passphrase = passphrase();
        if (key.startsWith("pkcs11:")) {
            return SigningKeyLoader.loadPkcs11(Path.of(key.substring("pkcs11:".length())), keyAlias, passphrase);
        }
        Path file = project.getBasedir().toPath().resolve(key);
        return SigningKeyLoader.load(file, certificate == null ? null : certificate.toPath(), passphrase);
    }

    SignOptions signOptions() {
        return SignOptions.defaults();
    }

    private PassphraseSource passphrase() throws MojoFailureException {
        String fromEnvironment = System.getenv(PASSPHRASE_VARIABLE);
        if (fromEnvironment != null) {
            return PassphraseSource.of(fromEnvironment);
        }
        Server server = session.getSettings().getServer(passphraseServer);
        if (server == null || server.getPassword() == null) {
            return PassphraseSource.none();
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("update: cannot decrypt the password of settings.xml server '"
                        + passphraseServer + "': " + problem.getMessage());
            }
        }
        return PassphraseSource.of(result.getServer().getPassword());
    }
}
