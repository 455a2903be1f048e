package io.liveupdate.maven;

import io.liveupdate.signer.Fingerprint;
import java.io.File;
import org.apache.maven.project.MavenProject;

/** An anchor as configured: a fingerprint as is, a file relative to the project's directory. */
final class Anchors {
    private Anchors() {}

    static String resolve(MavenProject project, String anchor) {
        if (Fingerprint.looksLikeFingerprint(anchor) || new File(anchor).isAbsolute()) {
            return anchor;
        }
        return new File(project.getBasedir(), anchor).getPath();
    }
}
