package io.liveupdate.revision;

import io.liveupdate.resolver.StandaloneResolver;

/**
 * One standalone resolver for the revision tests, over the local repository the build uses (so the artifacts the
 * reactor build downloaded are found offline), as the CLI would set it up.
 */
final class TestArtifacts {
    private static final StandaloneResolver RESOLVER = open();

    private TestArtifacts() {}

    private static StandaloneResolver open() {
        StandaloneResolver resolver = StandaloneResolver.open(StandaloneResolver.Settings.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(resolver::close));
        return resolver;
    }

    static ArtifactResolver resolver() {
        return new RepositorySystemArtifacts(RESOLVER.system(), RESOLVER.session());
    }

    /** Default compiler options with the test resolver. */
    static RevisionCompiler.Options options() {
        return RevisionCompiler.Options.defaults().withArtifacts(resolver());
    }
}
