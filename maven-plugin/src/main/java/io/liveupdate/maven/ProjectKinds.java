package io.liveupdate.maven;

import io.liveupdate.differ.ClassSet;
import java.io.File;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/** Which projects a unit can be made for: jar modules; WARs and Spring Boot fat jars are refused, POMs skipped. */
final class ProjectKinds {
    private ProjectKinds() {}

    static void refuseUnsupported(MavenProject project) throws MojoFailureException {
        String packaging = project.getPackaging();
        if ("war".equals(packaging) || "ear".equals(packaging)) {
            throw new MojoFailureException(
                    "update: " + project.getArtifactId() + " is a " + packaging.toUpperCase(java.util.Locale.ROOT)
                            + " project; units are made for jar modules, whose classes a JVM loads from the class path"
                            + " (a servlet container loads a WAR's classes through its own loaders)");
        }
        for (Plugin p : project.getBuildPlugins()) {
            if ("org.springframework.boot".equals(p.getGroupId())
                    && "spring-boot-maven-plugin".equals(p.getArtifactId())
                    && p.getExecutions().stream().anyMatch(e -> e.getGoals().contains("repackage"))) {
                throw new MojoFailureException("update: " + project.getArtifactId() + " is repackaged as a Spring"
                        + " Boot fat jar; its classes run from BOOT-INF/classes under Spring Boot's own class loader,"
                        + " which units do not address (not supported)");
            }
        }
    }

    /** The module's built classes, or null (with one line) when it has none to update. */
    static ClassSet builtClasses(MavenProject project, Log log) {
        File classes = new File(project.getBuild().getOutputDirectory());
        if ("pom".equals(project.getPackaging())) {
            log.info("update: " + project.getArtifactId() + ": packaging pom, no classes; no unit");
            return null;
        }
        if (!classes.isDirectory()) {
            log.info("update: " + project.getArtifactId() + ": no " + classes.getName() + " directory; no unit");
            return null;
        }
        ClassSet set = ClassSet.read(classes.toPath());
        if (set.size() == 0) {
            log.info("update: " + project.getArtifactId() + ": no class files; no unit");
            return null;
        }
        return set;
    }
}
