package io.liveupdate.cli;

import io.liveupdate.differ.DifferException;
import io.liveupdate.revision.RevisionException;
import io.liveupdate.signer.SignerException;
import io.liveupdate.unit.UnitException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one table from every reason a library (or the command line itself) gives up to the exit code the user sees
 * (DESIGN.md): 1 for a negative verdict, 2 for a usage or input error. Anything else is a bug: exit 3. A test checks
 * that every reason of every library has its row, so a new reason cannot fall through to "internal error".
 */
final class ExitCodes {
    static final int OK = 0;
    static final int NEGATIVE_VERDICT = 1;
    static final int USAGE_OR_INPUT_ERROR = 2;
    static final int INTERNAL_ERROR = 3;

    /** Why the command line itself refuses a request. */
    enum CliReason {
        /** Options that exclude each other, a missing argument, a bad value. */
        USAGE,
        /** An output could not be written (a full disk, a closed pipe). */
        OUTPUT
    }

    static final Map<Enum<?>, Integer> TABLE = table();

    private ExitCodes() {}

    private static Map<Enum<?>, Integer> table() {
        Map<Enum<?>, Integer> table = new LinkedHashMap<>();
        // Every differ reason is a problem with the input builds.
        for (DifferException.Reason r : DifferException.Reason.values()) {
            table.put(r, USAGE_OR_INPUT_ERROR);
        }
        // A revision that cannot be read or built is an input error; so is one that does not compile (its result,
        // not an exception, but reported the same way).
        for (RevisionException.Reason r : RevisionException.Reason.values()) {
            table.put(r, USAGE_OR_INPUT_ERROR);
        }
        // The signer says which of its reasons are verdicts on a signed file.
        for (SignerException.Reason r : SignerException.Reason.values()) {
            table.put(r, r.isVerdict() ? NEGATIVE_VERDICT : USAGE_OR_INPUT_ERROR);
        }
        // The unit library says which of its reasons are refusals of a unit.
        for (UnitException.Reason r : UnitException.Reason.values()) {
            table.put(r, r.isVerdict() ? NEGATIVE_VERDICT : USAGE_OR_INPUT_ERROR);
        }
        table.put(CliReason.USAGE, USAGE_OR_INPUT_ERROR);
        table.put(CliReason.OUTPUT, USAGE_OR_INPUT_ERROR);
        return Collections.unmodifiableMap(table);
    }

    /** The reason a library exception carries, or empty for anything that is not one (a bug). */
    static Optional<Enum<?>> reasonOf(Throwable e) {
        if (e instanceof DifferException d) {
            return Optional.of(d.reason());
        }
        if (e instanceof RevisionException r) {
            return Optional.of(r.reason());
        }
        if (e instanceof SignerException s) {
            return Optional.of(s.reason());
        }
        if (e instanceof UnitException u) {
            return Optional.of(u.reason());
        }
        if (e instanceof LiveUpdate.UsageException) {
            return Optional.of(CliReason.USAGE);
        }
        if (e instanceof LiveUpdate.OutputException) {
            return Optional.of(CliReason.OUTPUT);
        }
        return Optional.empty();
    }

    /** The exit code for {@code reason}; a reason without a row is an internal error. */
    static int of(Enum<?> reason) {
        return TABLE.getOrDefault(reason, INTERNAL_ERROR);
    }

    /** This front end's name for what a signer error asks the user to give. */
    static String hint(SignerException.Hint hint) {
        return switch (hint) {
            case CERTIFICATE -> "give it with --cert CERT";
            case KEY_ALIAS -> "name it with --key-alias ALIAS";
            case PASSPHRASE -> "set " + PassphraseOptions.ENVIRONMENT_VARIABLE + " or give --passphrase-file FILE";
            case PGP_PUBLIC_KEY -> "give it with --pgp-key PUBLIC.asc";
            case JAR_ONLY -> "see --jar-only";
        };
    }
}
