package io.liveupdate.revision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.liveupdate.testing.Architecture;
import org.junit.jupiter.api.Test;

/**
 * The revision library uses the resolver's API only (the front end plugs in an implementation: the standalone one, or
 * the one Maven runs), never a front end, and never the Maven plugin API.
 */
class ArchitectureTest {
    private static final JavaClasses REVISION = Architecture.mainClasses("io.liveupdate.revision");

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles().check(REVISION);
    }

    @Test
    void dependsOnItsLibrariesOnly() {
        Architecture.onlyDependOn(
                        "javax.tools..",
                        "javax.lang.model..",
                        // javac's own API (jdk.compiler's exported com.sun.source.util: task listeners for the
                        // cooperative cancel), never its internals
                        "com.sun.source.util..",
                        "org.objectweb.asm..",
                        "org.eclipse.jgit..",
                        "org.apache.maven.model..",
                        "org.apache.maven.artifact.versioning..",
                        "org.codehaus.plexus.util..",
                        "org.eclipse.aether..",
                        "io.liveupdate.differ..",
                        "io.liveupdate.revision..")
                .check(REVISION);
    }

    @Test
    void noResolverImplementation() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.eclipse.aether.supplier..",
                        "org.eclipse.aether.internal..",
                        "org.eclipse.aether.impl..",
                        "org.apache.maven.repository.internal..")
                .because("the Maven plugin gives the RepositorySystem Maven runs; the CLI gives liveupdate-resolver")
                .check(REVISION);
    }
}
