package io.liveupdate.history;

/** What became of one commit (DESIGN.md). */
public enum CommitStatus {
    /** Both sides compiled and at least one class file differs: the commit has a level. */
    ANALYZED,
    /** No main source or build file changed, or both sides compiled to the same class files. */
    NO_CODE_CHANGE,
    /** The parent or the commit does not compile. */
    UNCOMPILABLE,
    /** The commit could not be analysed for a reason other than its sources ({@link SkipReason}). */
    SKIPPED
}
