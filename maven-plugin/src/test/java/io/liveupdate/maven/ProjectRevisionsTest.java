package io.liveupdate.maven;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project outside any git repository is refused in one line, before anything is resolved. */
class ProjectRevisionsTest {
    @TempDir
    Path dir;

    @Test
    void aProjectOutsideGitIsRefused() {
        MavenProject project = new MavenProject(new Model());
        project.setFile(dir.resolve("pom.xml").toFile());
        MojoFailureException e =
                assertThrows(MojoFailureException.class, () -> ProjectRevisions.open(project, null, null));
        assertTrue(e.getMessage().contains("is not in a git repository"), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    }
}
