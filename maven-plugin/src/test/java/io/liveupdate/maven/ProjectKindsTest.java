package io.liveupdate.maven;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/** WARs and Spring Boot fat jars are refused with a reason; plain jar modules pass. */
class ProjectKindsTest {
    private static MavenProject project(String packaging) {
        Model model = new Model();
        model.setArtifactId("service");
        model.setPackaging(packaging);
        model.setBuild(new Build());
        return new MavenProject(model);
    }

    @Test
    void aWarIsRefused() {
        MojoFailureException e =
                assertThrows(MojoFailureException.class, () -> ProjectKinds.refuseUnsupported(project("war")));
        assertTrue(e.getMessage().startsWith("update: service is a WAR project"), e.getMessage());
    }

    @Test
    void aSpringBootRepackagedJarIsRefusedAndAPlainJarPasses() {
        MavenProject plain = project("jar");
        assertDoesNotThrow(() -> ProjectKinds.refuseUnsupported(plain));

        MavenProject boot = project("jar");
        Plugin plugin = new Plugin();
        plugin.setGroupId("org.springframework.boot");
        plugin.setArtifactId("spring-boot-maven-plugin");
        PluginExecution execution = new PluginExecution();
        execution.addGoal("repackage");
        plugin.addExecution(execution);
        boot.getModel().getBuild().addPlugin(plugin);
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> ProjectKinds.refuseUnsupported(boot));
        assertTrue(e.getMessage().contains("Spring Boot fat jar"), e.getMessage());
    }
}
