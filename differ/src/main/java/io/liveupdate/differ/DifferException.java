package io.liveupdate.differ;

import java.util.Objects;

/**
 * The one exception the differ throws. Its message is a single line that names the offending file (and, where
 * it applies, the class or entry) and what is wrong with it, so front ends can print it as is.
 */
public final class DifferException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the differ gave up. Every reason is a problem with the input, never a bug of the differ. */
    public enum Reason {
        /** A path given as input does not exist or cannot be read. */
        NOT_FOUND,
        /** A file given as an archive is not a readable zip/jar. */
        NOT_A_ZIP,
        /** An archive lists the same entry name twice, so which bytes the JVM would load is ambiguous. */
        DUPLICATE_ENTRY,
        /** A class file is truncated or its structure is invalid. */
        CORRUPT_CLASS,
        /** A class file's major version is newer than the class-file reader supports. */
        UNSUPPORTED_VERSION,
        /** A class file declares a name that does not match its path. */
        NAME_MISMATCH,
        /** An archive entry's bytes do not match the CRC-32 its headers record. */
        CORRUPT_ENTRY,
        /** An input is beyond one of the {@link InputLimits}: a class file, an archive, or their total, too large. */
        TOO_LARGE,
        /** An input named as a build holds no class file (checked by front ends for the builds a user names). */
        NO_CLASSES,
        /** Reading the input failed with an I/O error. */
        IO_ERROR,
        /** An argument to the differ API was invalid (for example an unknown profile name). */
        INVALID_ARGUMENT
    }

    private final Reason reason;

    public DifferException(Reason reason, String message) {
        this(reason, message, null);
    }

    public DifferException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
