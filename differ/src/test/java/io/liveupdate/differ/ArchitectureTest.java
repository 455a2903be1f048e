package io.liveupdate.differ;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The differ's layers: the class-file model ({@code model}) knows nothing of diffs, the diff ({@code
 * io.liveupdate.differ}) nothing of its renderings ({@code report}), and the library reaches nothing beyond ASM and
 * jackson-core (what a production JVM running the unit verifier or an agent may load).
 */
class ArchitectureTest {
    // The rules of liveupdate-testing's Architecture, written out: the differ depends on no other module.
    private static final JavaClasses DIFFER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.liveupdate.differ");

    @Test
    void noPackageCycles() {
        slices().matching("io.liveupdate.(**)").should().beFreeOfCycles().check(DIFFER);
    }

    @Test
    void dependsOnAsmAndJacksonCoreOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..", "org.objectweb.asm..", "com.fasterxml.jackson.core..", "io.liveupdate.differ..")
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
