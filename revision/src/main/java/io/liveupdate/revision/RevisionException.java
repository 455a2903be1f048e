package io.liveupdate.revision;

import java.util.Objects;

/**
 * The one exception the revision compiler and the project-model reader throw. Its message is one line naming the
 * repository, revision, file or artifact at fault and what is wrong, so front ends can print it as is. A revision that
 * merely does not compile is not an exception: it is a {@link RevisionResult.Failed}.
 */
public final class RevisionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the revision compiler gave up. */
    public enum Reason {
        /** The directory given as repository is not a git repository (or does not exist). */
        NOT_A_REPOSITORY,
        /** A revision string does not name a commit of the repository. */
        UNKNOWN_REVISION,
        /** A build file at the revision cannot be read as a Maven project model. */
        INVALID_MODEL,
        /** Dependencies of a module could not be resolved. */
        ARTIFACTS_MISSING,
        /** The exact fallback (the project's own Maven on an exported tree) could not be run. */
        FALLBACK_FAILED,
        /**
         * The revision holds what the compiler refuses to read: a tree entry named {@code .} or {@code ..} or with a
         * backslash, a source directory outside the tree, a file beyond the size limit.
         */
        UNSAFE_INPUT,
        /** An argument of the API was invalid (for example an unknown module path). */
        INVALID_ARGUMENT,
        /** Reading the repository or writing output failed with an I/O error. */
        IO_ERROR,
        /** A compile ran past the deadline its caller set ({@link RevisionCompiler#deadline}) and was cancelled. */
        TIMEOUT
    }

    private final Reason reason;

    public RevisionException(Reason reason, String message) {
        this(reason, message, null);
    }

    public RevisionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
