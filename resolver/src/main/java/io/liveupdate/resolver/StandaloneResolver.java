package io.liveupdate.resolver;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.supplier.RepositorySystemSupplier;

/**
 * Maven's artifact resolver for programs that run outside Maven: the repository system of Maven's resolver supplier
 * (HTTP and file transports) with a session set up as Maven's own ({@link MavenRepositorySystemUtils#newSession()}:
 * dependency scopes, optional and exclusion handling, nearest-wins mediation). Everything it downloads goes to the
 * configured local repository. {@code settings.xml} (mirrors, proxies, servers) is not read.
 *
 * <pre>{@code
 * try (StandaloneResolver resolver = StandaloneResolver.open(Settings.defaults())) {
 *     ArtifactResolver artifacts = new RepositorySystemArtifacts(resolver.system(), resolver.session());
 *     ...
 * }
 * }</pre>
 */
public final class StandaloneResolver implements AutoCloseable {
    /**
     * How the resolver runs.
     *
     * @param localRepository the Maven local repository: read first, and where downloads go
     * @param offline whether only the local repository is used (no network)
     */
    public record Settings(Path localRepository, boolean offline) {
        public Settings {
            Objects.requireNonNull(localRepository, "localRepository");
        }

        /**
         * Online, with the local repository Maven itself would use: the system property {@code maven.repo.local}
         * when set, else {@code ~/.m2/repository}.
         */
        public static Settings defaults() {
            String configured = System.getProperty("maven.repo.local");
            Path local = configured != null && !configured.isBlank()
                    ? Path.of(configured)
                    : Path.of(System.getProperty("user.home"), ".m2", "repository");
            return new Settings(local, false);
        }

        public Settings withLocalRepository(Path dir) {
            return new Settings(dir, offline);
        }

        public Settings withOffline(boolean on) {
            return new Settings(localRepository, on);
        }
    }

    private final RepositorySystem system;
    private final DefaultRepositorySystemSession session;

    private StandaloneResolver(RepositorySystem system, DefaultRepositorySystemSession session) {
        this.system = system;
        this.session = session;
    }

    /** Starts a repository system and a session with these settings; close it to stop the system's threads. */
    public static StandaloneResolver open(Settings settings) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(
                session, new LocalRepository(settings.localRepository().toFile())));
        session.setOffline(settings.offline());
        // As Maven does: profiles in dependency POMs that activate on java.version, os.name, ... see this JVM.
        session.setSystemProperties(System.getProperties());
        // Two download threads: resolution runs beside javac on machines with few cores.
        session.setConfigProperties(Map.of("aether.connector.basic.threads", "2"));
        session.setReadOnly();
        return new StandaloneResolver(system, session);
    }

    public RepositorySystem system() {
        return system;
    }

    public RepositorySystemSession session() {
        return session;
    }

    @Override
    public void close() {
        system.shutdown();
    }
}
