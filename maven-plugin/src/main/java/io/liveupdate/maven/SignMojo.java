package io.liveupdate.maven;

import io.liveupdate.signer.ReleaseSigner;
import io.liveupdate.signer.SigningKey;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Signs this module's update unit (its JAR signature inside, {@code .p7s} beside it), and with
 * {@code update.signMainArtifact} the module's main artifact too. For a unit made unsigned, or signed again with
 * another key.
 */
@Mojo(name = "sign", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class SignMojo extends AbstractSigningMojo {
    /** The file to sign (default: this module's unit, target/&lt;finalName&gt;-update.jar). */
    @Parameter(property = "update.file")
    File file;

    /** Also sign the module's main artifact (its jar). */
    @Parameter(property = "update.signMainArtifact", defaultValue = "false")
    boolean signMainArtifact;

    @Inject
    public SignMojo(RuntimeInformation runtime, SettingsDecrypter decrypter) {
        super(runtime, decrypter);
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        SigningKey signingKey = signingKey();
        if (signingKey == null) {
            throw new MojoFailureException("update: update:sign needs a key: configure <key> (a PEM or PKCS#12 file,"
                    + " or pkcs11:CONFIG) or -Dupdate.key");
        }
        List<File> files = new ArrayList<>();
        File unit = file != null ? file : unitFile();
        if (unit.isFile()) {
            files.add(unit);
        } else if (file != null || !signMainArtifact) {
            throw new MojoFailureException(
                    "update: nothing to sign: no " + shown(unit) + " (run update:package first)");
        }
        if (signMainArtifact) {
            File main = project.getArtifact().getFile();
            if (main == null || !main.isFile()) {
                throw new MojoFailureException("update: update.signMainArtifact: the main artifact is not built yet"
                        + " (run the goal in the package phase or later)");
            }
            files.add(main);
        }
        for (File f : files) {
            List<Path> written = ReleaseSigner.sign(f.toPath(), signingKey, null, signOptions())
                    .written();
            getLog().info("update: signed " + shown(f) + " (" + written.size() + " file(s)) by "
                    + signingKey.fingerprint().shortForm());
        }
    }
}
