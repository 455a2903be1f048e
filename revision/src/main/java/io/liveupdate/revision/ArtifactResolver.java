package io.liveupdate.revision;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Where the project-model reader gets what a revision's POMs name outside the revision: parent POMs and imported BOMs,
 * and the jars of a module's compile classpath. The revision library holds no resolver of its own: a front end that
 * runs outside Maven plugs in a standalone one ({@code liveupdate-resolver}, wrapped in
 * {@link RepositorySystemArtifacts}); the Maven plugin wraps the {@code RepositorySystem} and session Maven injects, so
 * a plugin user's settings (mirrors, proxies, offline) apply and no second resolver runs inside Maven.
 *
 * <p>Implementations must be safe for use by several threads (the history analyzer compiles commits in parallel).
 */
public interface ArtifactResolver {
    /**
     * The POM file of {@code groupId:artifactId:version}.
     *
     * @throws RevisionException {@code ARTIFACTS_MISSING} when it cannot be resolved
     */
    Path resolvePom(String groupId, String artifactId, String version, List<RemoteRepository> repositories);

    /**
     * The compile classpath (scopes compile, provided and system, and their transitive compile dependencies) of the
     * given direct dependencies, mediated as Maven does, in Maven's classpath order.
     *
     * @throws RevisionException {@code ARTIFACTS_MISSING} when a dependency cannot be resolved
     */
    List<Path> compileClasspath(
            List<Dependency> dependencies, List<Dependency> managed, List<RemoteRepository> repositories);

    /**
     * The file of one artifact from the configured repositories: a plugin's jar (whose descriptor says where its goals
     * bind) or a Maven distribution for the fallback.
     *
     * @throws RevisionException {@code ARTIFACTS_MISSING} when it cannot be resolved
     */
    Path resolveArtifact(String groupId, String artifactId, String classifier, String extension, String version);

    /**
     * The versions of {@code groupId:artifactId} within {@code range} (Maven's range syntax, for example
     * {@code [3.9.0,3.10.0)}) the configured repositories list, oldest first.
     *
     * @throws RevisionException {@code ARTIFACTS_MISSING} when the repositories cannot be asked
     */
    List<String> versions(String groupId, String artifactId, String range);

    /** The local repository artifacts are resolved into (the fallback's Maven then uses it too), if known. */
    default Optional<Path> localRepository() {
        return Optional.empty();
    }

    /** Whether resolution is offline (the fallback's Maven then runs offline too). */
    default boolean offline() {
        return false;
    }
}
