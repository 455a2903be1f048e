package io.liveupdate.unit;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.liveupdate.testing.Architecture;
import org.junit.jupiter.api.Test;

/**
 * The unit library is what a runtime agent will load into a production JVM: it reaches the differ's model, the
 * signer's verification and jackson-core, and nothing else (no JGit, Maven, resolver or picocli, which the enforcer
 * also bans as dependencies).
 */
class ArchitectureTest {
    private static final JavaClasses UNIT = Architecture.mainClasses("io.liveupdate.unit");

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles().check(UNIT);
    }

    @Test
    void dependsOnDifferSignerAndJacksonCoreOnly() {
        Architecture.onlyDependOn(
                        "io.liveupdate.unit..",
                        "io.liveupdate.differ",
                        "io.liveupdate.signer",
                        "com.fasterxml.jackson.core..")
                .check(UNIT);
    }
}
