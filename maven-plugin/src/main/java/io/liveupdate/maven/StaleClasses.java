package io.liveupdate.maven;

import io.liveupdate.differ.ClassSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * Class files in {@code target/classes} that no source of the module explains: left from an earlier build that was
 * not cleaned (a class deleted or renamed since), they would go into the unit as if current.
 */
final class StaleClasses {
    private StaleClasses() {}

    static void warn(MavenProject project, ClassSet classes, Log log) {
        List<Path> roots = new ArrayList<>();
        project.getCompileSourceRoots().forEach(r -> roots.add(Path.of(r)));
        List<String> stale = new ArrayList<>();
        for (int release : classes.releases()) {
            for (String name : classes.classes(release).keySet()) {
                if (name.equals("module-info") || name.endsWith(".package-info")) {
                    continue;
                }
                String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
                String source = outer.replace('.', '/') + ".java";
                if (roots.stream().noneMatch(r -> Files.isRegularFile(r.resolve(source)))) {
                    stale.add(name);
                }
            }
        }
        if (!stale.isEmpty()) {
            log.warn("update: " + stale.size() + " class file(s) in target/classes have no source of the same name ("
                    + stale.get(0) + (stale.size() > 1 ? ", ..." : "") + "): left by a build that was not cleaned,"
                    + " or a second top-level class in a file; run mvn clean package to be sure");
        }
    }
}
