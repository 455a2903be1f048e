package io.liveupdate.differ;

/**
 * The update ladder: which run-time mechanism can apply a change. Ordered from least to most disruptive, so
 * {@link #compareTo} and {@link #max} order levels the way a user reads them.
 */
public enum UpdateLevel {
    /** Nothing to do at run time: only debug attributes differ (line moves, comment edits). */
    NONE,
    /** Standard HotSpot redefinition (JDK 17/21/25, default flags, or the profile's flags) accepts it. */
    HOTSWAP,
    /** Enhanced redefinition (JetBrains Runtime, {@code -XX:+AllowEnhancedClassRedefinition}) accepts it; new fields start at default values. */
    ENHANCED,
    /** A live update needs a state transformer for existing instances or static state. */
    TRANSFORM,
    /** The change cannot be applied to a running program meaningfully. */
    RESTART;

    public static UpdateLevel max(UpdateLevel a, UpdateLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Parses a level name case-insensitively, with an error that lists the valid names. */
    public static UpdateLevel parse(String name) {
        for (UpdateLevel level : values()) {
            if (level.name().equalsIgnoreCase(name)) {
                return level;
            }
        }
        throw new DifferException(
                DifferException.Reason.INVALID_ARGUMENT,
                "unknown update level '" + name + "' (expected one of NONE, HOTSWAP, ENHANCED, TRANSFORM, RESTART)");
    }
}
