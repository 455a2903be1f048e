package io.liveupdate.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin refuses a Maven older than 3.9.6 (which cannot index its Java 17 components) with one line naming the
 * version. It runs the {@code mvn} on the PATH when that one is older (these machines' own Maven is 3.8.7); where
 * there is none, it is skipped and says so.
 */
class OldMavenIT {
    @TempDir
    Path tmp;

    @Test
    void mavenBefore396IsRefused() throws Exception {
        Optional<Path> mvn = Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .map(d -> Path.of(d, "mvn"))
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(mvn.isPresent(), "no mvn on the PATH: an old Maven cannot be tried here");
        String version = version(mvn.get());
        assumeTrue(
                new ComparableVersion(version).compareTo(new ComparableVersion("3.9.6")) < 0,
                "the mvn on the PATH is " + version + ", not older than 3.9.6");

        Files.writeString(
                tmp.resolve("pom.xml"),
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                        + "<groupId>org.example.it</groupId><artifactId>old</artifactId><version>1.0</version>"
                        + "</project>\n");
        String plugin = "io.liveupdate:update-maven-plugin:" + System.getProperty("liveupdate.version");
        Process p = new ProcessBuilder(
                        mvn.get().toString(),
                        "-B",
                        "-o",
                        "-llr", // artifacts the ITs fetched through their mirror count as available here too
                        "-Dmaven.repo.local=" + System.getProperty("liveupdate.itRepository"),
                        plugin + ":package",
                        "-Dupdate.base=HEAD")
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.contains("requires Maven version 3.9.6"), out);
    }

    private static String version(Path mvn) throws Exception {
        Process p = new ProcessBuilder(mvn.toString(), "-v")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("Apache Maven (\\S+)").matcher(out);
        assumeTrue(m.find(), "cannot tell the version of " + mvn + ": " + out);
        return m.group(1);
    }
}
