package io.liveupdate.signer;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.liveupdate.testing.Architecture;
import org.junit.jupiter.api.Test;

/** The signer reaches nothing beyond the JDK's security APIs and Bouncy Castle. */
class ArchitectureTest {
    private static final JavaClasses SIGNER = Architecture.mainClasses("io.liveupdate.signer");

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles().check(SIGNER);
    }

    @Test
    void dependsOnBouncyCastleOnly() {
        Architecture.onlyDependOn("javax.security..", "javax.crypto..", "org.bouncycastle..", "io.liveupdate.signer..")
                .check(SIGNER);
    }
}
