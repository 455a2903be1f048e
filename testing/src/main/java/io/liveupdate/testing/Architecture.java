package io.liveupdate.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering rules every library's architecture test applies (ArchUnit), on the library's main classes only.
 *
 * <pre>{@code
 * JavaClasses differ = Architecture.mainClasses("io.liveupdate.differ");
 * Architecture.noPackageCycles().check(differ);
 * Architecture.onlyDependOn("java..", "org.objectweb.asm..").check(differ);
 * }</pre>
 */
public final class Architecture {
    private Architecture() {}

    /**
     * The production classes of {@code rootPackage} and its subpackages on the class path, in directories or in the
     * reactor's jars: not test classes, and not these fixtures.
     */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/io/liveupdate/testing/"))
                .importPackages(rootPackage);
    }

    /** No cycle between any two packages of liveupdate (a package and its subpackages count as separate). */
    public static ArchRule noPackageCycles() {
        return slices().matching("io.liveupdate.(**)")
                .should()
                .beFreeOfCycles()
                .as("packages of liveupdate form no cycle");
    }

    /** Classes depend only on the JDK packages and the packages given (which should include their own). */
    public static ArchRule onlyDependOn(String... packages) {
        String[] allowed = new String[packages.length + 1];
        allowed[0] = "java..";
        System.arraycopy(packages, 0, allowed, 1, packages.length);
        return classes().should().onlyDependOnClassesThat().resideInAnyPackage(allowed);
    }
}
