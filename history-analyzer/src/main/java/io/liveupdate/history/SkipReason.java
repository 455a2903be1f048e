package io.liveupdate.history;

/** Why a commit was SKIPPED (docs/history-analysis.md lists each). */
public enum SkipReason {
    /** The commit has no parent to compare with. */
    ROOT_COMMIT,
    /** The commit's parent is not in a shallow clone. */
    SHALLOW_BOUNDARY,
    /** Only the repository's own build reproduces the commit or its parent, and the repository is not trusted. */
    NEEDS_TRUSTED_BUILD,
    /** A dependency or parent POM of the commit or its parent cannot be resolved. */
    ARTIFACTS_MISSING,
    /** The build files of the commit or its parent cannot be read (an invalid POM, an unsafe path). */
    INVALID_MODEL,
    /** Analysing the commit took longer than the per-commit timeout; it was cancelled. */
    TIMEOUT
}
