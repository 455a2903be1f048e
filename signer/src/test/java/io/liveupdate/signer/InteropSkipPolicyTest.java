package io.liveupdate.signer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing interop binary skips locally but fails when CI requires interop, so CI cannot pass by skipping. */
class InteropSkipPolicyTest {
    private static final String ABSENT = "liveupdate-no-such-binary";

    @Test
    void missingBinaryFailsWhenInteropIsRequired() {
        String previous = System.getProperty("liveupdate.requireInterop");
        System.setProperty("liveupdate.requireInterop", "true");
        try {
            AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Fixtures.binary(ABSENT));
            assertTrue(e.getMessage().contains(ABSENT), e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty("liveupdate.requireInterop");
            } else {
                System.setProperty("liveupdate.requireInterop", previous);
            }
        }
    }

    @Test
    void missingBinarySkipsOtherwise() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                !Fixtures.interopRequired(), "this machine requires interop (CI), so skipping cannot be shown here");
        assertThrows(TestAbortedException.class, () -> Fixtures.binary(ABSENT));
    }
}
