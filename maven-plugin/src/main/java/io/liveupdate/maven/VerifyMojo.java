package io.liveupdate.maven;

import io.liveupdate.signer.ReleaseVerifier;
import io.liveupdate.signer.TrustPolicy;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.rtinfo.RuntimeInformation;

/** Verifies the signatures of this module's unit (or another file) against the pinned anchor; fails closed. */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractUpdateMojo {
    /** The pinned anchor: a certificate file, a liveupdate trust file, or a key fingerprint (64 hex digits). */
    @Parameter(property = "update.trust", required = true)
    String trust;

    /** The file to verify (default: this module's unit). */
    @Parameter(property = "update.file")
    File file;

    @Inject
    public VerifyMojo(RuntimeInformation runtime) {
        super(runtime);
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        File target = file != null ? file : unitFile();
        if (file == null && !target.isFile()) {
            getLog().info("update: " + project.getArtifactId() + ": no unit to verify (" + shown(target) + ")");
            return;
        }
        ReleaseVerifier.Report report = ReleaseVerifier.verify(
                target.toPath(),
                TrustPolicy.parse(Anchors.resolve(project, trust)),
                ReleaseVerifier.Options.defaults());
        getLog().info("update: verified " + shown(target) + ": " + String.join(", ", report.checked()) + ", signed by "
                + report.signer().shortForm());
    }
}
