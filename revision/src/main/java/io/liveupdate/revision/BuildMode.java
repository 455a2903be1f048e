package io.liveupdate.revision;

/** How a revision's class files were produced. */
public enum BuildMode {
    /** Every module compiled from all its sources, in memory. */
    FULL,
    /** Derived from another revision's result by recompiling only what can change, in memory. */
    INCREMENTAL,
    /** The project's own Maven on a temporary export of the revision (the exact fallback). */
    MAVEN
}
