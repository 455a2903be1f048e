package io.liveupdate.maven;

import io.liveupdate.differ.ClassSet;
import io.liveupdate.revision.RevisionCompiler;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.zip.ZipFile;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/** The released jar production runs, resolved as Maven resolves any artifact, and the tag it was built from. */
final class ReleasedArtifacts {
    private final RepositorySystem system;
    private final MavenSession session;
    private final MavenProject project;

    ReleasedArtifacts(RepositorySystem system, MavenSession session, MavenProject project) {
        this.system = system;
        this.session = session;
        this.project = project;
    }

    /** The classes of {@code coordinates} ({@code groupId:artifactId:version}, a jar). */
    ClassSet classes(String coordinates) throws MojoFailureException {
        String[] parts = coordinates.split(":");
        if (parts.length != 3 || List.of(parts).stream().anyMatch(String::isBlank)) {
            throw new MojoFailureException(
                    "update: update.baseArtifact '" + coordinates + "' is not groupId:artifactId:version");
        }
        File jar;
        try {
            jar = system.resolveArtifact(
                            session.getRepositorySession(),
                            new ArtifactRequest(
                                    new DefaultArtifact(parts[0], parts[1], "jar", parts[2]),
                                    project.getRemoteProjectRepositories(),
                                    null))
                    .getArtifact()
                    .getFile();
        } catch (ArtifactResolutionException e) {
            throw new MojoFailureException("update: cannot resolve the released artifact " + coordinates + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        try (ZipFile zip = new ZipFile(jar)) {
            if (zip.stream().anyMatch(e -> e.getName().startsWith("BOOT-INF/"))) {
                throw new MojoFailureException("update: " + coordinates + " is a Spring Boot fat jar (BOOT-INF/);"
                        + " units address classes on the class path, not Spring Boot's nested jars (not supported)");
            }
            if (zip.stream().anyMatch(e -> e.getName().startsWith("WEB-INF/"))) {
                throw new MojoFailureException("update: " + coordinates + " is a web archive (WEB-INF/); units are"
                        + " made for jar modules (not supported)");
            }
        } catch (IOException e) {
            throw new MojoFailureException("update: " + jar + ": not a readable jar: " + e.getMessage());
        }
        return ClassSet.read(jar.toPath()).requireClasses();
    }

    /** The tag {@code v<version>}, {@code <version>} or {@code <artifactId>-<version>} of {@code coordinates}. */
    String tagOf(String coordinates, RevisionCompiler compiler) throws MojoFailureException {
        if (coordinates == null) {
            throw new MojoFailureException("update: update:package needs a base: -Dupdate.base=REV (a git revision)"
                    + " or -Dupdate.baseArtifact=groupId:artifactId:version (the released jar)");
        }
        String[] parts = coordinates.split(":");
        List<String> tags = List.of("v" + parts[2], parts[2], parts[1] + "-" + parts[2]);
        for (String tag : tags) {
            try {
                if (compiler.repository().exactRef("refs/tags/" + tag) != null) {
                    return "refs/tags/" + tag;
                }
            } catch (IOException e) {
                throw new MojoFailureException("update: cannot read the tags: " + e.getMessage());
            }
        }
        throw new MojoFailureException("update: no tag " + String.join(", ", tags) + " for " + coordinates
                + "; give the revision it was built from with -Dupdate.base=REV");
    }
}
