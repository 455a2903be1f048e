package io.liveupdate.it;

import io.liveupdate.resolver.StandaloneResolver;
import io.liveupdate.revision.RepositorySystemArtifacts;
import io.liveupdate.revision.RevisionCompiler;

/** Compiler options as the CLI sets them up: the standalone resolver over the build's local repository. */
final class CompilerOptions {
    private static final StandaloneResolver RESOLVER = open();

    private CompilerOptions() {}

    private static StandaloneResolver open() {
        StandaloneResolver resolver = StandaloneResolver.open(StandaloneResolver.Settings.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(resolver::close));
        return resolver;
    }

    static RevisionCompiler.Options withResolver() {
        return RevisionCompiler.Options.defaults()
                .withArtifacts(new RepositorySystemArtifacts(RESOLVER.system(), RESOLVER.session()));
    }
}
