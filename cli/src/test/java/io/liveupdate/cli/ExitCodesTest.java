package io.liveupdate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveupdate.differ.DifferException;
import io.liveupdate.revision.RevisionException;
import io.liveupdate.signer.SignerException;
import io.liveupdate.unit.UnitException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** One table turns every library reason into an exit code; no reason falls through to "internal error". */
class ExitCodesTest {
    @Test
    void everyReasonOfEveryLibraryHasARow() {
        List<Enum<?>> reasons = new ArrayList<>();
        reasons.addAll(List.of(DifferException.Reason.values()));
        reasons.addAll(List.of(RevisionException.Reason.values()));
        reasons.addAll(List.of(SignerException.Reason.values()));
        reasons.addAll(List.of(UnitException.Reason.values()));
        reasons.addAll(List.of(ExitCodes.CliReason.values()));

        for (Enum<?> reason : reasons) {
            assertTrue(ExitCodes.TABLE.containsKey(reason), reason + " has no exit code");
        }
        assertEquals(reasons.size(), ExitCodes.TABLE.size());
    }

    @Test
    void verdictsExitOneAndInputErrorsExitTwo() {
        assertEquals(ExitCodes.NEGATIVE_VERDICT, ExitCodes.of(SignerException.Reason.WRONG_SIGNER));
        assertEquals(ExitCodes.NEGATIVE_VERDICT, ExitCodes.of(SignerException.Reason.CORRUPT));
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, ExitCodes.of(SignerException.Reason.BAD_PASSPHRASE));
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, ExitCodes.of(DifferException.Reason.CORRUPT_CLASS));
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, ExitCodes.of(RevisionException.Reason.UNKNOWN_REVISION));
        assertEquals(ExitCodes.NEGATIVE_VERDICT, ExitCodes.of(UnitException.Reason.SEQUENCE_NOT_NEWER));
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, ExitCodes.of(UnitException.Reason.INPUT_NOT_FOUND));
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, ExitCodes.of(ExitCodes.CliReason.USAGE));
        assertEquals(ExitCodes.INTERNAL_ERROR, ExitCodes.of(Thread.State.NEW), "an unknown reason is a bug");
    }

    @Command(name = "needs-certificate")
    static final class NeedsCertificate implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new SignerException(
                    SignerException.Reason.BAD_INPUT,
                    "key.p12: holds no certificate; give the key's certificate",
                    SignerException.Hint.CERTIFICATE,
                    null);
        }
    }

    @Test
    void theFrontEndNamesItsOwnFlagForALibrarysHint() {
        CommandLine cmd = LiveUpdate.commandLine();
        cmd.addSubcommand(new NeedsCertificate());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));

        int exit = cmd.execute("needs-certificate");

        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, exit);
        assertEquals(
                List.of(
                        "liveupdate: key.p12: holds no certificate; give the key's certificate (give it with --cert CERT)"),
                err.toString().lines().toList());
    }

    @Test
    void everyHintHasAFlag() {
        for (SignerException.Hint hint : SignerException.Hint.values()) {
            assertTrue(
                    ExitCodes.hint(hint).contains("--") || ExitCodes.hint(hint).contains("LIVEUPDATE_"), hint.name());
        }
    }
}
