package io.liveupdate.revision;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * An {@link ArtifactResolver} over any Maven {@link RepositorySystem} and session: the standalone one of
 * {@code liveupdate-resolver}, or the one Maven runs and injects into a plugin. Classpaths are cached per distinct
 * request (dependencies, managed dependencies, repositories), so a history walk resolves each dependency set once.
 * Thread-safe: the repository system and session are, and the cache is concurrent.
 */
public final class RepositorySystemArtifacts implements ArtifactResolver {
    /** Maven Central, as the super POM declares it; always searched after the repositories a request names. */
    public static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2").build();

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final Map<String, List<Path>> classpaths = new ConcurrentHashMap<>();

    public RepositorySystemArtifacts(RepositorySystem system, RepositorySystemSession session) {
        this.system = Objects.requireNonNull(system, "system");
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public Path resolvePom(String groupId, String artifactId, String version, List<RemoteRepository> repositories) {
        return resolve(new DefaultArtifact(groupId, artifactId, "", "pom", version), repositories, "POM ");
    }

    private Path resolve(Artifact artifact, List<RemoteRepository> repositories, String what) {
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, withCentral(repositories), null))
                    .getArtifact()
                    .getFile()
                    .toPath();
        } catch (ArtifactResolutionException e) {
            throw new RevisionException(
                    RevisionException.Reason.ARTIFACTS_MISSING,
                    "cannot resolve " + what + artifact + ": " + firstLine(e.getMessage()),
                    e);
        }
    }

    @Override
    public List<Path> compileClasspath(
            List<Dependency> dependencies, List<Dependency> managed, List<RemoteRepository> repositories) {
        if (dependencies.isEmpty()) {
            return List.of();
        }
        List<RemoteRepository> repos = withCentral(repositories);
        String key = key(dependencies) + "|" + key(managed) + "|" + repos;
        List<Path> cached = classpaths.get(key);
        if (cached != null) {
            return cached;
        }
        CollectRequest collect = new CollectRequest();
        collect.setRootArtifact(new DefaultArtifact("io.liveupdate.revision:root:pom:0"));
        collect.setDependencies(dependencies);
        collect.setManagedDependencies(managed);
        collect.setRepositories(repos);
        DependencyRequest request =
                new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.COMPILE));
        try {
            DependencyResult result = system.resolveDependencies(session, request);
            List<Path> files = new ArrayList<>();
            result.getArtifactResults().forEach(r -> {
                File f = r.getArtifact().getFile();
                if (f != null) {
                    files.add(f.toPath());
                }
            });
            List<Path> classpath = List.copyOf(files);
            classpaths.putIfAbsent(key, classpath);
            return classpath;
        } catch (DependencyResolutionException e) {
            throw new RevisionException(
                    RevisionException.Reason.ARTIFACTS_MISSING,
                    "cannot resolve dependencies: " + firstLine(e.getMessage()),
                    e);
        }
    }

    @Override
    public Path resolveArtifact(
            String groupId, String artifactId, String classifier, String extension, String version) {
        return resolve(new DefaultArtifact(groupId, artifactId, classifier, extension, version), List.of(), "");
    }

    @Override
    public List<String> versions(String groupId, String artifactId, String range) {
        Artifact artifact = new DefaultArtifact(groupId, artifactId, "", "pom", range);
        try {
            List<String> versions = new ArrayList<>();
            system.resolveVersionRange(session, new VersionRangeRequest(artifact, withCentral(List.of()), null))
                    .getVersions()
                    .forEach(v -> versions.add(v.toString()));
            return versions;
        } catch (VersionRangeResolutionException e) {
            throw new RevisionException(
                    RevisionException.Reason.ARTIFACTS_MISSING,
                    "cannot list the versions " + range + " of " + groupId + ":" + artifactId + ": "
                            + firstLine(e.getMessage()),
                    e);
        }
    }

    @Override
    public java.util.Optional<Path> localRepository() {
        File base = session.getLocalRepository() == null
                ? null
                : session.getLocalRepository().getBasedir();
        return java.util.Optional.ofNullable(base).map(File::toPath);
    }

    @Override
    public boolean offline() {
        return session.isOffline();
    }

    /** How many distinct dependency sets were resolved so far (the size of the cache). */
    public int resolvedSets() {
        return classpaths.size();
    }

    /**
     * The repositories asked, then Central, with the session's mirrors, proxies and credentials applied (inside Maven:
     * the user's {@code settings.xml}), as Maven itself would ask them.
     */
    private List<RemoteRepository> withCentral(List<RemoteRepository> repositories) {
        Map<String, RemoteRepository> byId = new LinkedHashMap<>();
        for (RemoteRepository r : repositories) {
            byId.putIfAbsent(r.getId(), r);
        }
        byId.putIfAbsent(CENTRAL.getId(), CENTRAL);
        return system.newResolutionRepositories(session, List.copyOf(byId.values()));
    }

    private static String key(List<Dependency> dependencies) {
        StringBuilder sb = new StringBuilder();
        for (Dependency d : dependencies) {
            sb.append(d.getArtifact())
                    .append(':')
                    .append(d.getScope())
                    .append(':')
                    .append(d.isOptional());
            for (Exclusion x : d.getExclusions()) {
                sb.append('!').append(x.getGroupId()).append(':').append(x.getArtifactId());
            }
            sb.append(';');
        }
        return sb.toString();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
