package io.liveupdate.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.liveupdate.testing.Architecture;
import org.eclipse.jgit.lib.AnyObjectId;
import org.junit.jupiter.api.Test;

/**
 * The front end sits on top: no library package depends on it or on picocli, and the CLI reaches the libraries only
 * through their public services (it never needs JGit, the resolver or javac itself beyond what they return).
 */
class ArchitectureTest {
    private static final JavaClasses ALL = Architecture.mainClasses("io.liveupdate");

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles().check(ALL);
    }

    @Test
    void librariesNeverDependOnTheFrontEnd() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.liveupdate.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.liveupdate.cli..", "picocli..")
                .check(ALL);
    }

    @Test
    void theFrontEndDoesNotDoTheLibrariesWork() {
        noClasses()
                .that()
                .resideInAPackage("io.liveupdate.cli..")
                .should()
                .dependOnClassesThat(resideInAnyPackage(
                                "org.eclipse.jgit..", "javax.tools..", "org.objectweb.asm..", "org.bouncycastle..")
                        // Commit ids are ObjectIds in the libraries' results; printing one is the front end's job.
                        .and(not(assignableTo(AnyObjectId.class))))
                .because("use cases are library services; a front end maps options to a request and a result to output")
                .check(ALL);
    }
}
