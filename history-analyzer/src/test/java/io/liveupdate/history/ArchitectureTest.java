package io.liveupdate.history;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.liveupdate.testing.Architecture;
import org.junit.jupiter.api.Test;

/** The history analyzer reaches the differ, the revision library, JGit and Jackson; no CLI, plugin API or signer. */
class ArchitectureTest {
    private static final JavaClasses HISTORY = Architecture.mainClasses("io.liveupdate.history");

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles().check(HISTORY);
    }

    @Test
    void dependsOnDifferRevisionJGitAndJacksonOnly() {
        Architecture.onlyDependOn(
                        "io.liveupdate.history..",
                        "io.liveupdate.differ..",
                        "io.liveupdate.revision..",
                        "org.eclipse.jgit..",
                        "com.fasterxml.jackson..")
                .check(HISTORY);
    }
}
