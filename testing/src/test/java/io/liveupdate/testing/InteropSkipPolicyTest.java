package io.liveupdate.testing;

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
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Interop.binary(ABSENT, true));

        assertTrue(e.getMessage().contains(ABSENT), e.getMessage());
    }

    @Test
    void missingBinarySkipsOtherwise() {
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> Interop.binary(ABSENT, false));

        assertTrue(e.getMessage().contains(ABSENT + " is not installed"), e.getMessage());
    }
}
