package io.liveupdate.revision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.apache.maven.artifact.versioning.DefaultArtifactVersion;
import org.apache.maven.artifact.versioning.InvalidVersionSpecificationException;
import org.apache.maven.artifact.versioning.VersionRange;

/**
 * The Maven the fallback runs when the revision has no {@code mvnw}: {@code org.apache.maven:apache-maven:<v>:zip:bin}
 * resolved from the configured repositories like any artifact and unpacked once into liveupdate's cache
 * ({@code <cache>/maven/apache-maven-<v>/}). The version is {@link #PINNED} unless the revision's enforcer
 * {@code requireMavenVersion} excludes it; then the newest 3.9.x the range admits. Never a {@code mvn} from the PATH.
 */
final class MavenDistribution {
    /** The Maven this project's own wrapper pins. */
    static final String PINNED = "3.9.16";

    private static final String GROUP = "org.apache.maven";
    private static final String ARTIFACT = "apache-maven";
    private static final long MAX_ENTRY_BYTES = 64L << 20;

    private MavenDistribution() {}

    /** The version to run for {@code required} (a Maven version range, or null for none). */
    static String choose(ArtifactResolver artifacts, String required) {
        if (required == null || admits(required, PINNED)) {
            return PINNED;
        }
        List<String> candidates = new ArrayList<>();
        for (String v : artifacts.versions(GROUP, ARTIFACT, "[3.9.0,3.10.0)")) {
            if (admits(required, v) && !v.contains("-")) {
                candidates.add(v);
            }
        }
        if (candidates.isEmpty()) {
            throw new RevisionException(
                    RevisionException.Reason.FALLBACK_FAILED,
                    "no Maven 3.9.x satisfies the revision's requireMavenVersion " + required);
        }
        candidates.sort((a, b) -> new ComparableVersion(a).compareTo(new ComparableVersion(b)));
        return candidates.get(candidates.size() - 1);
    }

    /** Whether {@code range} (a requireMavenVersion value: a range, or a plain lower bound) admits {@code version}. */
    static boolean admits(String range, String version) {
        try {
            String spec = range.trim();
            DefaultArtifactVersion v = new DefaultArtifactVersion(version);
            if (!spec.startsWith("[") && !spec.startsWith("(")) {
                // A plain version in requireMavenVersion means "this or newer" (the enforcer's convention).
                return v.compareTo(new DefaultArtifactVersion(spec)) >= 0;
            }
            return VersionRange.createFromVersionSpec(spec).containsVersion(v);
        } catch (InvalidVersionSpecificationException e) {
            throw new RevisionException(
                    RevisionException.Reason.INVALID_MODEL,
                    "requireMavenVersion " + range + " is not a version range: " + e.getMessage(),
                    e);
        }
    }

    /** {@code bin/mvn} of Maven {@code version}, resolved and unpacked into {@code cache} on first use. */
    static Path mvn(ArtifactResolver artifacts, ToolCache cache, String version) {
        Path home = cache.directory().resolve("maven").resolve("apache-maven-" + version);
        Path mvn = home.resolve("bin").resolve("mvn");
        if (Files.isRegularFile(mvn)) {
            return mvn;
        }
        Path zip = artifacts.resolveArtifact(GROUP, ARTIFACT, "bin", "zip", version);
        Path staging = null;
        try {
            Files.createDirectories(home.getParent());
            staging = Files.createTempDirectory(home.getParent(), ".unpack-");
            unpack(zip, staging);
            if (!Files.isRegularFile(staging.resolve("bin/mvn"))) {
                throw new RevisionException(
                        RevisionException.Reason.FALLBACK_FAILED,
                        zip.getFileName() + ": no bin/mvn in the distribution");
            }
            for (Path script : List.of(staging.resolve("bin/mvn"), staging.resolve("bin/mvnDebug"))) {
                if (Files.isRegularFile(script)) {
                    script.toFile().setExecutable(true, false);
                }
            }
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isRegularFile(mvn)) {
                    throw raced; // not another process that unpacked the same version first
                }
            }
            return mvn;
        } catch (IOException e) {
            throw new RevisionException(
                    RevisionException.Reason.FALLBACK_FAILED,
                    "cannot unpack Maven " + version + " into " + cache.directory() + ": " + e.getMessage(),
                    e);
        } finally {
            if (staging != null && Files.exists(staging)) {
                MavenFallback.deleteQuietly(staging);
            }
        }
    }

    /** Unpacks {@code zip} into {@code dir}, dropping the top directory ({@code apache-maven-<v>/}). */
    private static void unpack(Path zip, Path dir) throws IOException {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path target = dir.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException(zip.getFileName() + ": entry " + name + " leaves the directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    byte[] bytes = in.readNBytes((int) MAX_ENTRY_BYTES + 1);
                    if (bytes.length > MAX_ENTRY_BYTES) {
                        throw new IOException(zip.getFileName() + ": entry " + name + " is too large");
                    }
                    Files.write(target, bytes);
                }
            }
        }
    }
}
