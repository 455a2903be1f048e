package io.liveupdate.differ;

/** How a listed class differs between the two builds. Unchanged classes are counted, never listed. */
public enum ClassStatus {
    ADDED,
    REMOVED,
    CHANGED
}
