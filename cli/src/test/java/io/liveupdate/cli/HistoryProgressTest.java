package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The progress bar shows on a terminal only, and closes. */
class HistoryProgressTest {
    @Test
    void aBarOnATerminalAndNothingElsewhere() {
        try (HistoryProgress off = new HistoryProgress(false)) {
            off.started(10);
            assertFalse(off.showing());
        }
        HistoryProgress on = new HistoryProgress(true);
        on.started(2);
        assertTrue(on.showing());
        on.analyzed(null);
        on.close();
        assertFalse(on.showing());
    }
}
