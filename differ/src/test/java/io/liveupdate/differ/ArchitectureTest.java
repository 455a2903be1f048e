package io.liveupdate.differ;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.liveupdate.testing.Architecture;
import org.junit.jupiter.api.Test;

/**
 * The differ's layers: the class-file model ({@code model}) knows nothing of diffs, the diff ({@code
 * io.liveupdate.differ}) nothing of its renderings ({@code report}), and the library reaches nothing beyond ASM and
 * jackson-core (what a production JVM running the unit verifier or an agent may load).
 */
class ArchitectureTest {
    private static final JavaClasses DIFFER = Architecture.mainClasses("io.liveupdate.differ");

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles().check(DIFFER);
    }

    @Test
    void dependsOnAsmAndJacksonCoreOnly() {
        Architecture.onlyDependOn("org.objectweb.asm..", "com.fasterxml.jackson.core..", "io.liveupdate.differ..")
                .check(DIFFER);
    }

    @Test
    void theModelKnowsNothingOfDiffs() {
        noClasses()
                .that()
                .resideInAPackage("io.liveupdate.differ.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.liveupdate.differ", "io.liveupdate.differ.report..")
                .check(DIFFER);
    }

    @Test
    void theDiffKnowsNothingOfItsRenderings() {
        noClasses()
                .that()
                .resideInAPackage("io.liveupdate.differ")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.liveupdate.differ.report..")
                .check(DIFFER);
    }
}
